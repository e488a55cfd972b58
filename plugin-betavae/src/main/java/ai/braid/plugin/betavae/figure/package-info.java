/**
 * Figures of a VAE as PNG files: image grids, latent traversals, reconstructions and the KL per
 * latent unit.
 *
 * <p>Everything here is plain Java on plain arrays: the caller runs the model and hands over
 * decoded pixels and KL values, so the figures can be drawn, and tested, without an engine.
 * Drawing happens on off-screen images only; no display is needed.
 */
package ai.braid.plugin.betavae.figure;
