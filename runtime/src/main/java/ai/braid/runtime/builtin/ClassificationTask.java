package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.metric.Accuracy;
import ai.braid.api.metric.BinaryPrecisionRecallF1;
import ai.braid.api.metric.MacroPrecisionRecallF1;
import ai.braid.api.nn.MlpHead;
import ai.braid.api.spi.Inference;
import ai.braid.api.spi.Metric;
import ai.braid.api.spi.Task;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-label classification of the pooled fused vector.
 *
 * <p>The head outputs {@code logits (B, C)} (dropout, then a linear layer or an MLP with one
 * hidden layer) and {@code embedding (B, D)}, the pooled vector itself, so that an embedding
 * objective such as supcon can train next to cross-entropy. The target is the class index (B).
 * Metrics: accuracy (the selection metric), macro precision/recall/F1, and for two classes the
 * precision, recall and F1 of class 1. With {@code modalityEmbeddings} the head also passes each
 * modality's pooled vector on as {@code embedding.<modality> (B, D)}. Figures: when the fusion
 * returns attention maps, where the pooled vector of up to two test samples per class looks
 * ({@link AttentionMaps}).
 */
final class ClassificationTask implements Task {

    static final String LOGITS = "logits";
    static final String EMBEDDING = "embedding";

    /** Samples drawn per class in the attention figures. */
    private static final int FIGURES_PER_CLASS = 2;
    /** How far into the test split the figures look for samples of every class. */
    private static final int FIGURE_SEARCH = 500;

    private final String target;
    private final List<String> classes;
    private final Block head;
    private final AttentionMaps attentionMaps;

    /**
     * Creates the task.
     *
     * @param target the name of the class-index target
     * @param classes the class names, index = class id; at least two
     * @param hidden the hidden width of the head; 0 for a linear head
     * @param dropout the dropout rate on the pooled vector and after the hidden layer
     * @param modalities the model's modalities in fusion order, for the attention figures
     * @param modalityEmbeddings whether the head outputs {@code embedding.<modality>}
     */
    ClassificationTask(String target, List<String> classes, int hidden, float dropout,
            List<Modality> modalities, boolean modalityEmbeddings) {
        this.target = target;
        this.classes = List.copyOf(classes);
        this.head = new Head(classes.size(), hidden, dropout,
                modalityEmbeddings ? modalities : List.of());
        this.attentionMaps = new AttentionMaps(modalities);
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public Set<String> outputs() {
        Set<String> outputs = new LinkedHashSet<>(List.of(LOGITS, EMBEDDING));
        ((Head) head).embedded.forEach(modality -> outputs.add(Head.embeddingOf(modality)));
        return outputs;
    }

    @Override
    public Set<String> targetNames() {
        return Set.of(target);
    }

    @Override
    public NDList targets(List<Sample> samples, NDManager manager) {
        long[] labels = new long[samples.size()];
        for (int i = 0; i < labels.length; i++) {
            Sample sample = samples.get(i);
            long label = sample.target(target, Number.class).longValue();
            if (label < 0 || label >= classes.size()) {
                throw new UserInputException("sample '" + sample.id() + "': " + target + " = "
                        + label + " is not a class index in [0, " + classes.size() + ")");
            }
            labels[i] = label;
        }
        NDArray array = manager.create(labels);
        array.setName(target);
        return new NDList(array);
    }

    @Override
    public List<String> defaultObjectives() {
        return List.of("cross-entropy");
    }

    @Override
    public List<Metric> newMetrics() {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Accuracy.builder().optLogits(LOGITS).optLabels(target).build());
        metrics.add(MacroPrecisionRecallF1.builder().optLogits(LOGITS).optLabels(target).build());
        if (classes.size() == 2) {
            metrics.add(BinaryPrecisionRecallF1.builder()
                    .optLogits(LOGITS).optLabels(target).optPositiveClass(1).build());
        }
        return metrics;
    }

    @Override
    public String selectionMetric() {
        return "accuracy";
    }

