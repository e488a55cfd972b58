/**
 * Retrieval metrics of PCME's evaluation over a (Q, G) score matrix fed a query row at a time:
 * Recall@K, R-Precision and mAP@R by class, plausible-match R-Precision (PMRP) over label sets,
 * every query's rank, and the correlation of a query's uncertainty with its failure.
 *
 * <p>Plain Java over {@code float[]} rows: {@link ai.braid.plugin.pcme.ranking.RetrievalRanking}
 * accumulates, {@link ai.braid.plugin.pcme.ranking.RetrievalResult} reports,
 * {@link ai.braid.plugin.pcme.ranking.UncertaintyCorrelation} correlates.
 */
package ai.braid.plugin.pcme.ranking;
