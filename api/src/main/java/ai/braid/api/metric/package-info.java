/**
 * Ready-made {@link ai.braid.api.spi.Metric}s for tasks: accuracy, binary and macro precision,
 * recall and F1, and Recall@K for cross-modal retrieval.
 *
 * <p>Each metric takes the names of the outputs and targets it reads when it is built, and copies
 * what it needs out of each batch into Java fields (class predictions, or embeddings for
 * ranking), since the batch's arrays are closed after {@link ai.braid.api.spi.Metric#update}.
 * Wrong shapes and missing names throw {@link ai.braid.api.UserInputException}.
 */
package ai.braid.api.metric;
