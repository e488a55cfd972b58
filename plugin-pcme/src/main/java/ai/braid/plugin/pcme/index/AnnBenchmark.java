package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures the approximate index against exact search: recall@k of {@link HnswIndex} (HNSW
 * on mu plus re-ranking) against {@link ExactIndex}'s top k, and the latency of each, at
 * several gallery sizes; {@code bench/pcme.sh} runs it.
 *
 * <p>Input is a seed set of real embeddings, queries and gallery. Each gallery size is grown
 * from the seed gallery with {@link GalleryExpansion}: the seed items plus draws from their own
 * predicted Gaussians (so "1M vectors drawn from the model's predicted Gaussians of the real
 * gallery items"). For each size it times, with the same queries:
 *
 * <ul>
 *   <li>exact search one query at a time (mean latency) and all queries in one search
 *       (throughput, as time per query); the latter's top k is the reference;
 *   <li>building the HNSW index;
 *   <li>HNSW search plus re-ranking one query at a time (mean latency).
 * </ul>
 *
 * <p>Each timed loop follows a few untimed warm-up queries; the HNSW loop also follows one
 * untimed pass over all queries (the search whose hits give the recall). Speedup = exact latency / HNSW
 * latency, both one query at a time. Exact scoring uses the engine's intra-op threads ({@code
 * -Dai.djl.pytorch.num_threads}); an HNSW query runs on the calling thread. Prints a table and,
 * per size, a line as {@link AnnResult#line(int)} writes it.
 */
public final class AnnBenchmark {

    /** The gallery sizes measured by default. */
    public static final long[] DEFAULT_SIZES = {10_000, 100_000, 1_000_000};

    private final long[] sizes;
    private final int queryCount;
    private final int k;
    private final int seed;
    private final int maxConn;
    private final int beamWidth;
    private final int candidates;
    private final int threads;
    private final int warmup;
    private final Path workDirectory;

    private AnnBenchmark(Builder builder) {
        this.sizes = builder.sizes.clone();
        this.queryCount = builder.queries;
        this.k = builder.k;
        this.seed = builder.seed;
        this.maxConn = builder.maxConn;
        this.beamWidth = builder.beamWidth;
        this.candidates = builder.candidates;
        this.threads = builder.threads;
        this.warmup = builder.warmup;
        this.workDirectory = builder.workDirectory;
    }

    /**
     * Starts a configuration: sizes 10k, 100k, 1M; 200 queries; k = 10; seed 1; the HNSW
     * index's defaults; 2 build threads; 5 warm-up queries.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the benchmark from the command line; {@code --help} lists the options. Exits with 0
     * when it ran (whether or not the target is met), 2 for bad options or input.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(AnnBenchmarkCommand.execute(args, System.out, System.err));
    }

    /**
     * Measures every gallery size.
     *
     * @param input the seed queries (Q, D) and seed gallery (S, D) with sigma
     * @param similarity the similarity both indexes rank by
     * @param out where the table and the {@code ANN ...} lines go
     * @return one result per size, in the configured order
     * @throws UserInputException if the input does not fit (no sigma, dimensions differ)
     */
    public List<AnnResult> run(Embeddings input, Similarity similarity, PrintStream out) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(similarity, "similarity");
        Objects.requireNonNull(out, "out");
        GaussianSet queries = input.queries();
        long usedQueries = Math.min(queryCount, queries.size());
        out.printf(Locale.ROOT, "ANN benchmark: D=%d, seed gallery %d items, %d queries,"
                        + " k=%d, similarity %s; HNSW M=%d beamWidth=%d candidates=%s,"
                        + " %d build threads; device %s, engine threads %s%n",
                input.gallery().dimension(), input.gallery().size(), usedQueries, k,
                similarity.name(), maxConn, beamWidth,
                candidates > 0 ? String.valueOf(candidates)
                        : HnswIndex.DEFAULT_CANDIDATE_FACTOR + "k",
                threads, input.gallery().mu().getDevice(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.printf(Locale.ROOT, "%10s %10s %15s %21s %14s %9s %9s%n", "size", "recall@" + k,
                "exact ms/query", "exact batch ms/query", "hnsw ms/query", "speedup",
                "build s");
        List<AnnResult> results = new ArrayList<>();
        try (NDManager manager = input.gallery().mu().getManager().newSubManager()) {
            GaussianSet used = IndexSupport.rowsOn(queries, 0, usedQueries, manager);
            for (long size : sizes) {
                AnnResult result = measure(input.gallery(), used, size, similarity, manager);
                results.add(result);
                out.printf(Locale.ROOT, "%10d %10.4f %15.3f %21.3f %14.3f %9.1f %9.1f%n",
                        result.size(), result.recall(), result.exactMs(), result.exactBatchMs(),
                        result.hnswMs(), result.speedup(), result.buildSeconds());
                out.flush();
            }
        }
        for (AnnResult result : results) {
            out.println(result.line(k));
        }
        return results;
    }

    private AnnResult measure(GaussianSet seedGallery, GaussianSet queries, long size,
            Similarity similarity, NDManager parent) {
        int kUsed = (int) Math.min(k, size);
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = parent.newSubManager()) {
            GaussianSet gallery = GalleryExpansion.expand(seedGallery, size, manager);
            SearchHits truth;
            double exactMs;
            double exactBatchMs;
            try (ExactIndex exact = ExactIndex.builder().setGallery(gallery)
                    .setSimilarity(similarity).build()) {
                exactMs = oneAtATime(exact, queries, kUsed);
                long started = System.nanoTime();
                truth = exact.search(queries, kUsed);
                exactBatchMs = (System.nanoTime() - started) / 1e6 / queries.size();
            }
            HnswIndex.Builder hnsw = HnswIndex.builder().setGallery(gallery)
                    .setSimilarity(similarity).optMaxConn(maxConn).optBeamWidth(beamWidth)
                    .optThreads(threads);
            if (candidates > 0) {
                hnsw.optCandidates(candidates);
            }
            if (workDirectory != null) {
                hnsw.optWorkDirectory(workDirectory);
            }
            long started = System.nanoTime();
            try (HnswIndex index = hnsw.build()) {
                double buildSeconds = (System.nanoTime() - started) / 1e9;
                // Also the HNSW warm-up: Lucene's graph search runs interpreted until the JIT
                // has seen it a few hundred times, which would dominate a short timed loop.
                SearchHits approximate = index.search(queries, kUsed);
                double hnswMs = oneAtATime(index, queries, kUsed);
                return new AnnResult(size, approximate.meanRecall(truth), exactMs,
                        exactBatchMs, hnswMs, buildSeconds);
            }
        }
    }

    /** Mean milliseconds per query, each searched alone, after untimed warm-up queries. */
    private double oneAtATime(GalleryIndex index, GaussianSet queries, int kUsed) {
        long count = queries.size();
        for (long q = 0; q < Math.min(warmup, count); q++) {
            searchOne(index, queries, q, kUsed);
        }
        long started = System.nanoTime();
        for (long q = 0; q < count; q++) {
            searchOne(index, queries, q, kUsed);
        }
        return (System.nanoTime() - started) / 1e6 / count;
    }

    private static void searchOne(GalleryIndex index, GaussianSet queries, long q, int kUsed) {
        try (NDManager one = queries.mu().getManager().newSubManager()) {
            index.search(IndexSupport.rowsOn(queries, q, q + 1, one), kUsed);
        }
    }

    /**
     * A seed set: real query and gallery embeddings, with the trained match scalars when the
     * model has them.
     *
     * @param queries Q query embeddings (Q, D)
     * @param gallery S gallery embeddings (S, D), with sigma
     * @param matchScale the trained a and b of the match logit, or null
     */
    public record Embeddings(GaussianSet queries, GaussianSet gallery, float[] matchScale) {

        /** The array names an embeddings file holds. */
        public static final List<String> NAMES =
                List.of("query.mu", "query.logsigma", "gallery.mu", "gallery.logsigma");

        /**
         * Checks the parts.
         *
         * @throws UserInputException if D differs or the gallery has no sigma
         */
        public Embeddings {
            Objects.requireNonNull(queries, "queries");
            Objects.requireNonNull(gallery, "gallery");
            if (queries.dimension() != gallery.dimension()) {
                throw new UserInputException("queries have dimension " + queries.dimension()
                        + ", the gallery " + gallery.dimension());
            }
            if (gallery.logSigma() == null) {
                throw new UserInputException("the seed gallery needs log sigma to be grown");
            }
            if (matchScale != null && matchScale.length != 2) {
                throw new UserInputException("the match scale is two numbers, a and b, got "
                        + matchScale.length);
            }
            matchScale = matchScale == null ? null : matchScale.clone();
        }

        /**
         * Returns the trained match scalars if the file held them.
         *
         * @return {a, b}, or empty
         */
        public Optional<float[]> findMatchScale() {
            return Optional.ofNullable(matchScale).map(float[]::clone);
        }

        /**
         * Reads a DJL NDList file ({@link NDList#encode}) with arrays named {@code query.mu},
         * {@code query.logsigma} (optional), {@code gallery.mu} and {@code gallery.logsigma},
         * and optionally {@code match.scale} and {@code match.shift} (one number each), as the
         * pcme-retrieval task saves them beside its figures.
         *
         * @param file the file
         * @param manager owner of the arrays read
         * @return the embeddings
         * @throws UserInputException if the file cannot be read or lacks an array
         */
        public static Embeddings load(Path file, NDManager manager) {
            Objects.requireNonNull(file, "file");
            NDList list;
            try (InputStream in = Files.newInputStream(file)) {
                list = NDList.decode(manager, in);
            } catch (IOException | RuntimeException e) {
                throw new UserInputException("cannot read embeddings from " + file
                        + " (expected a DJL NDList file with arrays " + NAMES + "): "
                        + e.getMessage(), e);
            }
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray array : list) {
                byName.put(array.getName(), array.toType(DataType.FLOAT32, false));
            }
            for (String name : List.of("query.mu", "gallery.mu", "gallery.logsigma")) {
                if (!byName.containsKey(name)) {
                    throw new UserInputException(file + " has no array named '" + name
                            + "'; it holds " + byName.keySet() + ", expected " + NAMES);
                }
            }
            float[] match = byName.containsKey("match.scale") && byName.containsKey("match.shift")
                    ? new float[] {byName.get("match.scale").getFloat(0),
                        byName.get("match.shift").getFloat(0)} : null;
            return new Embeddings(
                    new GaussianSet(byName.get("query.mu"), byName.get("query.logsigma")),
                    new GaussianSet(byName.get("gallery.mu"), byName.get("gallery.logsigma")),
                    match);
        }

        /**
         * Makes a synthetic seed set, for measuring without a trained model: S unit means
         * uniform on the sphere with log sigma = log(sigma) + 0.25 N(0, 1) per element, and
         * queries drawn from the Gaussians of gallery items picked at random (each query has
         * a true neighbourhood, as a caption has its image). Uses the engine's generator.
         *
         * @param manager owner of the arrays
         * @param items S seed gallery items
         * @param queries Q queries
         * @param dimension D
         * @param sigma typical standard deviation, e.g. 0.05
         * @return the embeddings
         * @throws UserInputException if a count is below 1 or sigma is not positive
         */
        public static Embeddings synthetic(NDManager manager, int items, int queries,
                int dimension, float sigma) {
            if (items < 1 || queries < 1 || dimension < 1 || !(sigma > 0)) {
                throw new UserInputException("synthetic embeddings need items, queries and"
                        + " dimension of 1 or more and sigma > 0, got " + items + ", " + queries
                        + ", " + dimension + ", " + sigma);
            }
            NDArray mu = unit(manager.randomNormal(new Shape(items, dimension)));
            NDArray logSigma = manager.randomNormal(new Shape(items, dimension)).mul(0.25f)
                    .add((float) Math.log(sigma));
            NDArray picked = manager.randomInteger(0, items, new Shape(queries),
                    DataType.INT64);
            NDArray queryLogSigma = logSigma.get(picked);
            NDArray queryMu = unit(mu.get(picked).add(manager
                    .randomNormal(new Shape(queries, dimension)).mul(queryLogSigma.exp())));
            return new Embeddings(new GaussianSet(queryMu, queryLogSigma),
                    new GaussianSet(mu, logSigma), null);
        }

        private static NDArray unit(NDArray x) {
            return x.div(x.norm(new int[] {1}, true));
        }
    }

    /** Configures an {@link AnnBenchmark}. */
    public static final class Builder {

        private long[] sizes = DEFAULT_SIZES.clone();
        private int queries = 200;
        private int k = 10;
        private int seed = 1;
        private int maxConn = HnswIndex.DEFAULT_MAX_CONN;
        private int beamWidth = HnswIndex.DEFAULT_BEAM_WIDTH;
        private int candidates;
        private int threads = 2;
        private int warmup = 5;
        private Path workDirectory;

        private Builder() {}

        /**
         * Sets the gallery sizes.
         *
         * @param sizes one or more sizes, each 1 or more
         * @return this builder
         * @throws UserInputException if none is given or one is below 1
         */
        public Builder optSizes(long... sizes) {
            if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
                throw new UserInputException("gallery sizes must be 1 or more, got "
                        + Arrays.toString(sizes));
            }
            this.sizes = sizes.clone();
            return this;
        }

        /**
         * Sets how many of the input's queries are used (all if it has fewer).
         *
         * @param queries 1 or more; 200 by default
         * @return this builder
         */
        public Builder optQueries(int queries) {
            this.queries = positive("queries", queries);
            return this;
        }

        /**
         * Sets k of recall@k.
         *
         * @param k 1 or more; 10 by default
         * @return this builder
         */
        public Builder optK(int k) {
            this.k = positive("k", k);
            return this;
        }

        /**
         * Sets the seed of the gallery draws.
         *
         * @param seed any number; 1 by default
         * @return this builder
         */
        public Builder optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the HNSW graph's neighbours per node.
         *
         * @param maxConn see {@link HnswIndex.Builder#optMaxConn(int)}
         * @return this builder
         */
        public Builder optMaxConn(int maxConn) {
            HnswIndex.builder().optMaxConn(maxConn);
            this.maxConn = maxConn;
            return this;
        }

        /**
         * Sets the HNSW build beam width.
         *
         * @param beamWidth see {@link HnswIndex.Builder#optBeamWidth(int)}
         * @return this builder
         */
        public Builder optBeamWidth(int beamWidth) {
            HnswIndex.builder().optBeamWidth(beamWidth);
            this.beamWidth = beamWidth;
            return this;
        }

        /**
         * Sets the candidates re-ranked per query.
         *
         * @param candidates see {@link HnswIndex.Builder#optCandidates(int)}
         * @return this builder
         */
        public Builder optCandidates(int candidates) {
            HnswIndex.builder().optCandidates(candidates);
            this.candidates = candidates;
            return this;
        }

        /**
         * Sets the threads that build the HNSW graph.
         *
         * @param threads 1 or more; 2 by default
         * @return this builder
         */
        public Builder optThreads(int threads) {
            this.threads = positive("threads", threads);
            return this;
        }

        /**
         * Sets the untimed queries before each timed loop.
         *
         * @param warmup 0 or more; 5 by default
         * @return this builder
         * @throws UserInputException if negative
         */
        public Builder optWarmup(int warmup) {
            if (warmup < 0) {
                throw new UserInputException("warm-up queries must be 0 or more, got " + warmup);
            }
            this.warmup = warmup;
            return this;
        }

        /**
         * Sets where the HNSW index's temporary files go.
         *
         * @param workDirectory a folder; java.io.tmpdir by default
         * @return this builder
         */
        public Builder optWorkDirectory(Path workDirectory) {
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
            return this;
        }

        /**
         * Builds the benchmark.
         *
         * @return the benchmark
         */
        public AnnBenchmark build() {
            return new AnnBenchmark(this);
        }

        private static int positive(String what, int value) {
            if (value < 1) {
                throw new UserInputException(what + " must be 1 or more, got " + value);
            }
            return value;
        }
    }
}
