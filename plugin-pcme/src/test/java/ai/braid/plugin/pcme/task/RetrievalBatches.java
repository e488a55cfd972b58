package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Sample;
import ai.braid.plugin.pcme.model.PcmeOutputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made batches of head outputs and retrieval targets for the evaluation tests. */
final class RetrievalBatches {

    /** The targets of the fixture datasets: image id, class and tag ids. */
    static final RetrievalTargets ALL_TARGETS = new RetrievalTargets("image", "category", "tags");

    private RetrievalBatches() {}

    /** A caption-image pair's targets; category or tags null to leave them out. */
    static Sample pair(String id, int image, Integer category, int[] tags) {
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("image", image);
        if (category != null) {
            targets.put("category", category);
        }
        if (tags != null) {
            targets.put("tags", tags);
        }
        return new Sample(id, Map.of(), targets);
    }

    /** Builder of one batch's outputs, named as the PCME head names them. */
    static Outputs outputs(NDManager manager) {
        return new Outputs(manager);
    }

    static NDArray matrix(NDManager manager, float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    /** Unit vector e_i of width d. */
    static float[] unit(int i, int d) {
        float[] v = new float[d];
        v[i] = 1f;
        return v;
    }

    /** Collects named arrays. */
    static final class Outputs {

        private final NDManager manager;
        private final List<NDArray> arrays = new ArrayList<>();

        private Outputs(NDManager manager) {
            this.manager = manager;
        }

        Outputs mu(float[][] a, float[][] b) {
            return add(PcmeOutputs.MU_A, matrix(manager, a))
                    .add(PcmeOutputs.MU_B, matrix(manager, b));
        }

        Outputs logSigma(float[][] a, float[][] b) {
            return add(PcmeOutputs.LOG_SIGMA_A, matrix(manager, a))
                    .add(PcmeOutputs.LOG_SIGMA_B, matrix(manager, b));
        }

        Outputs match(float scale, float shift) {
            return add(PcmeOutputs.SCALE, manager.create(new float[] {scale}))
                    .add(PcmeOutputs.SHIFT, manager.create(new float[] {shift}));
        }

        Outputs add(String name, NDArray array) {
            array.setName(name);
            arrays.add(array);
            return this;
        }

        NDList build() {
            return new NDList(arrays);
        }
    }
}
