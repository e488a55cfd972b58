package ai.braid.plugin.ssesf.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.MultiwayEncoderLayer;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MultiwayFusionTest {

    private static final Modality IMAGE = Modality.of("image");
    private static final Modality TEXT = Modality.of("text");
    private static final Modality OCR = Modality.of("ocr");
    private static final List<Modality> MODALITIES = List.of(IMAGE, TEXT, OCR);
    /** image: 3 tokens of width 5 (projected), text: 4 tokens and ocr: 2 tokens of width 8. */
    private static final Map<Modality, Integer> DIMS = Map.of(IMAGE, 5, TEXT, 8, OCR, 8);
    private static final Shape[] INPUT_SHAPES = {
        new Shape(2, 3, 5), new Shape(2, 3), new Shape(2, 4, 8), new Shape(2, 4),
        new Shape(2, 2, 8), new Shape(2, 2)
    };
    /** 1 [CLS] + 3 + 4 + 2. */
    private static final int LENGTH = 10;
    private static final int[] CLS = {0};
    private static final int[] IMAGE_POSITIONS = {1, 2, 3};
    private static final int[] TEXT_POSITIONS = {4, 5, 6, 7};
    private static final int[] OCR_POSITIONS = {8, 9};
    /** The paper's three experts: OCR text is "extensive semantics". */
    private static final Map<String, String> PAPER_EXPERTS = Map.of(
            "image", "vision", "text", "language", "ocr", "semantics");

    private final MultiwayFusionFactory factory = new MultiwayFusionFactory();

    private MultiwayFusionBlock block(Map<String, Object> options) {
        Map<String, Object> set = new LinkedHashMap<>(
                Map.of("dim", 8L, "heads", 2L, "dropout", 0.0));
        set.putAll(options);
        return (MultiwayFusionBlock) factory.create(Configs.fusion(factory, set), MODALITIES,
                DIMS).block();
    }

    private static MultiwayFusionBlock initialized(MultiwayFusionBlock block,
            NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, INPUT_SHAPES);
        return block;
    }

    private static NDList forward(Block block, NDManager manager, NDList inputs) {
        return block.forward(new ParameterStore(manager, false), inputs, false);
    }

    /** Real tokens: image 2 and 3, text 4 and 1, ocr 1 and 2 (rows 0 and 1). */
    private static NDList inputs(NDManager manager) {
        return new NDList(
                manager.randomNormal(INPUT_SHAPES[0]),
                manager.create(new float[] {1, 1, 0, 1, 1, 1}, INPUT_SHAPES[1]),
                manager.randomNormal(INPUT_SHAPES[2]),
                manager.create(new float[] {1, 1, 1, 1, 1, 0, 0, 0}, INPUT_SHAPES[3]),
                manager.randomNormal(INPUT_SHAPES[4]),
                manager.create(new float[] {1, 0, 1, 1}, INPUT_SHAPES[5]));
    }

    /** A copy of x with the given (row, positions, :) tokens overwritten by a large value. */
    private static NDArray overwritten(NDArray x, String tokens) {
        NDArray copy = x.duplicate();
        copy.set(new NDIndex(tokens + ", :"), 50f);
        return copy;
    }

    private static NDArray sequence(MultiwayFusionBlock block, NDManager manager,
            NDList inputs) {
        return FusedOutput.from(forward(block, manager, inputs)).sequence();
    }

    /** max |a - b| over the width of token t in both rows of two (2, L, 8) sequences. */
    private static float tokenDiff(NDArray a, NDArray b, int t) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float max = 0;
        for (int row = 0; row < 2; row++) {
            for (int d = 0; d < 8; d++) {
                int i = (row * LENGTH + t) * 8 + d;
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    private static void perturb(Block expert) {
        for (Pair<String, Parameter> p : expert.getParameters()) {
            p.getValue().getArray().addi(0.5f);
        }
    }

    /** Perturbs one expert of the first layer; returns the positions whose output changed. */
    private static List<Integer> changedByPerturbing(MultiwayFusionBlock block, String expert,
            NDManager manager) {
        NDList inputs = inputs(manager);
        NDArray before = sequence(block, manager, inputs);
        MultiwayEncoderLayer first = block.encoder().layers().get(0);
        perturb(first.expert(block.routing().indexOf(expert)));
        NDArray after = sequence(block, manager, inputs);
        List<Integer> changed = new ArrayList<>();
        for (int t = 0; t < LENGTH; t++) {
            float diff = tokenDiff(before, after, t);
            if (diff > 1e-4f) {
                changed.add(t);
            } else {
                assertThat(diff).as("position %d", t).isZero();
            }
        }
        return changed;
    }

    private static List<Integer> positions(int[]... groups) {
        List<Integer> all = new ArrayList<>();
        for (int[] group : groups) {
            IntStream.of(group).forEach(all::add);
        }
        all.sort(null);
        return all;
    }

    @Test
    void optionsHaveTheDocumentedDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        factory.options().options().forEach(spec -> defaults.put(spec.name(),
                spec.defaultValue()));
        assertThat(factory.name()).isEqualTo("multiway");
        assertThat(defaults).containsExactly(Map.entry("dim", 64L), Map.entry("layers", 2L),
                Map.entry("heads", 4L), Map.entry("ffnDim", 0L), Map.entry("dropout", 0.1),
                Map.entry("pooling", "cls"),
                Map.entry("attentionDropout", 0.0), Map.entry("sharedFfnFrom", -1L),
                Map.entry("experts", Map.of()), Map.entry("clsExpert", ""),
                Map.entry("freeze", List.of()), Map.entry("layerScale", 0.0),
                Map.entry("attention", "joint"), Map.entry("pretraining", List.of()),
                Map.entry("mlm", ""), Map.entry("mlmProbability", 0.15),
                Map.entry("mlmSlots", 4L), Map.entry("negativeTemperature", 0.07),
                Map.entry("unimodalPooling", "mean"));
        MultiwayFusionBlock block = (MultiwayFusionBlock) factory.create(
                Configs.fusion(factory, Map.of()), MODALITIES, DIMS).block();
        assertThat(block.dim()).isEqualTo(64);
        assertThat(block.routing().experts()).containsExactly("image", "text", "ocr");
        assertThat(block.routing().clsExpert()).isZero();
        assertThat(block.pretraining()).isEmpty();
        assertThat(block.encoder().layers()).hasSize(2)
                .allSatisfy(layer -> assertThat(layer.isShared()).isFalse());
    }

    @Test
    void outputsComeInFusedOutputOrderWithTheDeclaredShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of("layerScale", 0.1)), manager);
            NDList out = forward(block, manager, inputs(manager));

            Shape[] declared = block.getOutputShapes(INPUT_SHAPES);
            Shape attention = new Shape(2, 2, LENGTH, LENGTH);
            assertThat(declared).containsExactly(new Shape(2, 8), new Shape(2, LENGTH, 8),
                    new Shape(2, LENGTH), attention, attention, new Shape(2, 8),
                    new Shape(2, 8), new Shape(2, 8), new Shape(2, LENGTH));
            assertThat(out.getShapes()).containsExactly(declared);
            List<String> names = new ArrayList<>();
            out.forEach(array -> names.add(array.getName()));
            assertThat(names).containsExactly("pooled", "sequence", "mask", "attention.0",
                    "attention.1", "pooled.image", "pooled.text", "pooled.ocr",
                    FusedOutput.POOLING_WEIGHTS);

            FusedOutput fused = FusedOutput.from(out);
            assertThat(fused.mask().toFloatArray()).containsExactly(
                    1, 1, 1, 0, 1, 1, 1, 1, 1, 0,
                    1, 1, 1, 1, 1, 0, 0, 0, 1, 1);
            assertThat(fused.pooled().toFloatArray())
                    .containsExactly(fused.sequence().get(":, 0, :").toFloatArray());
            // row 1 of ocr: both tokens (positions 8 and 9) are real
            float[] sequence = fused.sequence().toFloatArray();
            float[] ocr = fused.modalityPooled().get(OCR).toFloatArray();
            for (int d = 0; d < 8; d++) {
                float mean = (sequence[(LENGTH + 8) * 8 + d] + sequence[(LENGTH + 9) * 8 + d]) / 2;
                assertThat(ocr[8 + d]).isCloseTo(mean, within(1e-5f));
            }
            for (NDArray probs : fused.attention()) {
                for (float sum : probs.sum(new int[] {3}).toFloatArray()) {
                    assertThat(sum).isCloseTo(1f, within(1e-5f));
                }
                // the padded third image token of row 0 is key position 3
                assertThat(probs.get("0, :, :, 3").abs().max().getFloat()).isZero();
            }
        }
    }

    @Test
    void meanPoolingWeighsTheRealTokensAlikeAsThePooledVectorDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of("pooling", "mean")), manager);
            FusedOutput fused = FusedOutput.from(forward(block, manager, inputs(manager)));

            NDArray weights = fused.findExtra(FusedOutput.POOLING_WEIGHTS).orElseThrow();
            float e = 1 / 8f;
            float s = 1 / 7f;
            assertThat(weights.toFloatArray()).containsExactly(new float[] {
                e, e, e, 0, e, e, e, e, e, 0,
                s, s, s, s, s, 0, 0, 0, s, s}, within(1e-6f));
            NDArray weighted = fused.sequence().mul(weights.expandDims(2)).sum(new int[] {1});
            assertThat(fused.pooled().sub(weighted).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void changingPaddedTokensChangesNothingAtRealPositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of(
                    "experts", PAPER_EXPERTS, "sharedFfnFrom", 1L)), manager);
            NDList inputs = inputs(manager);
            // every padded token: image (0, 2), text (1, 1..3), ocr (0, 1)
            NDList changed = new NDList(
                    overwritten(inputs.get(0), "0, 2"), inputs.get(1),
                    overwritten(inputs.get(2), "1, 1:"), inputs.get(3),
                    overwritten(inputs.get(4), "0, 1"), inputs.get(5));
            FusedOutput a = FusedOutput.from(forward(block, manager, inputs));
            FusedOutput b = FusedOutput.from(forward(block, manager, changed));

            for (int m = 0; m < 3; m++) {
                assertThat(inputs.get(2 * m).sub(changed.get(2 * m)).abs().max().getFloat())
                        .isGreaterThan(10f);
            }
            NDArray real = a.mask().expandDims(2);
            assertThat(a.sequence().sub(b.sequence()).mul(real).abs().max().getFloat())
                    .isLessThan(1e-4f);
            assertThat(a.pooled().sub(b.pooled()).abs().max().getFloat()).isLessThan(1e-4f);
            for (Modality modality : MODALITIES) {
                assertThat(a.modalityPooled().get(modality).sub(b.modalityPooled().get(modality))
                        .abs().max().getFloat()).as(modality.name()).isLessThan(1e-4f);
            }
        }
    }

    @Test
    void withinModalityAttentionEncodesEachModalityOnItsOwnAndOnlyTheClsSeesAll() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock separate = initialized(block(Map.of("layers", 2L,
                    "attention", "within-modality")), manager);
            MultiwayFusionBlock joint = initialized(block(Map.of("layers", 2L)), manager);
            NDList inputs = inputs(manager);
            // a real image token of both rows changes
            NDList changed = new NDList(overwritten(inputs.get(0), ":, 0"), inputs.get(1),
                    inputs.get(2), inputs.get(3), inputs.get(4), inputs.get(5));

            NDArray before = sequence(separate, manager, inputs);
            NDArray after = sequence(separate, manager, changed);
            for (int t : positions(TEXT_POSITIONS, OCR_POSITIONS)) {
                assertThat(tokenDiff(before, after, t)).as("position %d", t).isZero();
            }
            assertThat(tokenDiff(before, after, CLS[0])).isGreaterThan(1e-3f);
            assertThat(tokenDiff(before, after, IMAGE_POSITIONS[1])).isGreaterThan(1e-3f);

            NDArray jointBefore = sequence(joint, manager, inputs);
            NDArray jointAfter = sequence(joint, manager, changed);
            assertThat(tokenDiff(jointBefore, jointAfter, TEXT_POSITIONS[0]))
                    .as("in joint attention the text sees the image").isGreaterThan(1e-3f);
        }
    }

    @Test
    void theExpertIndexFollowsEachTokensModality() {
        ExpertRouting routing = block(Map.of("experts", Map.of("image", "vision", "text",
                "language", "ocr", "vision"), "clsExpert", "language")).routing();

        assertThat(routing.experts()).containsExactly("vision", "language");
        assertThat(routing.expertIndex(2, new long[] {2, 3, 1})).containsExactly(
                1, 0, 0, 1, 1, 1, 0,
                1, 0, 0, 1, 1, 1, 0);
    }

    @Test
    void perturbingOneExpertChangesOnlyTheTokensOfItsModalities() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of(
                    "layers", 1L, "experts", PAPER_EXPERTS)), manager);
            assertThat(block.encoder().layers().get(0).expertCount()).isEqualTo(3);
            assertThat(changedByPerturbing(block, "semantics", manager))
                    .isEqualTo(positions(OCR_POSITIONS));
            assertThat(changedByPerturbing(block, "language", manager))
                    .isEqualTo(positions(TEXT_POSITIONS));
            // the fusion [CLS] goes with the first modality's expert by default
            assertThat(changedByPerturbing(block, "vision", manager))
                    .isEqualTo(positions(CLS, IMAGE_POSITIONS));
        }
    }

    @Test
    void theClsExpertOptionRoutesTheFusionToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of("layers", 1L,
                    "experts", PAPER_EXPERTS, "clsExpert", "semantics")), manager);
            assertThat(changedByPerturbing(block, "semantics", manager))
                    .isEqualTo(positions(CLS, OCR_POSITIONS));
            assertThat(changedByPerturbing(block, "vision", manager))
                    .isEqualTo(positions(IMAGE_POSITIONS));
        }
    }

    @Test
    void ocrMappedToTheTextExpertSharesItInsteadOfHavingItsOwn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock own = initialized(block(Map.of("layers", 1L)), manager);
            MultiwayFusionBlock shared = initialized(block(Map.of("layers", 1L,
                    "experts", Map.of("ocr", "text"))), manager);

            assertThat(own.routing().experts()).containsExactly("image", "text", "ocr");
            assertThat(shared.routing().experts()).containsExactly("image", "text");
            assertThat(shared.encoder().layers().get(0).expertCount()).isEqualTo(2);
            assertThat(parameterCount(own) - parameterCount(shared))
                    .isEqualTo(parameterCount(own.encoder().layers().get(0).expert(2)));
            assertThat(changedByPerturbing(own, "text", manager))
                    .isEqualTo(positions(TEXT_POSITIONS));
            assertThat(changedByPerturbing(shared, "text", manager))
                    .isEqualTo(positions(TEXT_POSITIONS, OCR_POSITIONS));
        }
    }

    private static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            count += p.getValue().getArray().size();
        }
        return count;
    }

    @Test
    void everyTokenGoesThroughTheSharedExpertOfTheTopLayers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of("layers", 2L,
                    "experts", PAPER_EXPERTS, "sharedFfnFrom", 1L)), manager);
            List<MultiwayEncoderLayer> layers = block.encoder().layers();
            assertThat(layers.get(0).isShared()).isFalse();
            assertThat(layers.get(0).expertCount()).isEqualTo(3);
            assertThat(layers.get(1).isShared()).isTrue();
            assertThat(layers.get(1).expertCount()).isEqualTo(1);

            NDList inputs = inputs(manager);
            NDArray before = sequence(block, manager, inputs);
            perturb(layers.get(1).expert(0));
            NDArray after = sequence(block, manager, inputs);
            for (int t = 0; t < LENGTH; t++) {
                assertThat(tokenDiff(before, after, t)).as("position %d", t)
                        .isGreaterThan(1e-3f);
            }
        }
    }

    @Test
    void frozenExpertsAndAttentionStayUnchangedThroughTrainingSteps() {
        MultiwayFusionBlock block = block(Map.of("layers", 2L, "experts", PAPER_EXPERTS,
                "sharedFfnFrom", 1L, "layerScale", 0.1, "freeze", List.of("language",
                        "attention")));
        try (Model model = Model.newInstance("esfm")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adamW()
                            .optLearningRateTracker(Tracker.fixed(1e-2f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(INPUT_SHAPES);
                MultiwayEncoderLayer routed = block.encoder().layers().get(0);
                Map<String, float[]> before = snapshot(block);
                List<Parameter> language = parameters(routed.expert(
                        block.routing().indexOf("language")));
                List<String> frozen = new ArrayList<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (p.getKey().contains("attention") || language.contains(p.getValue())) {
                        frozen.add(p.getKey());
                    }
                }
                assertThat(frozen).anyMatch(key -> key.contains("attentionScale"))
                        .anyMatch(key -> key.contains("layer1"))
                        .hasSizeGreaterThan(language.size());

                // The optimizer creates its state in the first step; after it the model's
                // manager must stay as it is, and any array wrongly attached to the trainer's
                // manager throws.
                trainStep(trainer);
                trainer.getManager().cap();
                int modelArrays = model.getNDManager().getManagedArrays().size();
                trainStep(trainer);
                trainStep(trainer);

                assertThat(model.getNDManager().getManagedArrays()).hasSize(modelArrays);
                Map<String, float[]> after = snapshot(block);
                for (String key : after.keySet()) {
                    if (frozen.contains(key)) {
                        assertThat(after.get(key)).as(key).containsExactly(before.get(key));
                    } else {
                        assertThat(after.get(key)).as(key).isNotEqualTo(before.get(key));
                    }
                }
                assertThat(after.keySet()).anyMatch(key -> key.contains("sharedExpert"))
                        .contains("typeEmbeddings", "cls");
            }
        }
    }

    /** One AdamW step on the squared distance of the whole sequence to random targets. */
    private static void trainStep(Trainer trainer) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList inputs = inputs(batch);
            NDArray target = batch.randomNormal(new Shape(2, LENGTH, 8));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray sequence = FusedOutput.from(trainer.forward(inputs)).sequence();
                collector.backward(sequence.sub(target).square().mean());
            }
            trainer.step();
        }
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static List<Parameter> parameters(Block block) {
        List<Parameter> parameters = new ArrayList<>();
        block.getParameters().forEach(p -> parameters.add(p.getValue()));
        return parameters;
    }

    @Test
    void optionMistakesAreUserErrorsNamingTheOption() {
        assertThatThrownBy(() -> block(Map.of("experts", Map.of("ocrr", "semantics"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.experts (p.yaml:7): 'ocrr'")
                .hasMessageContaining("its modalities: image, text, ocr");
        assertThatThrownBy(() -> block(Map.of("layers", 2L, "sharedFfnFrom", 3L)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.sharedFfnFrom (p.yaml:7): 3 is deeper than the"
                        + " 2 layers");
        assertThatThrownBy(() -> block(Map.of("heads", 3L)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.heads (p.yaml:7): 3 heads do not divide dim = 8");
        assertThatThrownBy(() -> block(Map.of("experts", PAPER_EXPERTS, "clsExpert", "text")))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.clsExpert (p.yaml:7): no expert 'text'")
                .hasMessageContaining("vision, language, semantics");
        assertThatThrownBy(() -> block(Map.of("freeze", List.of("vision"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.freeze (p.yaml:7): unknown entry 'vision'")
                .hasMessageContaining("image, text, ocr");
        assertThatThrownBy(() -> block(Map.of("freeze", List.of("shared"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.freeze (p.yaml:7): 'shared' but no layer");
        assertThatThrownBy(() -> block(Map.of("experts", Map.of("ocr", "attention"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("fusion.experts (p.yaml:7): modality 'ocr'");
    }

    @Test
    void aModalityOfAnUnexpectedWidthIsAUserError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiwayFusionBlock block = initialized(block(Map.of()), manager);
            NDList wrong = inputs(manager);
            wrong.set(2, manager.randomNormal(new Shape(2, 4, 6)));

            assertThatThrownBy(() -> forward(block, manager, wrong))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith("multiway fusion: modality 'text'")
                    .hasMessageContaining("width 6, expected 8");
        }
    }
}
