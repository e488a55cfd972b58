/**
 * Probabilistic cross-modal embeddings (PCME, Chun et al. 2021; PCME++, Chun 2024) for
 * many-to-many image-text retrieval.
 *
 * <p>The components: the readers {@code emoji}, {@code cub-captions} and {@code coco-captions}
 * ({@link ai.braid.plugin.pcme.data}); the task {@code pcme-retrieval} ({@link
 * ai.braid.plugin.pcme.task}), whose head embeds each modality as a Gaussian ({@link
 * ai.braid.plugin.pcme.model}); the objectives {@code pcme} and {@code pcme-csd} ({@link
 * ai.braid.plugin.pcme.objective}). The task ranks with the test-time similarities of {@link
 * ai.braid.plugin.pcme.similarity}, scores with {@link ai.braid.plugin.pcme.ranking}, answers
 * queries through {@link ai.braid.plugin.pcme.index} and draws with {@link
 * ai.braid.plugin.pcme.figure}.
 */
package ai.braid.plugin.pcme;
