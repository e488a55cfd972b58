package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.LossTerm;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionFactory;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trains the multiway fusion in pre-training mode with the task's head on one fixed batch of
 * image-text pairs whose text follows from the image, through the task's default objectives,
 * and checks that all three losses fall.
 */
class PretrainingTrainingTest {

    private static final Modality IMAGE = PretrainingFusionTest.IMAGE;
    private static final Modality TEXT = PretrainingFusionTest.TEXT;
    private static final int BATCH = 8;
    private static final int DIM = 16;
    private static final int IMAGE_TOKENS = 3;
    private static final int TEXT_TOKENS = 6;
    private static final int WORDS = 10;
    private static final int STEPS = 80;
    private static final Shape[] SHAPES = {
        new Shape(BATCH, IMAGE_TOKENS, 6), new Shape(BATCH, IMAGE_TOKENS),
        new Shape(BATCH, TEXT_TOKENS, DIM), new Shape(BATCH, TEXT_TOKENS)
    };

    /** The fusion and the head as one block, as the runtime's model chains them. */
    private static final class FusionAndHead extends AbstractBlock {

        private final Block fusion;
        private final Block head;

        FusionAndHead(Block fusion, Block head) {
            this.fusion = addChildBlock("fusion", fusion);
            this.head = addChildBlock("head", head);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return head.forward(store, fusion.forward(store, inputs, training, params), training,
                    params);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType,
                Shape... inputShapes) {
            fusion.initialize(manager, dataType, inputShapes);
            head.initialize(manager, dataType, fusion.getOutputShapes(inputShapes));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return head.getOutputShapes(fusion.getOutputShapes(inputShapes));
        }
    }

    /**
     * Sample b shows "class" b: its image tokens are noisy copies of a class vector, its text is
     * [CLS] w(b) w(b+1) w(b+2) w(b+3) [SEP] over a fixed table of word vectors plus a position
     * vector, padded after its real tokens (rows have 6, 5 or 4 real tokens).
     */
    private static NDList batch(NDManager manager) {
        Random random = new Random(11);
        float[][] words = new float[WORDS + 2][DIM];
        float[][] positions = new float[TEXT_TOKENS][DIM];
        for (float[][] table : List.of(words, positions)) {
            for (float[] row : table) {
                for (int d = 0; d < DIM; d++) {
                    row[d] = (float) random.nextGaussian();
                }
            }
        }
        float[] image = new float[BATCH * IMAGE_TOKENS * 6];
        float[] text = new float[BATCH * TEXT_TOKENS * DIM];
        float[] textMask = new float[BATCH * TEXT_TOKENS];
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < IMAGE_TOKENS * 6; i++) {
                image[b * IMAGE_TOKENS * 6 + i] = (i % 6 == b % 6 ? 2f : 0f) + (b >= 6 ? 1f : 0f)
                        * (i % 2) + 0.1f * (float) random.nextGaussian();
            }
            int real = TEXT_TOKENS - b % 3;
            for (int t = 0; t < real; t++) {
                int word = t == 0 ? WORDS : t == real - 1 ? WORDS + 1 : (b + t - 1) % WORDS;
                for (int d = 0; d < DIM; d++) {
                    text[(b * TEXT_TOKENS + t) * DIM + d] = words[word][d] + positions[t][d];
                }
                textMask[b * TEXT_TOKENS + t] = 1f;
            }
        }
        return new NDList(manager.create(image, SHAPES[0]), manager.ones(SHAPES[1]),
                manager.create(text, SHAPES[2]), manager.create(textMask, SHAPES[3]));
    }

    @Test
    void itcItmAndMlmAllFallOnAFixedBatch() {
        MultiwayFusionFactory fusionFactory = new MultiwayFusionFactory();
        Map<String, Object> options = new LinkedHashMap<>(Map.of("dim", (long) DIM,
                "heads", 2L, "layers", 2L, "dropout", 0.0, "pretraining",
                List.of("image", "text"), "mlm", "text", "mlmProbability", 0.3, "mlmSlots", 2L,
                "experts", Map.of("image", "vision", "text", "language"),
                "sharedFfnFrom", 1L));
        Block fusion = fusionFactory.create(Configs.of(fusionFactory, "fusion", options),
                List.of(IMAGE, TEXT), Map.of(IMAGE, 6, TEXT, DIM)).block();
        ImageTextPretrainingTaskFactory taskFactory = new ImageTextPretrainingTaskFactory();
        Task task = taskFactory.create(Configs.of(taskFactory, "task", Map.of()),
                new TaskContext(new NoData(), DIM, List.of(IMAGE, TEXT)));
        List<Objective> objectives = Objectives.defaults(task);
        assertThat(task.defaultObjectives()).containsExactly("itc", "itm", "mlm");

        Map<String, float[]> curves = new LinkedHashMap<>();
        int modelArrays = 0;
        try (Model model = Model.newInstance("pretraining")) {
            model.setBlock(new FusionAndHead(fusion, task.head()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(3e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(SHAPES);
                for (int step = 0; step < STEPS; step++) {
                    Engine.getInstance().setRandomSeed(100 + step);
                    try (NDManager manager = trainer.getManager().newSubManager()) {
                        NDList inputs = batch(manager);
                        NDList targets = task.targets(NoData.samples(BATCH), manager);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList outputs = trainer.forward(inputs);
                            NDArray total = null;
                            for (Objective objective : objectives) {
                                for (LossTerm term : objective.compute(outputs, targets)) {
                                    curves.computeIfAbsent(term.name(), k -> new float[STEPS])
                                            [step] = term.value().getFloat();
                                    total = total == null ? term.value()
                                            : total.add(term.value());
                                }
                            }
                            collector.backward(total);
                        }
                        trainer.step();
                    }
                    if (step == 0) {
                        // Leak guard: the optimizer state exists now; from here on the model's
                        // arrays stay as many, and an array wrongly made on the trainer's
                        // manager throws.
                        trainer.getManager().cap();
                        modelArrays = model.getNDManager().getManagedArrays().size();
                    }
                }
                assertThat(model.getNDManager().getManagedArrays()).hasSize(modelArrays);
            }
        }
        assertThat(curves).containsOnlyKeys("itc", "itm", "mlm");
        curves.forEach((name, curve) -> {
            float first = mean(curve, 0, 5);
            float last = mean(curve, STEPS - 5, STEPS);
            // measured: itc 4.48 -> 0.011, itm 0.94 -> 0.22, mlm 3.47 -> 0.38
            assertThat(last).as(name).isLessThan(0.5f * first);
        });
    }

    private static float mean(float[] values, int from, int to) {
        float sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
