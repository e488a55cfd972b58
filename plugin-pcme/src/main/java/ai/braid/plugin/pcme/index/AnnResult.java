package ai.braid.plugin.pcme.index;

import java.util.Locale;

/**
 * One gallery size's result of {@link AnnBenchmark}: how close the approximate index came to
 * exact search and how much faster it answered.
 *
 * @param size gallery items G
 * @param recall mean recall@k of the HNSW index's top k against exact search's top k
 * @param exactMs mean exact-search latency per query, queries run one at a time
 * @param exactBatchMs exact-search time per query when all queries run in one search
 * @param hnswMs mean HNSW-plus-re-ranking latency per query, queries run one at a time
 * @param buildSeconds time to build the HNSW index
 */
public record AnnResult(long size, double recall, double exactMs, double exactBatchMs,
        double hnswMs, double buildSeconds) {

    /**
     * Returns how many times lower the HNSW latency is than the exact one (one query at a
     * time each).
     *
     * @return exactMs / hnswMs
     */
    public double speedup() {
        return exactMs / hnswMs;
    }

    /**
     * Returns the machine-readable line, e.g. {@code ANN size=1000000 recall10=0.9712
     * exact_ms=35.10 exact_batch_ms=9.80 hnsw_ms=0.80 speedup=43.9 build_s=95.0}.
     *
     * @param k the k of the recall
     * @return one line, no line break
     */
    public String line(int k) {
        return String.format(Locale.ROOT, "ANN size=%d recall%d=%.4f exact_ms=%.3f"
                + " exact_batch_ms=%.3f hnsw_ms=%.3f speedup=%.1f build_s=%.1f", size, k,
                recall, exactMs, exactBatchMs, hnswMs, speedup(), buildSeconds);
    }
}
