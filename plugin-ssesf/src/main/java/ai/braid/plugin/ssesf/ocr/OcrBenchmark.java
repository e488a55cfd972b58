package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.UserInputException;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * OCR throughput: the {@link OcrExtractor} (engines kept loaded, one per thread) against the
 * {@code tesseract} command line started once per image, on the same images with the same page
 * segmentation mode and the same number of threads.
 *
 * <pre>
 * java -cp "plugins/ssesf/*:runtime/target/lib/*" ai.braid.plugin.ssesf.ocr.OcrBenchmark \
 *     [--images DIR] [--count 100] [--threads N] [--psm 3] [--min-height 256]
 *     [--min-confidence 0] [--seed 1]
 * </pre>
 *
 * <p>Images are the PNG and JPEG files of {@code --images} (the first {@code --count} by name),
 * or else {@code --count} captioned pictures rendered with DejaVu Sans: a 128x64 picture of
 * coloured shapes above a caption band of 2 to 5 common words in 12-pixel type, about 100
 * pixels tall in all, like an emoji or meme with its caption.
 *
 * <p>Both sides recognise the same pixels: the command line reads each page as the extractor
 * prepares it (grey, enlarged to {@code --min-height}), written to a temporary PNG, so they do
 * the same recognition work, and their texts should agree. The extractor runs with {@code
 * --min-confidence} (default 0, the command line keeps every word too). Each side first
 * processes {@code --threads} images untimed (engine creation, JIT, the model file in the page
 * cache); then every image is timed, spread over {@code --threads} workers (default: all
 * cores). Every {@code tesseract} process gets {@code OMP_THREAD_LIMIT=1}, as the extractor's
 * engines do, so neither side oversubscribes the cores.
 *
 * <p>Prints one line: {@code OCR images=N threads=T psm=P extractor_per_s=A cli_per_s=B
 * speedup=A/B agreement=X}, X the share of images whose two texts are equal after whitespace
 * normalisation, followed for rendered images by {@code words=W}, the share of caption words
 * the extractor found. The issue's target is speedup >= 1.5.
 */
public final class OcrBenchmark {

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final float CAPTION_SIZE = 12;

    private final int count;
    private final int threads;
    private final int pageSegMode;
    private final int minHeight;
    private final float minConfidence;
    private final long seed;
    private final Path images;

    private OcrBenchmark(Map<String, String> options) {
        this.count = integer(options, "count", 100, 1);
        this.threads = integer(options, "threads", Runtime.getRuntime().availableProcessors(), 1);
        this.pageSegMode = integer(options, "psm", OcrExtractor.DEFAULT_PAGE_SEG_MODE, 3);
        this.minHeight = integer(options, "min-height", OcrExtractor.DEFAULT_MIN_HEIGHT, 0);
        this.minConfidence = integer(options, "min-confidence", 0, 0);
        this.seed = integer(options, "seed", 1, 0);
        this.images = options.containsKey("images") ? Path.of(options.get("images")) : null;
    }