    @Override
    public List<Map<String, Object>> predict(Inference inference, List<Sample> samples) {
        NDArray probabilities = inference.forward(samples).get(LOGITS).softmax(1);
        float[] values = probabilities.toFloatArray();
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            int best = 0;
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                float p = values[i * classes.size() + c];
                perClass.put(classes.get(c), p);
                if (p > values[i * classes.size() + best]) {
                    best = c;
                }
            }
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("id", samples.get(i).id());
            prediction.put(target, classes.get(best));
            prediction.put("probabilities", perClass);
            predictions.add(prediction);
        }
        return predictions;
    }

    @Override
    public void drawFigures(Inference inference, Path directory) {
        SampleSet test = inference.samples(Split.TEST);
        List<Sample> chosen = new ArrayList<>();
        int[] perClass = new int[classes.size()];
        for (int i = 0; i < Math.min(test.size(), FIGURE_SEARCH); i++) {
            Sample sample = test.get(i);
            int label = sample.target(target, Number.class).intValue();
            if (label >= 0 && label < perClass.length && perClass[label] < FIGURES_PER_CLASS) {
                perClass[label]++;
                chosen.add(sample);
            }
        }
        if (chosen.isEmpty()) {
            return;
        }
        List<Map<String, Object>> predicted = predict(inference, chosen);
        Map<String, String> predictions = new LinkedHashMap<>();
        predicted.forEach(p -> predictions.put((String) p.get("id"), (String) p.get(target)));
        attentionMaps.draw(inference, chosen, sample -> sample.id() + ": "
                + classes.get(sample.target(target, Number.class).intValue())
                + ", predicted " + predictions.get(sample.id()), directory);
    }

    /**
     * From the pooled vector (B, D) to {@code logits (B, C)} and {@code embedding (B, D)}.
     *
     * <p>Input: a {@link FusedOutput} as an {@link NDList}; {@code pooled} is read, and the
     * modalities' pooled vectors when they are passed on as {@code embedding.<modality>}.
     */
    private static final class Head extends AbstractBlock {

        private final Dropout dropout;
        private final MlpHead classifier;
        private final List<Modality> embedded;

        Head(int classes, int hidden, float rate, List<Modality> embedded) {
            this.embedded = List.copyOf(embedded);
            dropout = addChildBlock("dropout", Dropout.builder().optRate(rate).build());
            classifier = addChildBlock("classifier", MlpHead.builder()
                    .optHiddenSizes(hidden == 0 ? List.of() : List.of(hidden))
                    .optDropout(rate)
                    .setOutputUnits(classes)
                    .build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray pooled = FusedOutput.from(inputs).pooled();
            NDArray dropped = dropout.forward(store, new NDList(pooled), training, params).head();
            NDArray logits = classifier.forward(store, new NDList(dropped), training, params)
                    .head();
            logits.setName(LOGITS);
            // a view, so naming it leaves the fusion's "pooled" array as it was
            NDArray embedding = pooled.reshape(pooled.getShape());
            embedding.setName(EMBEDDING);
            NDList outputs = new NDList(logits, embedding);
            Map<Modality, NDArray> modalityPooled = FusedOutput.from(inputs).modalityPooled();
            for (Modality modality : embedded) {
                NDArray vector = modalityPooled.get(modality);
                if (vector == null) {
                    throw new UserInputException("task.modalityEmbeddings: the fusion keeps no"
                            + " pooled vector of modality '" + modality + "'; use a fusion that"
                            + " does (transformer, multiway) or set modalityEmbeddings: false");
                }
                NDArray named = vector.reshape(vector.getShape());
                named.setName(embeddingOf(modality));
                outputs.add(named);
            }
            return outputs;
        }

        static String embeddingOf(Modality modality) {
            return EMBEDDING + "." + modality.name();
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            dropout.initialize(manager, dataType, inputShapes[0]);
            classifier.initialize(manager, dataType, inputShapes[0]);
        }

        /**
         * Returns {@code [logits (B, C), embedding (B, D), embedding.<modality> (B, D)...]}.
         *
         * @param inputShapes the fused output's shapes, pooled (B, D) first
         * @return the output shapes
         */
        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape pooled = inputShapes[0];
            Shape[] shapes = new Shape[2 + embedded.size()];
            shapes[0] = classifier.getOutputShapes(new Shape[] {pooled})[0];
            Arrays.fill(shapes, 1, shapes.length, pooled);
            return shapes;
        }
    }
}
