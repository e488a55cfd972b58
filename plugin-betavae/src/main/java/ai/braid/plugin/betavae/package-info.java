/**
 * beta-VAE (Higgins et al. 2017): disentangled representations and the disentanglement metric.
 *
 * <p>Components: the dataset reader {@code dsprites} ({@link
 * ai.braid.plugin.betavae.DSpritesReader}, every image rendered from its factors), the projector
 * {@code vae-encoder}, the task {@code beta-vae} and the objective {@code beta-elbo}.
 * Subpackages: {@code model} (encoders, decoders, the head), {@code objective}, {@code task}
 * (the task, its metrics and pictures), {@code metric} (the disentanglement metric and its
 * baselines on Smile) and {@code figure} (PNG writers).
 */
package ai.braid.plugin.betavae;
