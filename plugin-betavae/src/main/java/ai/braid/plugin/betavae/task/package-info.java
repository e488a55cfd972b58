/**
 * The beta-VAE task: targets, the KL per latent unit, the disentanglement metric on a trained
 * encoder (memoised per image) with its baselines, and the pictures drawn after training.
 */
package ai.braid.plugin.betavae.task;
