package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.EuclideanForm;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Approximate search for large galleries: an HNSW graph finds each query's k' best gallery
 * candidates, then the {@link Similarity} re-ranks them and the top k are returned.
 *
 * <p>What the graph holds depends on the similarity. One that is a Euclidean distance between
 * augmented vectors ({@link Similarity#euclideanForm()}: the squared distance of the means,
 * PCME++'s closed-form sampled distance) is searched as such, so the candidates are that
 * similarity's own approximate top k'. For the others (the match
 * probability, ELK, KL...) the graph holds the unit-length means and finds the k' nearest by
 * cosine, a proxy that sigma then re-orders. On a trained PCME model's emoji embeddings the
 * proxy found only 60% (10k) to 72% (100k) of the closed-form distance's exact top 10, since
 * the items' total variance moves them across the means' ranking; the Euclidean form
 * searches that distance itself.
 *
 * <p>The graph is Apache Lucene's (lucene-core 9.x, {@link KnnFloatVectorField} with {@link
 * VectorSimilarityFunction#EUCLIDEAN} on the augmented vectors, or {@link
 * VectorSimilarityFunction#DOT_PRODUCT} on unit-length means, where dot product is cosine),
 * built through Lucene's public index API in a temporary directory that {@link #close()}
 * deletes: one document per gallery row, with the row stored as a doc value, written by
 * {@code threads} indexing threads (each builds the graph of its own segment) and force-merged
 * into one segment with {@code threads} merge workers. Re-ranking gathers the candidates'
 * mu and log sigma rows on the gallery's device and scores them there, a few queries at a time.
 *
 * <p>Beyond that, what limits recall is the graph: galleries of many tight, well-separated clusters
 * (every item with the draws around it) leave some queries' greedy descent in a wrong
 * cluster, which no k' repairs; a wider build beam (more long links) does. With a build beam
 * of 32 recall@10 stalled near 0.78 whatever k'; with the default 100 it rose with k' to 0.98
 * at k' = 200. The gallery's arrays stay owned by the caller and must stay open while the index is
 * used. A search is not meant to run concurrently with another on the same index.
 *
 * <pre>{@code
 * try (HnswIndex index = HnswIndex.builder().setGallery(gallery).setSimilarity(csd)
 *         .optCandidates(100).build()) {
 *     SearchHits hits = index.search(queries, 10);
 * }
 * }</pre>
 */
public final class HnswIndex implements GalleryIndex {

    /** Neighbours per graph node (Lucene's maxConn, HNSW's M) by default. */
    public static final int DEFAULT_MAX_CONN = 16;

    /** Candidates considered per insertion while building (HNSW's efConstruction) by default. */
    public static final int DEFAULT_BEAM_WIDTH = 100;

    /**
     * Candidates re-ranked per query by default, as a multiple of k. At k = 10, 200 candidates
     * gave recall@10 0.98 (100 gave 0.91) on galleries of tight clusters of 125 draws around
     * each item, the shape {@link GalleryExpansion} gives at 1M from 8k items.
     */
    public static final int DEFAULT_CANDIDATE_FACTOR = 20;

    private static final String VECTOR_FIELD = "mu";
    private static final String ROW_FIELD = "row";
    private static final int MAX_DIMENSION = 1024;
    private static final int TRANSFER_ROWS = 8192;
    private static final int RERANK_SCORES = 4096;

    private final GaussianSet gallery;
    private final Similarity similarity;
    private final EuclideanForm euclidean;
    private final int maxConn;
    private final int beamWidth;
    private final int candidates;
    private final Path folder;
    private final Directory directory;
    private final DirectoryReader reader;
    private final LeafReader leaf;
    private final int[] docToRow;

    private HnswIndex(Builder builder) throws IOException {
        this.gallery = builder.gallery;
        this.similarity = builder.similarity;
        this.euclidean = similarity.euclideanForm().orElse(null);
        this.maxConn = builder.maxConn;
        this.beamWidth = builder.beamWidth;
        this.candidates = builder.candidates;
        Path parent = builder.workDirectory != null
                ? builder.workDirectory
                : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        this.folder = Files.createTempDirectory(parent, "braid-hnsw-");
        Directory opened = null;
        DirectoryReader read = null;
        try {
            opened = FSDirectory.open(folder);
            write(opened, builder.threads);
            read = DirectoryReader.open(opened);
            if (read.leaves().size() != 1) {
                throw new IllegalStateException("expected one segment after the force-merge, got "
                        + read.leaves().size());
            }
            this.directory = opened;
            this.reader = read;
            this.leaf = read.leaves().get(0).reader();
            this.docToRow = rowsByDocument(leaf);
        } catch (IOException | RuntimeException e) {
            closeQuietly(read, e);
            closeQuietly(opened, e);
            deleteQuietly(folder, e);
            throw e;
        }
    }

    /**
     * Starts a configuration; the gallery and the similarity are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public long size() {
        return gallery.size();
    }

    @Override
    public long dimension() {
        return gallery.dimension();
    }

    @Override
    public Similarity similarity() {
        return similarity;
    }

    /**
     * Returns the graph's neighbours per node (M).
     *
     * @return maxConn
     */
    public int maxConn() {
        return maxConn;
    }

    /**
     * Returns the build-time beam width (efConstruction).
     *
     * @return beamWidth
     */
    public int beamWidth() {
        return beamWidth;
    }

    /**
     * Returns how many candidates a query re-ranks for a given k: the configured number (or
     * {@link #DEFAULT_CANDIDATE_FACTOR} x k), at least k, at most G.
     *
     * @param k hits per query
     * @return k'
     */
    public int candidates(int k) {
        long wanted = candidates > 0 ? candidates : (long) DEFAULT_CANDIDATE_FACTOR * k;
        return (int) Math.min(gallery.size(), Math.max(k, wanted));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A query gets fewer than k hits only if the graph search reaches fewer than k items,
     * which Lucene's graph (kept connected when built) does not do for k' &lt;= G.
     */
    @Override
    public SearchHits search(GaussianSet queries, int k) {
        return search(queries, k, candidates(k));
    }

    /**
     * Finds every query's k most similar gallery items, re-ranking a given number of HNSW
     * candidates per query instead of the configured one: more candidates, higher recall,
     * slower search.
     *
     * @param queries Q query embeddings (Q, D), on any device
     * @param k hits per query, 1 to G
     * @param candidates k', the candidates re-ranked per query; raised to k, capped at G
     * @return (Q, k) gallery rows and their similarities, best first
     * @throws UserInputException if k or candidates is out of range, D differs from the
     *     gallery's, or sigma is needed and missing
     */
    public SearchHits search(GaussianSet queries, int k, int candidates) {
        IndexSupport.checkSearch(this, queries, k);
        if (candidates < 1) {
            throw new UserInputException("candidates must be 1 or more, got " + candidates);
        }
        int count = (int) queries.size();
        int kPrime = (int) Math.min(size(), Math.max(k, candidates));
        int chunkSize = Math.max(1, Math.min(64, RERANK_SCORES / kPrime));
        int[][] ids = new int[count][];
        float[][] scores = new float[count][];
        try {
            for (int from = 0; from < count; from += chunkSize) {
                int to = Math.min(count, from + chunkSize);
                try (NDManager chunk = gallery.mu().getManager().newSubManager()) {
                    GaussianSet part = IndexSupport.rowsOn(queries, from, to, chunk);
                    int[][] found = nearestMeans(part.mu().toFloatArray(), to - from, kPrime);
                    rerank(part, found, k, chunk, from, ids, scores);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed in " + folder, e);
        }
        return new SearchHits(ids, scores);
    }

    /** Each query's k' gallery rows with the nearest means, by the graph. */
    private int[][] nearestMeans(float[] mu, int queryCount, int kPrime) throws IOException {
        int dim = (int) dimension();
        int[][] found = new int[queryCount][];
        for (int q = 0; q < queryCount; q++) {
            float[] vector = Arrays.copyOfRange(mu, q * dim, (q + 1) * dim);
            if (euclidean != null) {
                vector = euclidean.query(vector);
            } else {
                normalize(vector);
            }
            TopDocs top = leaf.searchNearestVectors(VECTOR_FIELD, vector, kPrime, null,
                    Integer.MAX_VALUE);
            found[q] = new int[top.scoreDocs.length];
            for (int i = 0; i < found[q].length; i++) {
                found[q][i] = docToRow[top.scoreDocs[i].doc];
            }
        }
        return found;
    }

    /**
     * Scores a chunk's candidates with the similarity (the union of the chunk's candidates in
     * one call, on the gallery's device) and keeps each query's top k.
     */
    private void rerank(GaussianSet part, int[][] found, int k, NDManager chunk, int from,
            int[][] ids, float[][] scores) {
        Map<Integer, Integer> column = new LinkedHashMap<>();
        for (int[] rows : found) {
            for (int row : rows) {
                column.putIfAbsent(row, column.size());
            }
        }
        long[] union = column.keySet().stream().mapToLong(Integer::longValue).toArray();
        NDArray index = chunk.create(union);
        NDArray mu = IndexSupport.own(gallery.mu().get(index), chunk);
        NDArray logSigma = gallery.logSigma() == null
                ? null
                : IndexSupport.own(gallery.logSigma().get(index), chunk);
        NDArray score = similarity.score(part, new GaussianSet(mu, logSigma));
        score.attach(chunk);
        float[] all = score.toFloatArray();
        int width = union.length;
        for (int q = 0; q < found.length; q++) {
            int[] rows = found[q];
            float[] candidateScores = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                candidateScores[i] = all[q * width + column.get(rows[i])];
            }
            Integer[] order = new Integer[rows.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -candidateScores[i]));
            int kept = Math.min(k, rows.length);
            ids[from + q] = new int[kept];
            scores[from + q] = new float[kept];
            for (int r = 0; r < kept; r++) {
                ids[from + q][r] = rows[order[r]];
                scores[from + q][r] = candidateScores[order[r]];
            }
        }
    }

    /** Deletes the graph's files; the gallery's arrays are not closed. */
    @Override
    public void close() {
        IOException failure = null;
        for (AutoCloseable closeable : List.<AutoCloseable>of(reader, directory)) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure = failure == null ? new IOException("closing the HNSW index failed", e)
                        : failure;
            }
        }
        try {
            deleteRecursively(folder);
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Writes one document per gallery row and force-merges them into one segment. */
    private void write(Directory target, int threads) throws IOException {
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            KnnVectorsFormat format = threads > 1
                    ? new Lucene99HnswVectorsFormat(maxConn, beamWidth, threads, workers)
                    : new Lucene99HnswVectorsFormat(maxConn, beamWidth);
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setCodec(new Lucene912Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return format;
                        }
                    })
                    // Flushing early would build graphs that the force-merge throws away.
                    .setRAMBufferSizeMB(ramBufferMegabytes())
                    .setUseCompoundFile(false);
            try (IndexWriter writer = new IndexWriter(target, config)) {
                addRows(writer, workers, threads);
                writer.forceMerge(1);
                writer.commit();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Copies the means to Java a block at a time and adds them from {@code threads} threads,
     * each of which fills (and builds the graph of) its own in-memory segment.
     */
    private void addRows(IndexWriter writer, ExecutorService workers, int threads)
            throws IOException {
        int dim = (int) dimension();
        long total = size();
        for (long from = 0; from < total; from += TRANSFER_ROWS) {
            long to = Math.min(total, from + TRANSFER_ROWS);
            float[] block;
            float[] sigmaBlock = null;
            try (NDManager transfer = gallery.mu().getManager().newSubManager()) {
                NDArray rows = gallery.mu().get(from + ":" + to);
                rows.attach(transfer);
                block = rows.toFloatArray();
                if (euclidean != null && euclidean.readsSigma()) {
                    NDArray sigmaRows = gallery.logSigma().get(from + ":" + to);
                    sigmaRows.attach(transfer);
                    sigmaBlock = sigmaRows.toFloatArray();
                }
            }
            float[] logSigmas = sigmaBlock;
            int rowCount = (int) (to - from);
            long first = from;
            List<Future<?>> parts = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int start = rowCount * t / threads;
                int end = rowCount * (t + 1) / threads;
                parts.add(workers.submit(() -> {
                    for (int r = start; r < end; r++) {
                        Document document = new Document();
                        document.add(new KnnFloatVectorField(VECTOR_FIELD,
                                graphVector(block, logSigmas, r, dim), graphSimilarity()));
                        document.add(new NumericDocValuesField(ROW_FIELD, first + r));
                        writer.addDocument(document);
                    }
                    return null;
                }));
            }
            awaitAll(parts);
        }
    }

    /**
     * The vector a gallery row is indexed by: its augmented Euclidean vector when the
     * similarity has that form, else its unit-length mean.
     */
    private float[] graphVector(float[] means, float[] logSigmas, int row, int dim) {
        float[] mu = Arrays.copyOfRange(means, row * dim, (row + 1) * dim);
        if (euclidean == null) {
            normalize(mu);
            return mu;
        }
        return euclidean.gallery(mu,
                logSigmas == null ? null : Arrays.copyOfRange(logSigmas, row * dim, (row + 1) * dim));
    }

    private VectorSimilarityFunction graphSimilarity() {
        return euclidean == null ? VectorSimilarityFunction.DOT_PRODUCT
                : VectorSimilarityFunction.EUCLIDEAN;
    }

    private static void awaitAll(List<Future<?>> parts) throws IOException {
        try {
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the HNSW index", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("building the HNSW index failed", cause);
        }
    }

    /** Half the heap, at most Lucene's per-thread limit times two, at least 16 MB. */
    private static double ramBufferMegabytes() {
        double heap = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
        return Math.max(16, Math.min(heap / 2, 2 * 1900));
    }

    private static int[] rowsByDocument(LeafReader leaf) throws IOException {
        int[] rows = new int[leaf.maxDoc()];
        NumericDocValues values = leaf.getNumericDocValues(ROW_FIELD);
        for (int doc = 0; doc < rows.length; doc++) {
            if (values == null || !values.advanceExact(doc)) {
                throw new IllegalStateException("document " + doc + " has no gallery row");
            }
            rows[doc] = (int) values.longValue();
        }
        return rows;
    }

    /** Scales to unit length, so that Lucene's dot product is cosine; zero stays zero. */
    private static void normalize(float[] vector) {
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        if (squares > 0) {
            float scale = (float) (1 / Math.sqrt(squares));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hnsw-index-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception primary) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }

    private static void deleteQuietly(Path folder, Exception primary) {
        try {
            deleteRecursively(folder);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** Configures an {@link HnswIndex}. */
    public static final class Builder {

        private GaussianSet gallery;
        private Similarity similarity;
        private int maxConn = DEFAULT_MAX_CONN;
        private int beamWidth = DEFAULT_BEAM_WIDTH;
        private int candidates;
        private int threads = 2;
        private Path workDirectory;

        private Builder() {}

        /**
         * Sets the gallery; re-ranking runs on its device.
         *
         * @param gallery G embeddings (G, D), kept by reference (not copied, not closed); mu
         *     need not be unit length (the graph indexes unit-length copies)
         * @return this builder
         */
        public Builder setGallery(GaussianSet gallery) {
            this.gallery = Objects.requireNonNull(gallery, "gallery");
            return this;
        }

        /**
         * Sets the similarity that re-ranks the candidates and gives the final scores.
         *
         * @param similarity the similarity
         * @return this builder
         */
        public Builder setSimilarity(Similarity similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /**
         * Sets the neighbours per graph node (HNSW's M).
         *
         * @param maxConn 1 to 512; {@value #DEFAULT_MAX_CONN} by default
         * @return this builder
         * @throws UserInputException if out of range
         */
        public Builder optMaxConn(int maxConn) {
            if (maxConn < 1 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
                throw new UserInputException("maxConn must be 1 to "
                        + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + ", got " + maxConn);
            }
            this.maxConn = maxConn;
            return this;
        }

        /**
         * Sets the candidates considered per insertion while building (efConstruction).
         *
         * @param beamWidth 1 to 3200; {@value #DEFAULT_BEAM_WIDTH} by default
         * @return this builder
         * @throws UserInputException if out of range
         */
        public Builder optBeamWidth(int beamWidth) {
            if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
                throw new UserInputException("beamWidth must be 1 to "
                        + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
            }
            this.beamWidth = beamWidth;
            return this;
        }

        /**
         * Sets how many candidates per query the graph returns and the similarity re-ranks
         * (k'); also the graph search's beam. Raised to k when smaller.
         *
         * @param candidates 1 or more; {@value #DEFAULT_CANDIDATE_FACTOR} x k by default
         * @return this builder
         * @throws UserInputException if below 1
         */
        public Builder optCandidates(int candidates) {
            if (candidates < 1) {
                throw new UserInputException("candidates must be 1 or more, got " + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        /**
         * Sets the threads that build the graph (indexing threads and merge workers).
         *
         * @param threads 1 or more; 2 by default
         * @return this builder
         * @throws UserInputException if below 1
         */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new UserInputException("threads must be 1 or more, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the folder under which the index's temporary files go.
         *
         * @param workDirectory a folder (created if missing); java.io.tmpdir by default
         * @return this builder
         */
        public Builder optWorkDirectory(Path workDirectory) {
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
            return this;
        }

        /**
         * Builds the graph. Slow: with the defaults, 100,000 D = 64 means took 60 s on a
         * busy 2-core machine; a million takes over ten times that.
         *
         * @return the index
         * @throws UserInputException if the gallery is empty, D is over 1024 (Lucene's limit)
         *     or the gallery lacks the sigma the similarity needs
         * @throws UncheckedIOException if the index files cannot be written
         * @throws NullPointerException if the gallery or the similarity is not set
         */
        public HnswIndex build() {
            Objects.requireNonNull(gallery, "setGallery was not called");
            Objects.requireNonNull(similarity, "setSimilarity was not called");
            IndexSupport.checkGallery(gallery, similarity);
            if (gallery.dimension() < 1 || gallery.dimension() > MAX_DIMENSION) {
                throw new UserInputException("the HNSW index takes dimensions 1 to "
                        + MAX_DIMENSION + ", got " + gallery.dimension());
            }
            try {
                return new HnswIndex(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the HNSW index", e);
            }
        }
    }
}
