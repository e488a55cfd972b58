package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.CsdSimilarity;
import ai.braid.plugin.pcme.similarity.MatchProbabilitySimilarity;
import ai.braid.plugin.pcme.similarity.MatchProbabilityParameters;
import ai.braid.plugin.pcme.similarity.Similarities;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@link AnnBenchmark#main(String[])}: options in, exit status out. */
final class AnnBenchmarkCommand {

    static final String USAGE = String.join("\n",
            "usage: AnnBenchmark (--input FILE | --synthetic ITEMS [--dim D] [--sigma S])",
            "                    [--similarity NAME] [options]",
            "  --input FILE            DJL NDList file with arrays query.mu, query.logsigma,",
            "                          gallery.mu, gallery.logsigma (the seed set)",
            "  --synthetic ITEMS       instead: ITEMS random unit means with sigma ~ S",
            "  --dim D                 dimension of the synthetic set (64)",
            "  --sigma S               typical sigma of the synthetic set (0.05)",
            "  --similarity NAME       the re-ranking similarity: mu, wasserstein, elk, kl, js,",
            "                          bhattacharyya, match-prob (with the file's trained a, b)",
            "                          or csd; default match-prob when the file holds a and b,",
            "                          csd otherwise",
            "  --samples J             Monte-Carlo samples of match-prob (7)",
            "  --sizes A,B,...         gallery sizes (10000,100000,1000000)",
            "  --queries N             queries used (200)",
            "  --k K                   recall@K (10)",
            "  --seed N                seed of the random draws (1)",
            "  --max-conn M            HNSW neighbours per node (16)",
            "  --beam-width W          HNSW build beam (100)",
            "  --candidates N          candidates re-ranked per query (20 x k)",
            "  --threads N             HNSW build threads (2)",
            "  --warmup N              untimed queries before each timed loop (5)",
            "  --work-dir DIR          where the HNSW index's files go (java.io.tmpdir)");

    private static final List<String> OPTIONS = List.of("--input", "--synthetic", "--dim",
            "--sigma", "--similarity", "--samples", "--sizes", "--queries", "--k", "--seed",
            "--max-conn", "--beam-width", "--candidates", "--threads", "--warmup", "--work-dir");

    private AnnBenchmarkCommand() {}

    /**
     * Parses the options, runs the benchmark and returns the exit status: 0 when it ran, 2
     * for bad options or input.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Map<String, String> options = parse(args);
            AnnBenchmark.Builder builder = AnnBenchmark.builder();
            if (options.containsKey("--sizes")) {
                builder.optSizes(Arrays.stream(options.get("--sizes").split(","))
                        .mapToLong(size -> number("--sizes", size.trim())).toArray());
            }
            int queries = (int) number(options, "--queries", 200);
            builder.optQueries(queries);
            builder.optK((int) number(options, "--k", 10));
            int seed = (int) number(options, "--seed", 1);
            builder.optSeed(seed);
            builder.optMaxConn((int) number(options, "--max-conn", HnswIndex.DEFAULT_MAX_CONN));
            builder.optBeamWidth((int) number(options, "--beam-width",
                    HnswIndex.DEFAULT_BEAM_WIDTH));
            if (options.containsKey("--candidates")) {
                builder.optCandidates((int) number(options, "--candidates", 0));
            }
            builder.optThreads((int) number(options, "--threads", 2));
            builder.optWarmup((int) number(options, "--warmup", 5));
            if (options.containsKey("--work-dir")) {
                builder.optWorkDirectory(Path.of(options.get("--work-dir")));
            }
            AnnBenchmark benchmark = builder.build();
            try (NDManager manager = NDManager.newBaseManager()) {
                AnnBenchmark.Embeddings input;
                if (options.containsKey("--input") == options.containsKey("--synthetic")) {
                    throw new UserInputException("give exactly one of --input FILE and"
                            + " --synthetic ITEMS");
                } else if (options.containsKey("--input")) {
                    input = AnnBenchmark.Embeddings.load(Path.of(options.get("--input")),
                            manager);
                } else {
                    Engine.getInstance().setRandomSeed(seed);
                    String sigma = options.getOrDefault("--sigma", "0.05");
                    try {
                        input = AnnBenchmark.Embeddings.synthetic(manager,
                                (int) number(options, "--synthetic", 0), queries,
                                (int) number(options, "--dim", 64), Float.parseFloat(sigma));
                    } catch (NumberFormatException e) {
                        throw new UserInputException("--sigma expects a number, got '" + sigma
                                + "'");
                    }
                }
                benchmark.run(input, similarity(options, input, seed), out);
            }
            return 0;
        } catch (UserInputException e) {
            err.println("AnnBenchmark: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new UserInputException("unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new UserInputException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UserInputException(name + " is required");
        }
        return value;
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        return value == null ? fallback : number(name, value);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(name + " expects a whole number, got '" + value + "'");
        }
    }

    private static Similarity similarity(Map<String, String> options,
            AnnBenchmark.Embeddings input, int seed) {
        float[] match = input.findMatchScale().orElse(null);
        String name = options.getOrDefault("--similarity",
                match != null ? MatchProbabilitySimilarity.NAME : CsdSimilarity.NAME);
        if (name.equals(MatchProbabilitySimilarity.NAME)) {
            if (match == null) {
                throw new UserInputException("--similarity " + name + " needs the trained"
                        + " match.scale and match.shift arrays in --input");
            }
            return Similarities.of(name, new MatchProbabilityParameters(match[0], match[1],
                    (int) number(options, "--samples", MatchProbabilityParameters.DEFAULT_SAMPLES),
                    seed));
        }
        return Similarities.of(name);
    }
}
