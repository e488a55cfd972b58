package ai.braid.plugin.ssesf.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.LossTerm;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.Objective;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionBlock;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionFactory;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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

class PretrainingFusionTest {

    static final Modality IMAGE = Modality.of("image");
    static final Modality TEXT = Modality.of("text");
    static final List<Modality> MODALITIES = List.of(IMAGE, TEXT);
    /** image: 3 tokens of width 5 (projected to 8); text: 6 tokens of width 8 (= dim). */
    static final Map<Modality, Integer> DIMS = Map.of(IMAGE, 5, TEXT, 8);
    static final int BATCH = 3;
    static final int DIM = 8;
    static final int TEXT_LENGTH = 6;
    static final int SLOTS = 3;
    static final Shape[] INPUT_SHAPES = {
        new Shape(BATCH, 3, 5), new Shape(BATCH, 3), new Shape(BATCH, TEXT_LENGTH, DIM),
        new Shape(BATCH, TEXT_LENGTH)
    };
    /** Real text tokens per sample: 6, 4 and 2 (the last has nothing to mask). */
    static final int[] TEXT_LENGTHS = {6, 4, 2};
    /** The text's first position in the joint sequence: after the [CLS] and 3 image tokens. */
    static final int TEXT_START = 4;

    private final MultiwayFusionFactory factory = new MultiwayFusionFactory();

    static Map<String, Object> pretrainingOptions() {
        Map<String, Object> options = new LinkedHashMap<>(Map.of("dim", (long) DIM,
                "heads", 2L, "layers", 2L, "dropout", 0.0, "pretraining", List.of("image", "text"),
                "mlm", "text", "mlmProbability", 0.5, "mlmSlots", (long) SLOTS));
        return options;
    }

    MultiwayFusionBlock block(Map<String, Object> options, NDManager manager) {
        MultiwayFusionBlock block = (MultiwayFusionBlock) factory.create(
                Configs.of(factory, "fusion", options), MODALITIES, DIMS).block();
        block.initialize(manager, DataType.FLOAT32, INPUT_SHAPES);
        return block;
    }

