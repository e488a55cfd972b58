package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Split;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes diagnostic samples to disk for inspection and for OCR benchmarks: one PNG per sample,
 * exactly the image the reader gives, and {@value #INDEX} with one JSON object per line.
 *
 * <pre>
 * java -Dbraid.home=. -cp 'plugins/ssesf/*:runtime/target/braid-runtime.jar:runtime/target/lib/*' \
 *   ai.braid.plugin.ssesf.data.diagnostic.DiagnosticExport --out /tmp/sarcasm --seed 1 --count 20
 * </pre>
 *
 * <p>The options (listed by {@code --help}) mirror the reader's; with the same options the
 * ids, texts and pixels are those a pipeline reads. Each line holds: {@code id}, {@code image} (the PNG's
 * file name), {@code split}, {@code index}, {@code text}, {@code textInput} (the text modality:
 * "" when the text is in the image), {@code textInImage}, {@code word}, {@code wordScore},
 * {@code textPolarity}, {@code emoji} (hex code), {@code emojiLabel}, {@code emojiScore},
 * {@code imagePolarity}, {@code label} (0 or 1) and {@code sarcastic}.
 */
public final class DiagnosticExport {

    /** The JSON-lines file written next to the PNGs. */
    public static final String INDEX = "samples.jsonl";

    static final String USAGE = String.join("\n",
            "usage: DiagnosticExport --out DIR [options]",
            "  --out DIR               where the PNGs and " + INDEX + " go (created)",
            "  --count K               the first K samples of the split (20)",
            "  --split NAME            train, validation or test (test)",
            "  --seed N                the reader's seed (1)",
            "  --subset NAME           all, text-in-image or text-as-text (all)",
            "  --text-in-image SHARE   share of samples with their text in the image (0.3)",
            "  --image-size S          canvas side in pixels (128)",
            "  --emoji-per-polarity N  most emoji per polarity (50; 0: all)",
            "  --words-per-polarity N  most words per polarity (50; 0: all)",
            "  --train-size N          train samples (4000)",
            "  --validation-size N     validation samples (500)",
            "  --test-size N           test samples (1000)",
            "  --path DIR              emoji data (<braid.home>/data/emoji)",
            "  --lexicon DIR           AFINN-165 (<braid.home>/data/afinn-165)");

    private static final List<String> OPTIONS = List.of("--out", "--count", "--split", "--seed",
            "--subset", "--text-in-image", "--image-size", "--emoji-per-polarity",
            "--words-per-polarity", "--train-size", "--validation-size", "--test-size", "--path",
            "--lexicon");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DiagnosticExport() {}

    /**
     * Runs the export and exits with its status: 0 when written, 2 for bad options or input.
     *
     * @param args the options of {@link #USAGE}
     */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Parses the options and writes the samples.
     *
     * @param args the options
     * @param out receives one summary line
     * @param err receives errors and the usage
     * @return 0 when written, 2 for bad options or input
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Map<String, String> options = parse(args);
            if (!options.containsKey("--out")) {
                throw new UserInputException("--out is required");
            }
            Path directory = Path.of(options.get("--out"));
            int count = integer(options, "--count", 20);
            Split split = split(options.getOrDefault("--split", "test"));
            SarcasmEmojiReader reader = reader(options);
            List<SarcasmSample> samples = reader.samples(split);
            if (count > samples.size()) {
                throw new UserInputException("--count " + count + " is more than the "
                        + samples.size() + " samples of " + split.label());
            }
            write(reader, samples.subList(0, count), directory);
            out.println("wrote " + count + " " + split.label() + " samples to " + directory);
            return 0;
        } catch (UserInputException | IllegalArgumentException e) {
            err.println("DiagnosticExport: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /**
     * Writes samples as PNGs and one JSON line each.
     *
     * @param reader the reader that draws the images
     * @param samples samples of that reader
     * @param directory the output folder, created if needed
     * @throws UncheckedIOException if a file cannot be written
     */
    static void write(SarcasmEmojiReader reader, List<SarcasmSample> samples, Path directory) {
        try {
            Files.createDirectories(directory);
            try (BufferedWriter index = Files.newBufferedWriter(directory.resolve(INDEX),
                    StandardCharsets.UTF_8)) {
                for (SarcasmSample sample : samples) {
                    String file = sample.id() + ".png";
                    if (!ImageIO.write(reader.image(sample), "png",
                            directory.resolve(file).toFile())) {
                        throw new IOException("no PNG writer");
                    }
                    index.write(JSON.writeValueAsString(record(sample, file)));
                    index.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the samples to " + directory, e);
        }
    }

    private static Map<String, Object> record(SarcasmSample sample, String file) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", sample.id());
        record.put("image", file);
        record.put("split", sample.split().label());
        record.put("index", sample.index());
        record.put("text", sample.text());
        record.put("textInput", sample.textInput());
        record.put("textInImage", sample.textInImage());
        record.put("word", sample.word().word());
        record.put("wordScore", sample.word().score());
        record.put("textPolarity", sample.textPolarity().label());
        record.put("emoji", sample.emoji().hexCode());
        record.put("emojiLabel", sample.emoji().emoji().label());
        record.put("emojiScore", sample.emoji().score());
        record.put("imagePolarity", sample.imagePolarity().label());
        record.put("label", sample.label());
        record.put("sarcastic", sample.sarcastic());
        return record;
    }

    private static SarcasmEmojiReader reader(Map<String, String> options) {
        SarcasmEmojiReader.Builder builder = SarcasmEmojiReader.builder()
                .optSeed(integer(options, "--seed", (int) SarcasmEmojiReader.DEFAULT_SEED))
                .optSizes(integer(options, "--train-size", SarcasmEmojiReader.DEFAULT_TRAIN_SIZE),
                        integer(options, "--validation-size",
                                SarcasmEmojiReader.DEFAULT_VALIDATION_SIZE),
                        integer(options, "--test-size", SarcasmEmojiReader.DEFAULT_TEST_SIZE))
                .optSubset(Subset.of(options.getOrDefault("--subset", Subset.ALL.label())))
                .optImageSize(integer(options, "--image-size",
                        SarcasmEmojiReader.DEFAULT_IMAGE_SIZE))
                .optEmojiPerPolarity(integer(options, "--emoji-per-polarity",
                        SarcasmEmojiReader.DEFAULT_EMOJI_PER_POLARITY))
                .optWordsPerPolarity(integer(options, "--words-per-polarity",
                        SarcasmEmojiReader.DEFAULT_WORDS_PER_POLARITY));
        if (options.containsKey("--text-in-image")) {
            builder.optTextInImage(number(options, "--text-in-image"));
        }
        if (options.containsKey("--path")) {
            builder.optEmojiDirectory(Path.of(options.get("--path")));
        }
        if (options.containsKey("--lexicon")) {
            builder.optLexiconDirectory(Path.of(options.get("--lexicon")));
        }
        return builder.build();
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

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(name + " is '" + value + "'; expected an integer", e);
        }
    }

    private static double number(Map<String, String> options, String name) {
        String value = options.get(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(name + " is '" + value + "'; expected a number", e);
        }
    }

    private static Split split(String name) {
        for (Split split : Split.values()) {
            if (split.label().equals(name.toLowerCase(Locale.ROOT))) {
                return split;
            }
        }
        throw new UserInputException("--split is '" + name + "'; expected train, validation"
                + " or test");
    }
}
