package ai.braid.api.spi;

/**
 * Decides, at every training step, how the objectives' losses are combined into the one that is
 * back-propagated: {@code L = sum_i w_i * L_i}.
 *
 * <p>Fixed weighting returns the weights written in the pipeline. Gradient-based strategies
 * such as MGDA ask for the objectives' gradients: the runtime then back-propagates each
 * objective separately over one forward pass and hands over their inner products on the
 * shared parameters (those every objective's gradient reaches).
 */
public interface LossWeighting {

    /**
     * Returns whether {@link #weights} reads the gradients' inner products. When false the
     * runtime skips the per-objective backward passes.
     *
     * @return true for gradient-based strategies
     */
    boolean needsGradients();

    /**
     * Returns this step's weights.
     *
     * @param fixedWeights the weights the pipeline gives each objective, in objective order
     * @param losses this step's loss value of each objective
     * @param gram {@code gram[i][j] = g_i . g_j}, the inner products of the objectives'
     *     gradients on the shared parameters; null unless {@link #needsGradients()}
     * @return one weight per objective, in objective order
     */
    double[] weights(double[] fixedWeights, double[] losses, double[][] gram);
}
