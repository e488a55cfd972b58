package ai.braid.runtime.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.config.OptionSpec;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.FusionBlock;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerFusionTest {

    private static final Modality IMAGE = Modality.of("image");
    private static final Modality TEXT = Modality.of("text");
    private static final List<Modality> MODALITIES = List.of(IMAGE, TEXT);
    /** image: 3 tokens of width 5 (projected), text: 4 tokens of width 8 (= dim). */
    private static final Map<Modality, Integer> DIMS = Map.of(IMAGE, 5, TEXT, 8);
    private static final Shape[] INPUT_SHAPES = {
        new Shape(2, 3, 5), new Shape(2, 3), new Shape(2, 4, 8), new Shape(2, 4)
    };
    /** 1 [CLS] + 3 + 4. */
    private static final int LENGTH = 8;

    private final TransformerFusionFactory factory = new TransformerFusionFactory();

    private FusionBlock fusion(Map<String, Object> options) {
        Map<String, Object> set = new LinkedHashMap<>(
                Map.of("dim", 8L, "heads", 2L, "dropout", 0.0));
        set.putAll(options);
        return factory.create(Configs.at(factory, "fusion", set), MODALITIES, DIMS);
    }

    private static Block initialized(FusionBlock fusion, NDManager manager) {
        Block block = fusion.block();
        block.initialize(manager, DataType.FLOAT32, INPUT_SHAPES);
        return block;
    }

    private static NDList forward(Block block, NDManager manager, boolean training,
            NDList inputs) {
        return block.forward(new ParameterStore(manager, false), inputs, training);
    }

    /** Image row 0 has 2 real tokens, row 1 has 3; text row 0 has 4, row 1 has 1. */
    private static NDList inputs(NDManager manager) {
        return new NDList(
                manager.randomNormal(INPUT_SHAPES[0]), mask(manager, 3, 2, 3),
                manager.randomNormal(INPUT_SHAPES[2]), mask(manager, 4, 4, 1));
    }

    private static NDArray mask(NDManager manager, int length, int... lengths) {
        float[] values = new float[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                values[b * length + t] = 1f;
            }
        }
        return manager.create(values, new Shape(lengths.length, length));
    }

    /** Same tokens where the mask is 1, large noise where it is 0. */
    private static NDArray repad(NDManager manager, NDArray x, NDArray mask) {
        NDArray keep = mask.expandDims(2);
        NDArray noise = manager.randomNormal(0f, 10f, x.getShape(), DataType.FLOAT32);
        return x.mul(keep).add(noise.mul(keep.sub(1f).neg()));
    }

    @Test
    void optionsHaveTheDocumentedDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec spec : factory.options().options()) {
            defaults.put(spec.name(), spec.defaultValue());
        }
        assertThat(factory.name()).isEqualTo("transformer");
        assertThat(defaults).containsExactly(Map.entry("dim", 64L), Map.entry("layers", 2L),
                Map.entry("heads", 4L), Map.entry("ffnDim", 0L), Map.entry("dropout", 0.1),
                Map.entry("pooling", "cls"),
                Map.entry("norm", "pre"));
        assertThat(factory.options().find("norm").orElseThrow().choices())
                .containsExactly("pre", "post");
        assertThat(factory.options().find("dropout").orElseThrow().max()).isLessThan(1.0);
        FusionBlock defaultFusion = factory.create(Configs.defaults(factory, "fusion"),
                MODALITIES, DIMS);
        assertThat(defaultFusion.outputDim()).isEqualTo(64);
    }

    @Test
    void headsThatDoNotDivideDimAreAnErrorNamingFusionHeads() {
        assertThatThrownBy(() -> fusion(Map.of("heads", 3L)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.heads (p.yaml:7): ")
                .hasMessageContaining("dim = 8");
        assertThatThrownBy(() -> factory.create(
                Configs.at(factory, "fusion", Map.of("dim", 10L)), MODALITIES, DIMS))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.heads (default): 4 heads do not divide dim = 10");
    }

    @Test
    void outputsComeInFusedOutputOrderWithTheDeclaredShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FusionBlock fusion = fusion(Map.of());
            Block block = initialized(fusion, manager);
            NDList out = forward(block, manager, false, inputs(manager));

            Shape[] declared = block.getOutputShapes(INPUT_SHAPES);
            assertThat(out).hasSize(3 + 2 + 2 + 1);
            assertThat(out.getShapes()).containsExactly(declared);
            assertThat(declared).containsExactly(new Shape(2, 8), new Shape(2, LENGTH, 8),
                    new Shape(2, LENGTH), new Shape(2, 2, LENGTH, LENGTH),
                    new Shape(2, 2, LENGTH, LENGTH), new Shape(2, 8), new Shape(2, 8),
                    new Shape(2, LENGTH));
            List<String> names = new ArrayList<>();
            out.forEach(array -> names.add(array.getName()));
            assertThat(names.subList(0, 5)).containsExactly(
                    "pooled", "sequence", "mask", "attention.0", "attention.1");
            assertThat(names.subList(5, 7))
                    .containsExactlyInAnyOrder("pooled.image", "pooled.text");
            assertThat(names.get(7)).isEqualTo(FusedOutput.POOLING_WEIGHTS);
            assertThat(fusion.outputDim()).isEqualTo(8);

            FusedOutput fused = FusedOutput.from(out);
            assertThat(fused.mask().toFloatArray()).containsExactly(
                    1, 1, 1, 0, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 0, 0, 0);
            assertThat(fused.pooled().toFloatArray())
                    .containsExactly(fused.sequence().get(":, 0, :").toFloatArray());
        }
    }

    @Test
    void onlyModalitiesOfAnotherWidthGetAProjection() {
        Block block = fusion(Map.of()).block();
        List<String> names = new ArrayList<>();
        block.getParameters().forEach(p -> names.add(p.getKey()));
        assertThat(names).anyMatch(name -> name.contains("projection0"));
        assertThat(names).noneMatch(name -> name.contains("projection1"));
        assertThat(names).contains("typeEmbeddings", "cls");
    }

    @Test
    void modalityVectorsAreMaskedMeansOfTheirSliceOfTheFinalSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized(fusion(Map.of()), manager);
            FusedOutput fused = FusedOutput.from(forward(block, manager, false, inputs(manager)));

            float[] sequence = fused.sequence().toFloatArray();
            // row 1 of text: only its first token (position 1 + 3) is real
            float[] text = fused.modalityPooled().get(TEXT).toFloatArray();
            for (int d = 0; d < 8; d++) {
                assertThat(text[8 + d]).isCloseTo(sequence[(LENGTH + 4) * 8 + d], within(1e-5f));
            }
            // row 0 of image: positions 1 and 2 are real
            float[] image = fused.modalityPooled().get(IMAGE).toFloatArray();
            for (int d = 0; d < 8; d++) {
                float mean = (sequence[8 + d] + sequence[2 * 8 + d]) / 2;
                assertThat(image[d]).isCloseTo(mean, within(1e-5f));
            }
        }
    }

    @Test
    void paddedTokensDoNotChangeThePooledOutputs() {
        for (String norm : List.of("pre", "post")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block block = initialized(fusion(Map.of("norm", norm)), manager);
                NDList inputs = inputs(manager);
                NDList repadded = new NDList(
                        repad(manager, inputs.get(0), inputs.get(1)), inputs.get(1),
                        repad(manager, inputs.get(2), inputs.get(3)), inputs.get(3));
                FusedOutput a = FusedOutput.from(forward(block, manager, false, inputs));
                FusedOutput b = FusedOutput.from(forward(block, manager, false, repadded));

                assertThat(inputs.get(0).sub(repadded.get(0)).abs().max().getFloat())
                        .isGreaterThan(1f);
                assertThat(maxDiff(a.pooled(), b.pooled())).as(norm).isLessThan(1e-4f);
                for (Modality modality : MODALITIES) {
                    assertThat(maxDiff(a.modalityPooled().get(modality),
                            b.modalityPooled().get(modality))).as(norm + " " + modality)
                            .isLessThan(1e-4f);
                }
            }
        }
    }

    @Test
    void poolingWeightsSayHowThePooledVectorReadsTheSequence() {
        for (String pooling : List.of("cls", "mean")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block block = initialized(fusion(Map.of("pooling", pooling)), manager);
                FusedOutput fused = FusedOutput.from(
                        forward(block, manager, false, inputs(manager)));

                NDArray weights = fused.findExtra(FusedOutput.POOLING_WEIGHTS).orElseThrow();
                // sample 0 has 1 + 2 + 4 real tokens, sample 1 has 1 + 3 + 1
                float[] expected = pooling.equals("cls")
                        ? new float[] {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}
                        : new float[] {1 / 7f, 1 / 7f, 1 / 7f, 0, 1 / 7f, 1 / 7f, 1 / 7f, 1 / 7f,
                                0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0, 0, 0};
                assertThat(weights.toFloatArray()).as(pooling)
                        .containsExactly(expected, within(1e-6f));
                NDArray weighted = fused.sequence().mul(weights.expandDims(2))
                        .sum(new int[] {1});
                assertThat(maxDiff(fused.pooled(), weighted)).as(pooling).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void attentionMapsSumToOneOverRealKeysAndIgnorePadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized(fusion(Map.of("layers", 3L)), manager);
            FusedOutput fused = FusedOutput.from(forward(block, manager, false, inputs(manager)));

            assertThat(fused.attention()).hasSize(3);
            for (NDArray probs : fused.attention()) {
                assertThat(probs.getShape()).isEqualTo(new Shape(2, 2, LENGTH, LENGTH));
                float[] rowSums = probs.sum(new int[] {3}).toFloatArray();
                for (float sum : rowSums) {
                    assertThat(sum).isCloseTo(1f, within(1e-5f));
                }
                // the padded third image token of sample 0 is key position 3
                NDArray padded = probs.get("0, :, :, 3");
                assertThat(padded.abs().max().getFloat()).isEqualTo(0f);
            }
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        for (String norm : List.of("pre", "post")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block block = initialized(fusion(Map.of("norm", norm)), manager);
                NDList inputs = inputs(manager);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray pooled = forward(block, manager, true, inputs).get(0);
                    NDArray weights = manager.randomNormal(pooled.getShape());
                    collector.backward(pooled.mul(weights).sum());
                }
                List<Pair<String, Parameter>> parameters = new ArrayList<>();
                block.getParameters().forEach(parameters::add);
                assertThat(parameters).hasSizeGreaterThan(10);
                for (Pair<String, Parameter> parameter : parameters) {
                    try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                        assertThat(gradient.abs().sum().getFloat())
                                .as(norm + " " + parameter.getKey()).isGreaterThan(0f);
                    }
                }
            }
        }
    }

    @Test
    void feedsAClassificationHeadWithoutLeavingArraysOnTheModelManager() {
        ClassificationTaskFactory tasks = new ClassificationTaskFactory();
        SupervisedContrastiveObjectiveFactory supcon = new SupervisedContrastiveObjectiveFactory();
        CrossEntropyObjectiveFactory crossEntropy = new CrossEntropyObjectiveFactory();
        try (NDManager model = NDManager.newBaseManager()) {
            FusionBlock fusion = fusion(Map.of());
            Block block = initialized(fusion, model);
            Task task = tasks.create(Configs.defaults(tasks, "task"),
                    new TaskContext(ClassificationTaskTest.reader(
                            new TargetSpec("label", List.of("a", "b"))),
                            fusion.outputDim(), MODALITIES));
            Block head = task.head();
            head.initialize(model, DataType.FLOAT32, block.getOutputShapes(INPUT_SHAPES));
            List<Objective> objectives = List.of(
                    crossEntropy.create(Configs.defaults(crossEntropy, "objectives[0]")),
                    supcon.create(Configs.defaults(supcon, "objectives[1]")));
            int baseline = model.getManagedArrays().size();

            for (int step = 0; step < 3; step++) {
                try (NDManager stepManager = model.newSubManager()) {
                    NDArray label = stepManager.create(new long[] {0, 0});
                    label.setName("label");
                    try (GradientCollector collector =
                            Engine.getInstance().newGradientCollector()) {
                        NDList outputs = head.forward(new ParameterStore(stepManager, false),
                                forward(block, stepManager, true, inputs(stepManager)), true);
                        assertThat(outputs.get("logits").getShape()).isEqualTo(new Shape(2, 2));
                        assertThat(outputs.get("embedding").getShape())
                                .isEqualTo(new Shape(2, 8));
                        NDArray loss = objectives.get(0).compute(outputs, new NDList(label))
                                .get(0).value().add(objectives.get(1)
                                        .compute(outputs, new NDList(label)).get(0).value());
                        collector.backward(loss);
                    }
                }
                assertThat(model.getManagedArrays()).as("step " + step).hasSize(baseline);
            }
        }
    }

    @Test
    void aModalityOfAnUnexpectedWidthIsAUserError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialized(fusion(Map.of()), manager);
            NDList wrong = new NDList(
                    manager.randomNormal(new Shape(2, 3, 6)), mask(manager, 3, 3, 3),
                    manager.randomNormal(INPUT_SHAPES[2]), mask(manager, 4, 4, 4));

            assertThatThrownBy(() -> forward(block, manager, false, wrong))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("'image'")
                    .hasMessageContaining("width 6, expected 5");
        }
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
