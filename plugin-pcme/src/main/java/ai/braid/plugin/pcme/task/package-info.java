/**
 * The task {@code pcme-retrieval}: targets of a retrieval pair, whole-split ranking in both
 * directions, answers to queries from {@code braid predict}, and the figures of a trained model.
 */
package ai.braid.plugin.pcme.task;
