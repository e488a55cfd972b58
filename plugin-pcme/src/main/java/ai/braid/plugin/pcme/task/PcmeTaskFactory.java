package ai.braid.plugin.pcme.task;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;
import ai.braid.plugin.pcme.model.MatchScale;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.model.ProbabilisticEmbedder;
import ai.braid.plugin.pcme.similarity.MatchProbabilitySimilarity;
import ai.braid.plugin.pcme.similarity.MuSimilarity;
import ai.braid.plugin.pcme.similarity.Similarities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The task {@value #NAME}: cross-modal retrieval with probabilistic (PCME) or deterministic
 * embeddings of two modalities ({@link PcmeTask}).
 *
 * <pre>
 * projectors:
 *   image: { name: conv-image, imageSize: 32, dim: 128 }
 *   text:  { name: wordpiece, dim: 128 }
 * fusion: pool
 * task: { name: pcme-retrieval, embedding: 64, contextual: [text] }
 * objectives:
 *   - { name: pcme }
 * </pre>
 *
 * <p>The head embeds each modality from its own tokens, so the fusion must keep them: {@code
 * pool} does. {@code probabilistic: false} gives the deterministic baseline with the same
 * encoders (train it with {@code info-nce} on {@code mu_a} and {@code mu_b}).
 */
public final class PcmeTaskFactory implements TaskFactory {

    /** The name pipeline files use. */
    public static final String NAME = "pcme-retrieval";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addStringList("modalities", List.of(), "the two modalities to embed, a then b;"
                    + " a is the one whose items the group target identifies (the image);"
                    + " empty = the pipeline's first two")
            .addInteger("embedding", 64, 2, 1 << 14, "embedding width D")
            .addInteger("attentionHidden", 0, 0, 1 << 14, "width of the attention pooling's"
                    + " tanh layer; 0 = D")
            .addStringList("contextual", List.of(), "modalities whose global feature comes"
                    + " from a bidirectional GRU over their tokens (PCME's caption encoder)")
            .addBoolean("probabilistic", true, "Gaussian embeddings (PCME); false = points,"
                    + " the deterministic baseline")
            .addInteger("samples", 7, 1, 64, "J, Monte-Carlo samples per embedding")
            .addNumber("initialSigma", 0.05, 1e-4, 10, "sigma at initialisation (the sigma"
                    + " branch's bias starts at its log)")
            .addNumber("scale", 5.0, 1e-3, 1e3, "initial a of the match logit -a*d + b")
            .addNumber("shift", 5.0, -1e3, 1e3, "initial b of the match logit")
            .addString("similarity", "auto", "test-time similarity: " + Similarities.names()
                    + "; auto = match-prob when probabilistic, mu otherwise")
            .addInteger("similaritySeed", 0, 0, Integer.MAX_VALUE,
                    "seed of match-prob's samples at test time")
            .addString("group", "image", "target: id of the a-item a sample shows")
            .addString("category", "category", "target: class index, for R-Precision and"
                    + " mAP@R; left out when the dataset has no such target")
            .addString("labels", "tags", "target: label ids (int[]), for PMRP; left out when"
                    + " the dataset has no such target")
            .addChoice("gallery", "test", List.of("train", "validation", "test", "all"),
                    "split whose items answer queries in braid predict")
            .addInteger("top", 10, 1, 1000, "results per query in braid predict")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cross-modal retrieval with probabilistic embeddings (PCME) or points; Recall@K,"
                + " R-Precision, mAP@R, PMRP; ranked answers to queries";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Task create(ComponentConfig config, TaskContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
        List<Modality> pair = pair(config, context);
        int dimension = config.getInt("embedding");
        int hidden = config.getInt("attentionHidden") == 0 ? dimension
                : config.getInt("attentionHidden");
        boolean probabilistic = config.getBoolean("probabilistic");
        List<String> contextual = config.getStringList("contextual");
        for (String name : contextual) {
            if (!pair.contains(Modality.of(name))) {
                throw new UserInputException(config.where("contextual") + ": '" + name
                        + "' is not one of the embedded modalities " + pair);
            }
        }
        if (dimension % 2 != 0 && !contextual.isEmpty()) {
            throw new UserInputException(config.where("embedding") + ": a contextual"
                    + " embedder's GRU gives D / 2 per direction, so D must be even, got "
                    + dimension);
        }
        PcmeHead head = new PcmeHead(
                pair.get(0), embedder(config, dimension, hidden, pair.get(0), probabilistic),
                pair.get(1), embedder(config, dimension, hidden, pair.get(1), probabilistic),
                config.getInt("samples"),
                probabilistic ? new MatchScale(config.getFloat("scale"), config.getFloat("shift"))
                        : null,
                context.modalities());
        SimilarityChoice similarity = similarity(config, probabilistic);
        RetrievalTargets targets = new RetrievalTargets(config.getString("group"),
                provided(context, config.getString("category")),
                provided(context, config.getString("labels")));
        return new PcmeTask(head, similarity, targets, context.dataset(),
                new QuerySettings(GallerySplit.of(config.getString("gallery")),
                        config.getInt("top")));
    }

    /** Returns the target name if the dataset provides it, else null (the metric is left out). */
    private static String provided(TaskContext context, String target) {
        boolean present = context.dataset().targets().stream()
                .anyMatch(spec -> spec.name().equals(target));
        return present ? target : null;
    }

    private static ProbabilisticEmbedder embedder(ComponentConfig config, int dimension,
            int hidden, Modality modality, boolean probabilistic) {
        return new ProbabilisticEmbedder(dimension, hidden,
                config.getStringList("contextual").contains(modality.name()), probabilistic,
                config.getFloat("initialSigma"));
    }

    private static SimilarityChoice similarity(ComponentConfig config, boolean probabilistic) {
        String name = config.getString("similarity");
        if (name.equals("auto")) {
            name = probabilistic ? MatchProbabilitySimilarity.NAME : MuSimilarity.NAME;
        }
        if (!Similarities.names().contains(name)) {
            throw new UserInputException(config.where("similarity") + ": unknown similarity '"
                    + name + "'; expected auto or one of " + Similarities.names());
        }
        SimilarityChoice similarity = new SimilarityChoice(name, config.getInt("samples"),
                config.getLong("similaritySeed"));
        if (similarity.needsSigma() && !probabilistic) {
            throw new UserInputException(config.where("similarity") + ": '" + name + "' reads"
                    + " sigma, but the embeddings are deterministic (probabilistic: false);"
                    + " use mu");
        }
        return similarity;
    }

    private static List<Modality> pair(ComponentConfig config, TaskContext context) {
        List<String> names = config.getStringList("modalities");
        List<Modality> pair = new ArrayList<>();
        if (names.isEmpty()) {
            if (context.modalities().size() < 2) {
                throw new UserInputException(config.where("modalities") + ": retrieval needs"
                        + " two modalities, the pipeline has " + context.modalities());
            }
            return context.modalities().subList(0, 2);
        }
        if (names.size() != 2) {
            throw new UserInputException(config.where("modalities") + ": expected two"
                    + " modalities, got " + names);
        }
        for (String name : names) {
            Modality modality = Modality.of(name);
            if (!context.modalities().contains(modality)) {
                throw new UserInputException(config.where("modalities") + ": the pipeline has"
                        + " no projector for '" + name + "'; it has " + context.modalities());
            }
            pair.add(modality);
        }
        return pair;
    }
}
