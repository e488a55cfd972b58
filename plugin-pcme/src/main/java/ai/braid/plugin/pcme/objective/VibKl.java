package ai.braid.plugin.pcme.objective;

import ai.braid.api.objective.GaussianKl;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Set;

/**
 * The variational-information-bottleneck regulariser of PCME and PCME++: the KL divergence of
 * every Gaussian embedding from the standard normal, for both modalities,
 *
 * <pre>
 * KL(N(mu, diag(sigma^2)) || N(0, I)) = 0.5 * sum_d (mu_d^2 + sigma_d^2 - 2 log sigma_d - 1),
 * sigma = exp(log sigma)
 * </pre>
 *
 * <p>The head's {@code log sigma} is a log standard deviation (the samples are {@code mu + eps *
 * exp(log sigma)}), and the KL reads it as one. PCME's reference code ({@code
 * criterions/probemb.py}) computes {@code -0.5 * sum(1 + log sigma - mu^2 - exp(log sigma))}
 * instead, which is the KL of a Gaussian whose log-<em>variance</em> is {@code log sigma}, and
 * puts the mean of the J samples in place of mu; that contradicts its own sampler, so it is not
 * offered here. The divergence is computed by the API's {@link GaussianKl}.
 */
final class VibKl {

    private static final NDList NO_TARGETS = new NDList();

    private final String muA;
    private final String logSigmaA;
    private final String muB;
    private final String logSigmaB;
    private final GaussianKl klA;
    private final GaussianKl klB;

    /**
     * Creates the regulariser reading the Gaussians of both modalities.
     *
     * @param reader the objective, for messages
     * @param muA output name of the image means (B, D)
     * @param logSigmaA output name of the image log standard deviations (B, D)
     * @param muB output name of the text means (B, D)
     * @param logSigmaB output name of the text log standard deviations (B, D)
     */
    VibKl(String reader, String muA, String logSigmaA, String muB, String logSigmaB) {
        this.muA = Outputs.name(muA, "muA");
        this.logSigmaA = Outputs.name(logSigmaA, "logSigmaA");
        this.muB = Outputs.name(muB, "muB");
        this.logSigmaB = Outputs.name(logSigmaB, "logSigmaB");
        this.klA = GaussianKl.builder().optTermName(reader).optMean(muA).optLogSigma(logSigmaA)
                .build();
        this.klB = GaussianKl.builder().optTermName(reader).optMean(muB).optLogSigma(logSigmaB)
                .build();
    }

    /**
     * Returns the names of the outputs read.
     *
     * @return the means and log sigmas of both modalities
     */
    Set<String> outputs() {
        return Set.of(muA, logSigmaA, muB, logSigmaB);
    }

    /**
     * Checks the shapes: mu_a (B, D), log sigma_a like mu_a, and the same for b.
     *
     * @param outputs the head's outputs
     * @param reader the objective, for the message
     * @throws ai.braid.api.UserInputException if an output is missing or a shape differs
     */
    void check(NDList outputs, String reader) {
        NDArray first = Outputs.find(outputs, muA, reader);
        Outputs.requireAxes(first, muA, "(B, D)", 2, reader);
        Outputs.requireShape(Outputs.find(outputs, logSigmaA, reader), logSigmaA,
                first.getShape(), first, muA, reader);
        NDArray second = Outputs.find(outputs, muB, reader);
        Outputs.requireShape(second, muB, first.getShape(), first, muA, reader);
        Outputs.requireShape(Outputs.find(outputs, logSigmaB, reader), logSigmaB,
                first.getShape(), first, muA, reader);
    }

    /**
     * Computes {@code KL_a + KL_b}, each summed over the D dimensions and averaged over the
     * batch. Callers rescale it to the reduction of their main term.
     *
     * @param outputs the head's outputs, with shapes already checked
     * @return shape (), on the graph
     */
    NDArray batchMean(NDList outputs) {
        return klA.compute(outputs, NO_TARGETS).get(0).value()
                .add(klB.compute(outputs, NO_TARGETS).get(0).value());
    }
}
