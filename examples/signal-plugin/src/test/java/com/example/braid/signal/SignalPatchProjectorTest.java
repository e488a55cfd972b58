package com.example.braid.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.TokenSequence;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the projector on DJL's PyTorch engine (CPU in tests; nothing in it names a device). */
class SignalPatchProjectorTest {

    private static final Modality SIGNAL = Modality.of("signal");

    private final SignalPatchProjectorFactory factory = new SignalPatchProjectorFactory();
    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void declaresItsOptionsAndDefaults() {
        SignalPatchProjector projector = projector(Map.of());

        assertThat(factory.options().names()).containsExactly("patch", "dim");
        assertThat(projector.patch()).isEqualTo(8);
        assertThat(projector.dim()).isEqualTo(32);
        assertThat(projector.inputType()).isEqualTo(float[].class);
        assertThat(projector.block()).isSameAs(projector.block());
    }

    @Test
    void stacksABatchIntoOneFloatArray() {
        SignalPatchProjector projector = projector(Map.of());

        NDList out = projector.preprocess(
                List.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new float[] {8, 7, 6, 5, 4, 3, 2, 1}),
                manager);

        assertThat(out).hasSize(1);
        assertThat(out.head().getShape()).isEqualTo(new Shape(2, 8));
        assertThat(out.head().getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(out.head().getDevice()).isEqualTo(manager.getDevice());
        assertThat(out.head().toFloatArray()).containsExactly(
                1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void refusesSignalsOfDifferentLengths() {
        SignalPatchProjector projector = projector(Map.of());

        assertThatThrownBy(() -> projector.preprocess(
                List.of(new float[64], new float[60], new float[64]), manager))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("lengths [60, 64]");
    }

    @Test
    void refusesSignalsShorterThanOnePatchAndOtherTypes() {
        SignalPatchProjector projector = projector(Map.of("patch", 16L));

        assertThatThrownBy(() -> projector.preprocess(List.of(new float[10]), manager))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("length 10")
                .hasMessageContaining("patch: 16");
        assertThatThrownBy(() -> projector.preprocess(List.of("not a signal"), manager))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("String")
                .hasMessageContaining("float[]");
    }

    @Test
    void embedsPatchesAsTokensWithAMask() {
        SignalPatchProjector projector = projector(Map.of("patch", 8L, "dim", 32L));
        Block block = projector.block();
        NDList inputs = projector.preprocess(signals(3, 64), manager);
        block.initialize(manager, DataType.FLOAT32, inputs.getShapes());

        NDList out = block.forward(new ParameterStore(manager, false), inputs, false);

        TokenSequence tokens = TokenSequence.from(out, 0);
        assertThat(tokens.embeddings().getShape()).isEqualTo(new Shape(3, 8, 32));
        assertThat(tokens.mask().getShape()).isEqualTo(new Shape(3, 8));
        assertThat(tokens.mask().getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(tokens.mask().toFloatArray()).containsOnly(1f);
        assertThat(block.getOutputShapes(inputs.getShapes())).containsExactly(out.getShapes());
        assertThat(parameterShapes(block)).containsExactly(
                new Shape(8, 32), new Shape(32, 8), new Shape(32));
    }

    @Test
    void dropsTheRemainderShorterThanAPatch() {
        SignalPatchProjector projector = projector(Map.of("patch", 8L, "dim", 4L));
        Block block = projector.block();
        // 70 values: 8 patches of 8, then 6 values that must not matter.
        float[] signal = signal(70, 1);
        float[] changedTail = signal.clone();
        for (int i = 64; i < 70; i++) {
            changedTail[i] = 1000f;
        }
        NDList inputs = projector.preprocess(List.of(signal, changedTail), manager);
        block.initialize(manager, DataType.FLOAT32, inputs.getShapes());

        NDArray embeddings = block.forward(new ParameterStore(manager, false), inputs, false)
                .head();

        assertThat(embeddings.getShape()).isEqualTo(new Shape(2, 8, 4));
        assertThat(block.getOutputShapes(inputs.getShapes())[0]).isEqualTo(new Shape(2, 8, 4));
        assertThat(embeddings.get(0).toFloatArray()).containsExactly(
                embeddings.get(1).toFloatArray());
    }

    @Test
    void refusesSignalsOfAnotherLengthThanItWasBuiltFor() {
        SignalPatchProjector projector = projector(Map.of());
        Block block = projector.block();
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 64));
        NDList longer = projector.preprocess(signals(2, 80), manager);

        assertThatThrownBy(() -> block.forward(new ParameterStore(manager, false), longer, false))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("built for 64 values")
                .hasMessageContaining("signals of 80");
    }

    @Test
    void trainsWithoutLeakingIntoTheModelManager() {
        SignalPatchProjector projector = projector(Map.of("patch", 8L, "dim", 16L));
        Block block = projector.block();
        block.initialize(manager, DataType.FLOAT32, new Shape(4, 64));
        ParameterStore store = new ParameterStore(manager, false);
        int arraysAfterFirstStep = -1;

        for (int step = 0; step < 20; step++) {
            // Per-step arrays live in a sub-manager closed after the step, as in the runtime.
            try (NDManager stepManager = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList inputs = projector.preprocess(signals(4, 64), stepManager);
                NDList out = block.forward(store, inputs, true);
                collector.backward(out.head().square().sum());
            }
            assertGradientsReachEveryParameter(block);
            if (step == 0) {
                arraysAfterFirstStep = manager.getManagedArrays().size();
            }
        }

        assertThat(manager.getManagedArrays()).hasSize(arraysAfterFirstStep);
    }

    private void assertGradientsReachEveryParameter(Block block) {
        // The check's own arrays go to a sub-manager too, or the test itself would leak.
        try (NDManager check = manager.newSubManager()) {
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                NDArray gradient = parameter.getValue().getArray().getGradient();
                gradient.attach(check);
                assertThat(gradient.abs().sum().getFloat())
                        .as("gradient of %s", parameter.getKey()).isPositive();
            }
        }
    }

    private SignalPatchProjector projector(Map<String, Object> options) {
        return (SignalPatchProjector) factory.create(
                Configs.of(factory, "projectors.signal", options), SIGNAL);
    }

    private static List<float[]> signals(int count, int length) {
        List<float[]> signals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            signals.add(signal(length, i + 1));
        }
        return signals;
    }

    private static float[] signal(int length, int frequency) {
        float[] values = new float[length];
        for (int t = 0; t < length; t++) {
            values[t] = (float) Math.sin(2 * Math.PI * frequency * t / length);
        }
        return values;
    }

    private static List<Shape> parameterShapes(Block block) {
        List<Shape> shapes = new ArrayList<>();
        block.getParameters().forEach(pair -> shapes.add(pair.getValue().getShape()));
        return shapes;
    }
}
