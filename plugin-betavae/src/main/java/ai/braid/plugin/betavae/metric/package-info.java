/**
 * The beta-VAE disentanglement metric (Higgins et al. 2017) and the representations it is
 * compared against.
 *
 * <p>{@link ai.braid.plugin.betavae.metric.DisentanglementMetric} scores any
 * {@link ai.braid.plugin.betavae.metric.FactorRepresentation}: a model's encoder, or one of the
 * non-model baselines of the paper's table (ground truth 100, raw pixels 45.75, PCA 84.9, ICA
 * 42.03, in %): {@link ai.braid.plugin.betavae.metric.GroundTruthRepresentation},
 * {@link ai.braid.plugin.betavae.metric.RawPixelRepresentation},
 * {@link ai.braid.plugin.betavae.metric.PcaRepresentation} and
 * {@link ai.braid.plugin.betavae.metric.IcaRepresentation}. The classifier, PCA and ICA come
 * from Smile 2.6.0 (LGPL-3.0) on OpenBLAS.
 */
package ai.braid.plugin.betavae.metric;
