/**
 * Test-time similarities between PCME's Gaussian embeddings, and their uncertainty.
 *
 * <p>A {@link ai.braid.plugin.pcme.similarity.GaussianSet} holds N Gaussians N(mu,
 * diag(sigma^2)); a {@link ai.braid.plugin.pcme.similarity.Similarity} scores Q queries
 * against G gallery items into a (Q, G) matrix, higher = more similar, with batched array
 * operations on the inputs' device. {@link ai.braid.plugin.pcme.similarity.Similarities}
 * chooses one by name: the mean-only baseline, the closed forms (2-Wasserstein, expected
 * likelihood kernel, KL, symmetric KL, Bhattacharyya, PCME++'s CSD) and PCME's Monte-Carlo
 * match probability. {@link ai.braid.plugin.pcme.similarity.Uncertainty} is the geometric mean
 * of sigma.
 */
package ai.braid.plugin.pcme.similarity;
