package ai.braid.api.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {

    /** Drops unreachable direct buffers and reuses their memory. */
    private static void churnDirectMemory() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<ByteBuffer> filler = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(64);
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0x7f);
                }
                filler.add(buffer);
            }
        }
    }

    @Test
    void valuesMatchPlainArithmetic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2f, 0.5f, 4f});
            assertThat(Scalars.mul(x, 3f).toFloatArray()).containsExactly(-6f, 1.5f, 12f);
            assertThat(Scalars.div(x, 2f).toFloatArray()).containsExactly(-1f, 0.25f, 2f);
            assertThat(Scalars.maximum(x, 0f).toFloatArray()).containsExactly(0f, 0.5f, 4f);
            assertThat(Scalars.minimum(x, 1f).toFloatArray()).containsExactly(-2f, 0.5f, 1f);
        }
    }

    @Test
    void gradientsStayExactWhenTheCollectorRunsBetweenForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, -3f, 2f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.maximum(Scalars.div(Scalars.mul(x, 3f), 2f), 0f).sum();
                churnDirectMemory();
                collector.backward(y);
            }
            // d/dx max(1.5 x, 0) = 1.5 where 1.5 x > 0, else 0.
            assertThat(x.getGradient().toFloatArray()).containsExactly(1.5f, 0f, 1.5f);
        }
    }
}
