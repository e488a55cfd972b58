/**
 * Pictures of a trained retrieval model: Recall@1 by uncertainty ({@link
 * ai.braid.plugin.pcme.figure.UncertaintyRecallChart}) and the embeddings on their first two
 * principal axes with their sigma ({@link ai.braid.plugin.pcme.figure.EmbeddingMap}).
 */
package ai.braid.plugin.pcme.figure;