    static NDList inputs(NDManager manager) {
        float[] textMask = new float[BATCH * TEXT_LENGTH];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < TEXT_LENGTHS[b]; t++) {
                textMask[b * TEXT_LENGTH + t] = 1f;
            }
        }
        return new NDList(
                manager.randomNormal(INPUT_SHAPES[0]),
                manager.create(new float[] {1, 1, 1, 1, 1, 0, 1, 1, 1}, INPUT_SHAPES[1]),
                manager.randomNormal(INPUT_SHAPES[2]),
                manager.create(textMask, INPUT_SHAPES[3]));
    }

    static FusedOutput forward(Block block, NDManager manager, NDList inputs, boolean training) {
        return FusedOutput.from(block.forward(new ParameterStore(manager, false), inputs,
                training));
    }

    static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void theExtrasFollowTheStandardPartsWithTheDeclaredShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = block(pretrainingOptions(), manager);
            NDList out = block.forward(new ParameterStore(manager, false), inputs(manager), true);

            assertThat(out.getShapes()).containsExactly(block.getOutputShapes(INPUT_SHAPES));
            List<String> names = new ArrayList<>();
            out.forEach(array -> names.add(array.getName()));
            assertThat(names).containsExactly("pooled", "sequence", "mask", "attention.0",
                    "attention.1", "pooled.image", "pooled.text", FusedOutput.POOLING_WEIGHTS,
                    "unimodal.image", "unimodal.text", "negative.pooled", "negative.partner",
                    "mlm.hidden", "mlm.tokens", "mlm.valid", "mlm.position");
            FusedOutput fused = FusedOutput.from(out);
            assertThat(fused.modalityPooled()).containsOnlyKeys(IMAGE, TEXT);
            assertThat(fused.attention()).hasSize(2);
            assertThat(fused.extras().get("mlm.hidden").getShape())
                    .isEqualTo(new Shape(BATCH, SLOTS, DIM));
            List<String> parameters = new ArrayList<>();
            block.getParameters().forEach(p -> parameters.add(p.getKey()));
            assertThat(parameters).contains("mlmMask", "mlmPositions");
        }
    }

    @Test
    void withoutPretrainingTheParametersAreTheSameBarTheMaskVectors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Shape> pretraining = shapes(block(pretrainingOptions(), manager));
            Map<String, Object> plain = new LinkedHashMap<>(pretrainingOptions());
            plain.keySet().removeAll(List.of("pretraining", "mlm"));
            Map<String, Shape> fineTuning = shapes(block(plain, manager));

            assertThat(pretraining).containsAllEntriesOf(fineTuning);
            assertThat(pretraining.keySet()).hasSize(fineTuning.size() + 2);
            assertThat(pretraining.get("mlmPositions")).isEqualTo(new Shape(
                    MultiwayFusionBlock.POSITION_CODE_WIDTH, DIM));
        }
    }

    private static Map<String, Shape> shapes(Block block) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        block.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getShape()));
        return shapes;
    }

    /** Copies every parameter of {@code from} into the parameter of the same name in to. */
    private static void copyParameters(Block from, Block to) {
        Map<String, Parameter> source = new LinkedHashMap<>();
        from.getParameters().forEach(p -> source.put(p.getKey(), p.getValue()));
        for (Pair<String, Parameter> p : to.getParameters()) {
            source.get(p.getKey()).getArray().copyTo(p.getValue().getArray());
        }
    }

    @Test
    void theUnimodalPassIsTheWithinModalityBlockWithTheSameWeights() {
        for (String pooling : List.of("mean", "first")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, Object> options = new LinkedHashMap<>(pretrainingOptions());
                options.put("unimodalPooling", pooling);
                MultiwayFusionBlock pretraining = block(options, manager);
                Map<String, Object> separate = new LinkedHashMap<>(pretrainingOptions());
                separate.keySet().removeAll(List.of("pretraining", "mlm"));
                separate.put("attention", "within-modality");
                MultiwayFusionBlock within = block(separate, manager);
                copyParameters(pretraining, within);
                NDList inputs = inputs(manager);

                FusedOutput a = forward(pretraining, manager, inputs, false);
                FusedOutput b = forward(within, manager, inputs, false);

                for (Modality modality : MODALITIES) {
                    NDArray expected = pooling.equals("mean")
                            ? b.modalityPooled().get(modality)
                            : b.sequence().get(new NDIndex(":, {}, :",
                                    modality.equals(IMAGE) ? 1 : TEXT_START));
                    assertThat(maxDiff(a.extras().get("unimodal." + modality.name()), expected))
                            .as(pooling + " " + modality).isLessThan(1e-5f);
                }
                assertThat(maxDiff(a.pooled(), b.pooled())).as("the joint pass differs")
                        .isGreaterThan(1e-4f);
            }
        }
    }

    @Test
    void theNegativePassFusesEachImageWithItsPartnersText() {
        for (String attention : List.of("joint", "within-modality")) {
            negativePassFusesEachImageWithItsPartnersText(attention);
        }
    }

    /** With either attention, the negative pass attends as the joint pass does. */
    private void negativePassFusesEachImageWithItsPartnersText(String attention) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Map<String, Object> options = new LinkedHashMap<>(pretrainingOptions());
            options.put("attention", attention);
            MultiwayFusionBlock block = block(options, manager);
            NDList inputs = inputs(manager);

            for (int draw = 0; draw < 5; draw++) {
                FusedOutput out = forward(block, manager, inputs, true);
                NDArray partners = out.extras().get("negative.partner");
                long[] j = partners.toLongArray();
                for (int i = 0; i < BATCH; i++) {
                    assertThat(j[i]).as("partner of %d", i).isNotEqualTo(i).isBetween(0L, 2L);
                }
                // the same joint pass over the image of i next to the text of j(i)
                NDList swapped = new NDList(inputs.get(0), inputs.get(1),
                        inputs.get(2).get(partners), inputs.get(3).get(partners));
                FusedOutput expected = forward(block, manager, swapped, false);
                assertThat(maxDiff(out.extras().get("negative.pooled"), expected.pooled()))
                        .isLessThan(1e-5f);
                assertThat(maxDiff(out.extras().get("negative.pooled"), out.pooled()))
                        .isGreaterThan(1e-4f);
            }
        }
    }

    @Test
    void aSampleWithTheSameTextIsNoNegative() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = block(pretrainingOptions(), manager);
            NDList inputs = inputs(manager);
            // sample 2's text becomes sample 1's: to image 1 and image 2 they are one caption
            NDArray partnersRows = manager.create(new long[] {0, 1, 1});
            NDList shared = new NDList(inputs.get(0), inputs.get(1),
                    inputs.get(2).get(partnersRows), inputs.get(3).get(partnersRows));

            for (int draw = 0; draw < 10; draw++) {
                Engine.getInstance().setRandomSeed(40 + draw);
                long[] partners = forward(block, manager, shared, true).extras()
                        .get("negative.partner").toLongArray();
                assertThat(partners).containsExactly(partners[0], 0, 0);
                assertThat(partners[0]).isIn(1L, 2L);
            }
        }
    }

    @Test
    void inInferenceThePartnerIsTheMostSimilarOtherSample() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = block(pretrainingOptions(), manager);
            FusedOutput out = forward(block, manager, inputs(manager), false);

            float[] images = out.extras().get("unimodal.image").toFloatArray();
            float[] texts = out.extras().get("unimodal.text").toFloatArray();
            long[] partners = out.extras().get("negative.partner").toLongArray();
            for (int i = 0; i < BATCH; i++) {
                int best = -1;
                double bestCosine = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < BATCH; j++) {
                    double cosine = cosine(images, i, texts, j);
                    if (j != i && cosine > bestCosine) {
                        best = j;
                        bestCosine = cosine;
                    }
                }
                assertThat(partners[i]).as("partner of %d", i).isEqualTo(best);
            }
        }
    }

    private static double cosine(float[] a, int i, float[] b, int j) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < DIM; d++) {
            dot += a[i * DIM + d] * b[j * DIM + d];
            na += a[i * DIM + d] * a[i * DIM + d];
            nb += b[j * DIM + d] * b[j * DIM + d];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void aBatchOfOneSampleHasNoNegative() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = block(pretrainingOptions(), manager);
            NDList all = inputs(manager);
            NDList one = new NDList();
            all.forEach(array -> one.add(array.get(new NDIndex("0:1"))));

            FusedOutput out = forward(block, manager, one, true);

            assertThat(out.extras().get("negative.partner").toLongArray()).containsExactly(-1L);
            assertThat(out.extras().get("negative.pooled").getShape())
                    .isEqualTo(new Shape(1, DIM));
            assertThat(out.extras().get("negative.pooled").abs().sum().getFloat()).isZero();
        }
    }

    @Test
    void theMaskedPassHidesTheMaskedTokensAndKeepsTheirInputTokensAsTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = block(pretrainingOptions(), manager);
            NDList inputs = inputs(manager);
            FusedOutput before = forward(block, manager, inputs, false);
            long[] positions = before.extras().get("mlm.position").toLongArray();
            float[] valid = before.extras().get("mlm.valid").toFloatArray();
            // p = 0.5 of the 4, 2 and 0 maskable tokens
            assertThat(valid).containsExactly(1, 1, 0, 1, 0, 0, 0, 0, 0);

            NDArray changedText = inputs.get(2).duplicate();
            for (int b = 0; b < BATCH; b++) {
                for (int k = 0; k < SLOTS; k++) {
                    if (valid[b * SLOTS + k] > 0) {
                        long position = positions[b * SLOTS + k];
                        assertThat(position).isBetween(1L, TEXT_LENGTHS[b] - 2L);
                        changedText.set(new NDIndex("{}, {}, :", b, position), 50f);
                    } else {
                        assertThat(positions[b * SLOTS + k]).isZero();
                    }
                }
            }
            FusedOutput after = forward(block, manager, new NDList(inputs.get(0), inputs.get(1),
                    changedText, inputs.get(3)), false);

            assertThat(maxDiff(before.extras().get("mlm.hidden"),
                    after.extras().get("mlm.hidden"))).as("masked inputs are never seen")
                    .isLessThan(1e-4f);
            assertThat(maxDiff(before.pooled(), after.pooled())).as("the joint pass sees them")
                    .isGreaterThan(1e-3f);
            // targets: the text token plus the text's type embedding, zero in unused slots
            NDArray type = parameter(block, "typeEmbeddings").get(new NDIndex("1"));
            float[] tokens = before.extras().get("mlm.tokens").toFloatArray();
            float[] text = inputs.get(2).toFloatArray();
            float[] typeRow = type.toFloatArray();
            for (int b = 0; b < BATCH; b++) {
                for (int k = 0; k < SLOTS; k++) {
                    int slot = b * SLOTS + k;
                    for (int d = 0; d < DIM; d++) {
                        float expected = valid[slot] > 0
                                ? text[(int) ((b * TEXT_LENGTH + positions[slot]) * DIM + d)]
                                        + typeRow[d]
                                : 0f;
                        assertThat(tokens[slot * DIM + d]).isCloseTo(expected, within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void aModalityAfterTheMaskedOneTakesPartButKeepsItsOwnRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Modality ocr = Modality.of("ocr");
            List<Modality> three = List.of(IMAGE, TEXT, ocr);
            Map<String, Object> options = new LinkedHashMap<>(pretrainingOptions());
            options.put("experts", Map.of("image", "vision", "text", "language",
                    "ocr", "semantics"));
            MultiwayFusionBlock block = (MultiwayFusionBlock) factory.create(
                    Configs.of(factory, "fusion", options), three,
                    Map.of(IMAGE, 5, TEXT, DIM, ocr, DIM)).block();
            Shape[] shapes = {INPUT_SHAPES[0], INPUT_SHAPES[1], INPUT_SHAPES[2],
                INPUT_SHAPES[3], new Shape(BATCH, 2, DIM), new Shape(BATCH, 2)};
            block.initialize(manager, DataType.FLOAT32, shapes);
            NDList inputs = inputs(manager);
            inputs.add(manager.randomNormal(shapes[4]));
            inputs.add(manager.create(new float[] {1, 1, 1, 0, 0, 0}, shapes[5]));

            NDList out = block.forward(new ParameterStore(manager, false), inputs, true);
            FusedOutput fused = FusedOutput.from(out);

            assertThat(out.getShapes()).containsExactly(block.getOutputShapes(shapes));
            assertThat(fused.extras()).containsKey("unimodal.ocr");
            NDArray partners = fused.extras().get("negative.partner");
            NDList swapped = new NDList(inputs.get(0), inputs.get(1),
                    inputs.get(2).get(partners), inputs.get(3).get(partners), inputs.get(4),
                    inputs.get(5));
            assertThat(maxDiff(fused.extras().get("negative.pooled"),
                    forward(block, manager, swapped, false).pooled())).isLessThan(1e-5f);
            long[] positions = fused.extras().get("mlm.position").toLongArray();
            float[] valid = fused.extras().get("mlm.valid").toFloatArray();
            NDArray type = parameter(block, "typeEmbeddings").get(new NDIndex("1"));
            NDArray tokens = fused.extras().get("mlm.tokens");
            for (int b = 0; b < BATCH; b++) {
                for (int k = 0; k < SLOTS; k++) {
                    if (valid[b * SLOTS + k] > 0) {
                        NDArray expected = inputs.get(2).get(new NDIndex("{}, {}, :", b,
                                positions[b * SLOTS + k])).add(type);
                        assertThat(maxDiff(tokens.get(new NDIndex("{}, {}, :", b, k)),
                                expected)).isLessThan(1e-5f);
                    }
                }
            }
        }
    }

    static NDArray parameter(Block block, String key) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(key)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + key);
    }

    @Test
    void theThreeLossesSendGradientsToTheFusionAndTheMaskVectors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            MultiwayFusionBlock fusion = block(pretrainingOptions(), manager);
            Task task = new ImageTextPretrainingTaskFactory().create(Configs.of(
                    new ImageTextPretrainingTaskFactory(), "task", Map.of()),
                    new TaskContext(new NoData(), DIM, MODALITIES));
            Block head = task.head();
            head.initialize(manager, DataType.FLOAT32, fusion.getOutputShapes(INPUT_SHAPES));
            List<Objective> objectives = Objectives.defaults(task);
            ParameterStore store = new ParameterStore(manager, false);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList fused = fusion.forward(store, inputs(manager), true);
                NDList outputs = head.forward(store, fused, true);
                NDList targets = task.targets(NoData.samples(BATCH), manager);
                NDArray total = null;
                for (Objective objective : objectives) {
                    for (LossTerm term : objective.compute(outputs, targets)) {
                        total = total == null ? term.value() : total.add(term.value());
                    }
                }
                collector.backward(total);
            }
            Map<String, Float> gradients = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : fusion.getParameters()) {
                try (NDArray gradient = p.getValue().getArray().getGradient()) {
                    gradients.put(p.getKey(), gradient.abs().sum().getFloat());
                }
            }
            assertThat(gradients).allSatisfy((name, sum) ->
                    assertThat(sum).as(name).isGreaterThan(0f));
            for (Pair<String, Parameter> p : head.getParameters()) {
                try (NDArray gradient = p.getValue().getArray().getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).as(p.getKey())
                            .isGreaterThan(0f);
                }
            }
        }
    }
}