    /**
     * Runs the benchmark; {@code --help} lists the options.
     *
     * @param args {@code --name value} pairs
     * @throws Exception if the run fails; exits with 2 for bad options or input
     */
    public static void main(String[] args) throws Exception {
        try {
            new OcrBenchmark(options(args)).run(System.out);
        } catch (UserInputException e) {
            System.err.println("OcrBenchmark: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Measures both sides and prints the result line.
     *
     * @param out where the result line goes
     * @return the line
     * @throws Exception if OCR or a {@code tesseract} process fails
     */
    String run(PrintStream out) throws Exception {
        List<String> truths = new ArrayList<>();
        List<Image> inputs = images == null ? rendered(truths) : read(images);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Path pages = Files.createTempDirectory("braid-ocr-bench");
        try (OcrExtractor extractor = OcrExtractor.builder().optPageSegMode(pageSegMode)
                .optMinHeight(minHeight).optMinConfidence(minConfidence).build()) {
            List<Path> files = writePages(inputs, pages);
            int warmup = Math.min(threads, inputs.size());
            runAll(pool, warmup, i -> extractor.extract("warmup-" + i, inputs.get(i)));
            long started = System.nanoTime();
            List<String> extracted = runAll(pool, inputs.size(),
                    i -> extractor.extract("image-" + i, inputs.get(i)));
            double extractorSeconds = (System.nanoTime() - started) / 1e9;

            Path tessdata = OcrExtractor.defaultTessdata();
            runAll(pool, warmup, i -> commandLine(files.get(i), tessdata));
            started = System.nanoTime();
            List<String> cli = runAll(pool, inputs.size(), i -> commandLine(files.get(i),
                    tessdata));
            double cliSeconds = (System.nanoTime() - started) / 1e9;

            int agreeing = 0;
            for (int i = 0; i < inputs.size(); i++) {
                agreeing += extracted.get(i).equals(cli.get(i)) ? 1 : 0;
            }
            double extractorRate = inputs.size() / extractorSeconds;
            double cliRate = inputs.size() / cliSeconds;
            String line = String.format(Locale.ROOT, "OCR images=%d threads=%d psm=%d"
                    + " extractor_per_s=%.2f cli_per_s=%.2f speedup=%.2f agreement=%.3f",
                    inputs.size(), threads, pageSegMode, extractorRate, cliRate,
                    extractorRate / cliRate, agreeing / (double) inputs.size());
            if (!truths.isEmpty()) {
                line += String.format(Locale.ROOT, " words=%.3f", wordRecall(truths, extracted));
            }
            out.println(line);
            return line;
        } finally {
            pool.shutdown();
            try (Stream<Path> written = Files.list(pages)) {
                for (Path file : (Iterable<Path>) written::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(pages);
        }
    }

    private List<Image> rendered(List<String> truths) {
        TextImages font = TextImages.dejaVuSans(CAPTION_SIZE);
        BufferedImageFactory factory = new BufferedImageFactory();
        Random random = new Random(seed);
        List<Image> rendered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String caption = TextImages.caption(2 + random.nextInt(4), random);
            truths.add(caption);
            rendered.add(factory.fromImage(font.captioned(caption,
                    TextImages.picture(128, 64, random))));
        }
        return rendered;
    }

    private List<Image> read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new UserInputException("--images " + directory + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(png|jpe?g)")).sorted(Comparator.naturalOrder())
                    .limit(count).toList();
        }
        if (files.isEmpty()) {
            throw new UserInputException("--images " + directory + " holds no PNG or JPEG"
                    + " files");
        }
        BufferedImageFactory factory = new BufferedImageFactory();
        List<Image> read = new ArrayList<>();
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new UserInputException(file + " is not an image Java can decode");
            }
            read.add(factory.fromImage(image));
        }
        return read;
    }

    /** Writes each image as the extractor hands it to Tesseract: grey, enlarged. */
    private List<Path> writePages(List<Image> inputs, Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            GreyPage page = GreyPage.of((BufferedImage) inputs.get(i).getWrappedImage(),
                    minHeight);
            BufferedImage grey = new BufferedImage(page.width(), page.height(),
                    BufferedImage.TYPE_BYTE_GRAY);
            byte[] target = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
            System.arraycopy(page.pixels(), 0, target, 0, target.length);
            Path file = directory.resolve(String.format(Locale.ROOT, "page-%05d.png", i));
            ImageIO.write(grey, "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    private String commandLine(Path page, Path tessdata) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tesseract", page.toString(), "stdout",
                "--psm", String.valueOf(pageSegMode), "--tessdata-dir", tessdata.toString(),
                "-l", OcrExtractor.DEFAULT_LANGUAGE);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UserInputException("cannot run the tesseract command: " + e.getMessage()
                    + "; install it with `" + TesseractLibrary.INSTALL + "`", e);
        }
        String text;
        try (InputStream in = process.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("tesseract failed on " + page + " with exit status "
                    + process.exitValue());
        }
        return BLANKS.matcher(text).replaceAll(" ").strip();
    }

    private static List<String> runAll(ExecutorService pool, int n, Job job)
            throws InterruptedException, ExecutionException {
        List<Callable<String>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(() -> job.run(index));
        }
        List<String> results = new ArrayList<>(n);
        for (Future<String> result : pool.invokeAll(calls)) {
            results.add(result.get());
        }
        return results;
    }

    /** The share of the captions' words that the extractor found, each found word once. */
    private static double wordRecall(List<String> truths, List<String> extracted) {
        int found = 0;
        int total = 0;
        for (int i = 0; i < truths.size(); i++) {
            List<String> read = new ArrayList<>(Arrays.asList(
                    extracted.get(i).toLowerCase(Locale.ROOT).split(" ")));
            for (String word : truths.get(i).split(" ")) {
                total++;
                found += read.remove(word) ? 1 : 0;
            }
        }
        return found / (double) total;
    }

    private static Map<String, String> options(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            throw new UserInputException("options: --images DIR, --count N (100), --threads N"
                    + " (all cores), --psm N (3), --min-height N (256), --min-confidence N (0),"
                    + " --seed N (1)");
        }
        if (args.length % 2 != 0) {
            throw new UserInputException("expected --name value pairs, got "
                    + String.join(" ", args));
        }
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new UserInputException("expected an option --name, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        List<String> known = List.of("images", "count", "threads", "psm", "min-height",
                "min-confidence", "seed");
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UserInputException("unknown option --" + name + "; known: " + known);
            }
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int fallback,
            int min) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserInputException("--" + name + " expects a whole number of at least "
                + min + ", got '" + value + "'");
    }

    /** One unit of work of a timed pass. */
    @FunctionalInterface
    private interface Job {
        String run(int index) throws Exception;
    }

    @Override
    public String toString() {
        return "OcrBenchmark[" + count + " images, " + threads + " threads, psm " + pageSegMode
                + ", minHeight " + minHeight + ", minConfidence " + minConfidence + ", "
                + (images == null ? "rendered" : images) + "]";
    }
}
