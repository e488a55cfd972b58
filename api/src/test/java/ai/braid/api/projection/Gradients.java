package ai.braid.api.projection;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: backpropagates a block's summed embeddings and reads parameter gradients. */
final class Gradients {

    private Gradients() {}

    /**
     * Runs a training forward pass, backpropagates the sum of the embeddings weighted by
     * position-dependent factors (so that no gradient vanishes by symmetry), and returns the
     * absolute gradient sum of every parameter, keyed by its path.
     */
    static Map<String, Double> ofEmbeddingSum(Block block, NDList inputs) {
        Map<String, Double> sums = new LinkedHashMap<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = block.forward(
                    new ParameterStore(inputs.head().getManager(), false), inputs, true);
            NDArray embeddings = outputs.get(0);
            NDArray weights = embeddings.getManager()
                    .arange((float) embeddings.getShape().size())
                    .reshape(embeddings.getShape())
                    .sin();
            collector.backward(embeddings.mul(weights).sum());
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                sums.put(parameter.getKey(), gradient.abs().sum().getFloat() * 1.0);
            }
        }
        return sums;
    }
}
