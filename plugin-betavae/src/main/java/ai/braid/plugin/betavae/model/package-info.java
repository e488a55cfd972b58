/**
 * The beta-VAE models as DJL blocks: the FC and conv encoders and decoders ({@link
 * ai.braid.plugin.betavae.model.VaeArchitecture}), the encoder as a projector block in its
 * posterior and latent-token forms, and the head that samples and decodes.
 */
package ai.braid.plugin.betavae.model;
