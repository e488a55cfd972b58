package ai.braid.plugin.betavae.task;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.betavae.DSpritesFactors;
import ai.braid.plugin.betavae.DSpritesReader;
import ai.braid.plugin.betavae.metric.FactorRepresentation;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trained encoder as a representation for the disentanglement metric: each image is
 * rendered from its factors and encoded to its posterior mean, as in Higgins et al. (2017) and
 * disentanglement_lib.
 *
 * <p>Encodes in batches of {@value #BATCH} images, each on a sub-manager closed right after,
 * so memory stays flat however many images the metric asks for.
 */
final class EncoderRepresentation implements FactorRepresentation {

    static final int BATCH = 512;

    private final Inference inference;
    private final Modality modality;
    private final DSpritesReader reader;
    private final int latent;

    EncoderRepresentation(Inference inference, Modality modality, DSpritesReader reader,
            int latent) {
        this.inference = Objects.requireNonNull(inference, "inference");
        this.modality = Objects.requireNonNull(modality, "modality");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.latent = latent;
    }

    @Override
    public double[][] encode(List<DSpritesFactors> factors) {
        double[][] codes = new double[factors.size()][];
        for (int start = 0; start < factors.size(); start += BATCH) {
            int end = Math.min(factors.size(), start + BATCH);
            List<Sample> batch = new ArrayList<>(end - start);
            for (DSpritesFactors f : factors.subList(start, end)) {
                batch.add(reader.sample(f));
            }
            try (NDManager manager = inference.manager().newSubManager()) {
                TokenSequence tokens = inference.project(modality, batch, manager);
                float[] means = tokens.embeddings()
                        .get(new NDIndex(":, 0, :{}", latent)).toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    double[] code = new double[latent];
                    for (int j = 0; j < latent; j++) {
                        code[j] = means[i * latent + j];
                    }
                    codes[start + i] = code;
                }
            }
        }
        return codes;
    }
}
