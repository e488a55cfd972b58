/**
 * Retrieval over galleries of Gaussian embeddings.
 *
 * <p>{@link ai.braid.plugin.pcme.index.GalleryIndex} answers "the k most similar gallery items
 * of each query" under a {@link ai.braid.plugin.pcme.similarity.Similarity}. {@link
 * ai.braid.plugin.pcme.index.ExactIndex} scores every pair on the gallery's device, a chunk of
 * queries at a time; {@link ai.braid.plugin.pcme.index.HnswIndex} finds candidates with
 * Lucene's HNSW graph over the means and re-ranks them with the similarity, for galleries too
 * large to score whole per query. {@link ai.braid.plugin.pcme.index.AnnBenchmark} measures the
 * one against the other on galleries grown by {@link
 * ai.braid.plugin.pcme.index.GalleryExpansion}.
 */
package ai.braid.plugin.pcme.index;
