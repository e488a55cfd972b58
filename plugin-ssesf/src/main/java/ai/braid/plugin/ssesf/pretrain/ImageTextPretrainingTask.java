package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.metric.Accuracy;
import ai.braid.api.metric.RecallAtK;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * VLMo-style image-text pre-training of two modalities a and b: image-text contrast (ITC) of
 * their unimodal vectors, image-text matching (ITM) of each matched pair against an in-batch
 * hard negative, and masked language modelling (MLM), all read from one forward of the
 * multiway fusion with {@code pretraining} set (see {@link PretrainingHead}).
 *
 * <p>Targets, built from the batch size alone: {@value #ITM_LABEL} (B, 2) int64, {@code [1, 0]}
 * per sample (its own pair matches, the hard negative does not), and {@value #ITM_MASK} (B, 2),
 * {@code [1, 1]}, or {@code [1, 0]} in a batch of one sample, which has no negative. Metrics:
 * {@code recall@1_<a>2<b>} and {@code recall@1_<b>2<a>} of ITC over the whole split, {@value
 * #ITM_ACCURACY}, {@value #MLM_ACCURACY} and their mean {@value #SCORE}, the selection metric.
 */
final class ImageTextPretrainingTask implements Task {

    /** ITM labels. */
    static final String ITM_LABEL = "itm_label";
    /** ITM mask: which pairs count. */
    static final String ITM_MASK = "itm_mask";
    /** The ITM accuracy's name. */
    static final String ITM_ACCURACY = "itm_accuracy";
    /** The MLM accuracy's name. */
    static final String MLM_ACCURACY = "mlm_accuracy";
    /** The mean of the other metrics. */
    static final String SCORE = "pretraining_score";

    private final Modality first;
    private final Modality second;
    private final boolean mlm;
    private final PretrainingHead head;

    ImageTextPretrainingTask(Modality first, Modality second, boolean mlm,
            PretrainingHead head) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        this.mlm = mlm;
        this.head = Objects.requireNonNull(head, "head");
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public Set<String> outputs() {
        return new LinkedHashSet<>(head.outputNames());
    }

    @Override
    public Set<String> targetNames() {
        return new LinkedHashSet<>(List.of(ITM_LABEL, ITM_MASK));
    }

    @Override
    public NDList targets(List<Sample> samples, NDManager manager) {
        int batch = samples.size();
        long[] labels = new long[2 * batch];
        float[] counted = new float[2 * batch];
        for (int i = 0; i < batch; i++) {
            labels[2 * i] = 1;
            counted[2 * i] = 1f;
            counted[2 * i + 1] = batch > 1 ? 1f : 0f;
        }
        NDArray label = manager.create(labels, new Shape(batch, 2));
        label.setName(ITM_LABEL);
        NDArray mask = manager.create(counted, new Shape(batch, 2));
        mask.setName(ITM_MASK);
        return new NDList(label, mask);
    }

    @Override
    public List<String> defaultObjectives() {
        return mlm ? List.of(ItcObjectiveFactory.NAME, ItmObjectiveFactory.NAME,
                MlmObjectiveFactory.NAME)
                : List.of(ItcObjectiveFactory.NAME, ItmObjectiveFactory.NAME);
    }

    @Override
    public List<Metric> newMetrics() {
        String forward = first.name() + "2" + second.name();
        String backward = second.name() + "2" + first.name();
        List<Metric> parts = new ArrayList<>();
        parts.add(RecallAtK.builder()
                .optOutputs(PretrainingHead.ITC_A, PretrainingHead.ITC_B)
                .optKs(1)
                .optDirections(forward, backward)
                .build());
        parts.add(Accuracy.builder().optName(ITM_ACCURACY)
                .optLogits(PretrainingHead.ITM_LOGITS).optLabels(ITM_LABEL).optMask(ITM_MASK)
                .build());
        Set<String> averaged = new LinkedHashSet<>(List.of("recall@1_" + forward,
                "recall@1_" + backward, ITM_ACCURACY));
        if (mlm) {
            parts.add(new MaskedTokenAccuracy(MLM_ACCURACY, PretrainingHead.MLM_LOGITS,
                    PretrainingHead.MLM_POSITIVES, PretrainingHead.MLM_VALID));
            averaged.add(MLM_ACCURACY);
        }
        return List.of(new MeanOfMetrics(SCORE, parts, averaged));
    }

    @Override
    public String selectionMetric() {
        return SCORE;
    }

    /**
     * Gives each sample the model's probability that its own pair matches.
     *
     * @param inference runs the trained model
     * @param samples the batch
     * @return per sample its id and {@code itm_match}, in [0, 1]
     */
    @Override
    public List<Map<String, Object>> predict(Inference inference, List<Sample> samples) {
        NDArray logits = inference.forward(samples).get(PretrainingHead.ITM_LOGITS);
        float[] match = logits.get(new NDIndex(":, 0, :")).softmax(1)
                .get(new NDIndex(":, 1")).toFloatArray();
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("id", samples.get(i).id());
            prediction.put("itm_match", match[i]);
            predictions.add(prediction);
        }
        return predictions;
    }
}
