package ai.braid.plugin.betavae.task;

/**
 * How the beta-VAE task measures disentanglement on the test split.
 *
 * @param trainPoints points that train the linear classifier; 0 turns the metric off
 * @param evalPoints points it is scored on
 * @param pairs image pairs averaged into each point (L)
 * @param seed seeds the points
 * @param baselines also score ground truth, raw pixels, PCA and ICA on the same protocol
 * @param baselineFitImages images PCA and ICA are fitted on
 */
public record DisentanglementSettings(int trainPoints, int evalPoints, int pairs, long seed,
        boolean baselines, int baselineFitImages) {

    /**
     * Whether the metric runs at all.
     *
     * @return true if training points are asked for
     */
    public boolean enabled() {
        return trainPoints > 0;
    }
}
