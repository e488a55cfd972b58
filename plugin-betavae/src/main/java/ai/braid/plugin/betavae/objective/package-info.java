/**
 * The negative beta-ELBO with Bernoulli or Gaussian pixels, and the capacity schedule of
 * Burgess et al. (2018).
 */
package ai.braid.plugin.betavae.objective;
