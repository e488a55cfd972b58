package ai.braid.plugin.pcme.similarity;

import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.Function;

/** Building blocks of the (Q, G) score matrices, shared by the similarities. */
final class PairwiseMath {

    /**
     * Upper bound on the elements of one (block, G, D) intermediate of a broadcast similarity:
     * 4 Mi floats, 16 MiB, so a few of them stay small next to the (Q, G) result.
     */
    static final long BLOCK_ELEMENTS = 1L << 22;

    private PairwiseMath() {}

    /**
     * Sums over the last axis, kept as a column.
     *
     * @param x (N, D)
     * @return (N, 1)
     */
    static NDArray rowSums(NDArray x) {
        return x.sum(new int[] {1}, true);
    }

    /**
     * Sums over the last axis, laid out as a row so that it broadcasts over queries.
     *
     * @param x (G, D)
     * @return (1, G)
     */
    static NDArray columnSums(NDArray x) {
        return x.sum(new int[] {1}).reshape(1, x.getShape().get(0));
    }

    /**
     * Adds a constant created on the array's own manager (see {@link Scalars} for why).
     *
     * @param x any array
     * @param value the constant
     * @return x + value
     */
    static NDArray plus(NDArray x, float value) {
        return x.add(x.getManager().create(value));
    }

    /**
     * Sums an element-wise term over D for every (query, gallery) pair whose formula does not
     * separate into matrix products, a block of queries at a time so that the (block, G, D)
     * intermediates stay below {@link #BLOCK_ELEMENTS}.
     *
     * @param queries query-side arrays, each (Q, D), on one manager; the result lands there
     * @param gallerySize G
     * @param term maps the block's rows of every query-side array, in order, to the per-pair
     *     values (b, G)
     * @return (Q, G)
     */
    static NDArray blocked(NDList queries, long gallerySize, Function<NDList, NDArray> term) {
        return blocked(queries, gallerySize, BLOCK_ELEMENTS, term);
    }

    /**
     * {@link #blocked(NDList, long, Function)} with another element budget per block.
     *
     * @param queries query-side arrays, each (Q, D), on one manager
     * @param gallerySize G
     * @param budget the most elements of a (b, G, D) intermediate; at least one query a block
     * @param term maps the block's rows to (b, G)
     * @return (Q, G)
     */
    static NDArray blocked(NDList queries, long gallerySize, long budget,
            Function<NDList, NDArray> term) {
        NDArray first = queries.get(0);
        long count = first.getShape().get(0);
        long dimension = first.getShape().get(1);
        long block = Math.max(1, budget / Math.max(1, gallerySize * dimension));
        NDManager owner = first.getManager();
        NDList blocks = new NDList();
        for (long start = 0; start < count; start += block) {
            NDIndex range = new NDIndex("{}:{}", start, Math.min(count, start + block));
            // each block's (b, G, D) intermediates die with its manager; only (b, G) is kept
            try (NDManager scratch = owner.newSubManager()) {
                NDList rows = new NDList(queries.size());
                for (NDArray array : queries) {
                    NDArray slice = array.get(range);
                    slice.attach(scratch);
                    rows.add(slice);
                }
                NDArray values = term.apply(rows);
                values.attach(owner);
                blocks.add(values);
            }
        }
        return blocks.size() == 1 ? blocks.singletonOrThrow() : NDArrays.concat(blocks, 0);
    }
}
