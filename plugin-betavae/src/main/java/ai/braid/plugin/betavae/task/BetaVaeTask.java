package ai.braid.plugin.betavae.task;

import ai.braid.api.data.Modality;
import ai.braid.api.data.MetricValue;
import ai.braid.api.data.Sample;
import ai.braid.api.data.Split;
import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.braid.plugin.betavae.DSpritesReader;
import ai.braid.plugin.betavae.metric.DisentanglementMetric;
import ai.braid.plugin.betavae.metric.DisentanglementScore;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.braid.plugin.betavae.objective.BetaElbo;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsupervised representation learning with a beta-VAE (Higgins et al. 2017).
 *
 * <p>The head ({@link BetaVaeHead}) reads the encoder's posterior from the fused vector and
 * decodes a sampled code; the target {@value BetaElbo#PIXELS} {@code (B, C * S * S)} is the
 * input image itself in [0, 1]. Metrics per split: the objective's terms and {@link
 * LatentKlMetric}; the best epoch is the one with the lowest validation loss (the negative
 * beta-ELBO), a choice that needs no labels. On dSprites the test evaluation also scores the
 * disentanglement metric of the paper on the encoder's means ({@code disentanglement}, with
 * {@code disentanglement_train} the classifier's training accuracy), and optionally the
 * paper's baselines on the same protocol ({@code baseline/...}).
 */
public final class BetaVaeTask implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(BetaVaeTask.class);

    private final BetaVaeHead head;
    private final Modality modality;
    private final ImagePreprocessor preprocessor;
    private final int latent;
    private final DatasetReader dataset;
    private final DisentanglementSettings disentanglement;
    private final BetaVaeFigures figures;

    /**
     * Creates the task.
     *
     * @param head the head
     * @param modality the image modality, reconstructed and encoded
     * @param preprocessor turns its images into target pixels, as the encoder's projector does
     * @param latent Z
     * @param dataset the pipeline's reader: dSprites enables the disentanglement metric, and
     *     pictures draw validation images from it
     * @param disentanglement how to measure disentanglement
     * @param figures draws the pictures
     */
    public BetaVaeTask(BetaVaeHead head, Modality modality, ImagePreprocessor preprocessor,
            int latent, DatasetReader dataset, DisentanglementSettings disentanglement,
            BetaVaeFigures figures) {
        this.head = Objects.requireNonNull(head, "head");
        this.modality = Objects.requireNonNull(modality, "modality");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.latent = latent;
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.disentanglement = Objects.requireNonNull(disentanglement, "disentanglement");
        this.figures = Objects.requireNonNull(figures, "figures");
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(BetaVaeHead.MU, BetaVaeHead.LOG_VARIANCE, BetaVaeHead.RECONSTRUCTION);
    }

    @Override
    public Set<String> targetNames() {
        return Set.of(BetaElbo.PIXELS);
    }

    @Override
    public NDList targets(List<Sample> samples, NDManager manager) {
        List<Image> images = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            images.add(sample.input(modality, Image.class));
        }
        NDArray pixels = preprocessor.preprocess(images, manager).head();
        NDArray flat = pixels.reshape(samples.size(), -1);
        flat.setName(BetaElbo.PIXELS);
        return new NDList(flat);
    }

    @Override
    public List<String> defaultObjectives() {
        return List.of("beta-elbo");
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new LatentKlMetric());
    }

    @Override
    public String selectionMetric() {
        return "loss";
    }

    /**
     * Encodes each sample: its posterior means and log-variances.
     *
     * @param inference runs the trained model
     * @param samples the batch
     * @return per sample {@code id}, {@code mu} and {@code logvar} (lists of Z numbers)
     */
    @Override
    public List<Map<String, Object>> predict(Inference inference, List<Sample> samples) {
        NDList outputs = inference.forward(samples);
        float[] means = outputs.get(BetaVaeHead.MU).toFloatArray();
        float[] logs = outputs.get(BetaVaeHead.LOG_VARIANCE).toFloatArray();
        List<Map<String, Object>> predictions = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            List<Float> mu = new ArrayList<>(latent);
            List<Float> logvar = new ArrayList<>(latent);
            for (int j = 0; j < latent; j++) {
                mu.add(means[i * latent + j]);
                logvar.add(logs[i * latent + j]);
            }
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("id", samples.get(i).id());
            prediction.put("mu", mu);
            prediction.put("logvar", logvar);
            predictions.add(prediction);
        }
        return predictions;
    }

    /**
     * Scores disentanglement on the test split of dSprites: the metric draws its own image
     * pairs from all 737,280 factor combinations, so it does not depend on the split's
     * samples; it runs once per test evaluation because it encodes
     * {@code (trainPoints + evalPoints) * 2 * pairs} images.
     */
    @Override
    public List<MetricValue> evaluateModel(Inference inference, Split split) {
        if (split != Split.TEST || !disentanglement.enabled()
                || !(dataset instanceof DSpritesReader reader)) {
            return List.of();
        }
        DisentanglementMetric metric = DisentanglementMetric.builder()
                .optPairs(disentanglement.pairs())
                .optTrainPoints(disentanglement.trainPoints())
                .optEvalPoints(disentanglement.evalPoints())
                .optSeed(disentanglement.seed())
                .build();
        List<MetricValue> values = new ArrayList<>();
        LOG.info("disentanglement metric: {} training and {} evaluation points of {} pairs",
                disentanglement.trainPoints(), disentanglement.evalPoints(),
                disentanglement.pairs());
        DisentanglementScore score =
                metric.evaluate(new MemoizedRepresentation(
                        new EncoderRepresentation(inference, modality, reader, latent), latent));
        values.add(new MetricValue("disentanglement", score.evalAccuracy(), true));
        values.add(new MetricValue("disentanglement_train", score.trainAccuracy(), true));
        double[] recalls = score.evalRecallPerFactor();
        for (int f = 0; f < recalls.length; f++) {
            values.add(new MetricValue("disentanglement/" + DSpritesReader.FACTOR_NAMES.get(f),
                    recalls[f], true));
        }
        LOG.info("disentanglement metric: {} (classifier training accuracy {})",
                score.evalAccuracy(), score.trainAccuracy());
        if (disentanglement.baselines()) {
            values.addAll(Baselines.score(metric, disentanglement.baselineFitImages(),
                    disentanglement.seed()));
        }
        return values;
    }

    /**
     * Draws latent traversals, reconstructions and the KL per unit ({@link BetaVaeFigures}).
     */
    @Override
    public void drawFigures(Inference inference, Path directory) {
        figures.draw(inference, head, modality, dataset, directory);
    }
}
