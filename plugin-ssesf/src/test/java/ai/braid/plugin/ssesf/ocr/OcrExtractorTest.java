package ai.braid.plugin.ssesf.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCR of real and rendered text with the system Tesseract (tesseract-ocr-eng, fonts-dejavu-core). */
class OcrExtractorTest {

    /** A scanned-looking page shipped by Debian's python3-skimage. */
    private static final Path BW_TEXT =
            Path.of("/usr/lib/python3/dist-packages/skimage/data/bw_text.png");
    private static final String BW_TEXT_WORDS = "Men may seem detestable as joint"
            + " stock-companies and nations; knaves, fools, and murderers there may be; men may"
            + " have mean and meagre faces; but, man, in the ideal, is so noble and so"
            + " sparkling, such a grand and glowing creature, that over any ignominious blemish"
            + " in him all his fellows should run to throw their costliest robes.";

    private static OcrExtractor ocr;

    @BeforeAll
    static void loadTesseract() {
        ocr = OcrExtractor.builder().build();
    }

    @AfterAll
    static void freeTesseract() {
        ocr.close();
    }

    @Test
    void readsTheScikitImageTextPageWordForWord() throws IOException {
        assertThat(BW_TEXT).as("the test page %s is missing: install it with `apt-get install"
                + " python3-skimage` (scripts/setup.sh does)", BW_TEXT).isRegularFile();
        Image page = Pictures.of(ImageIO.read(BW_TEXT.toFile()));

        assertThat(ocr.extract("bw_text", page)).isEqualTo(BW_TEXT_WORDS);
    }

    @Test
    void readsALineRenderedWithDejaVuBackExactly() {
        String text = "Sarcasm detection needs the words in the picture, 42 of them";
        BufferedImage line = TextImages.dejaVuSans(20).line(text, 12);

        assertThat(ocr.extract("line", Pictures.of(line))).isEqualTo(text);
    }

    @Test
    void enlargesASmallCaptionUnderAPictureUntilItIsReadable() {
        TextImages small = TextImages.dejaVuSans(10);
        String caption = "perfect weather for a picnic";
        BufferedImage captioned = small.captioned(caption,
                TextImages.picture(128, 64, new Random(3)));
        assertThat(captioned.getHeight()).isBetween(64, 128);

        assertThat(ocr.extract("captioned", Pictures.of(captioned))).isEqualTo(caption);
        try (OcrExtractor asItIs = OcrExtractor.builder().optMinHeight(0).build()) {
            assertThat(asItIs.extract("captioned", Pictures.of(captioned)))
                    .isNotEqualTo(caption);
        }
    }

    @Test
    void givesAnEmptyTextForImagesWithoutText() {
        long before = ocr.statistics().withoutText();

        assertThat(ocr.extract("white", Pictures.blank(200, 80))).isEmpty();
        assertThat(ocr.extract("picture", Pictures.of(TextImages.picture(128, 64,
                new Random(5))))).isEmpty();
        assertThat(ocr.statistics().withoutText() - before).isEqualTo(2);
    }

    @Test
    void countsAndNamesUnreadableImagesInsteadOfDroppingThem() {
        try (OcrExtractor own = OcrExtractor.builder().build()) {
            // Zero pixels: what a reader that failed to decode a file might hand over.
            Image empty = (Image) Proxy.newProxyInstance(Image.class.getClassLoader(),
                    new Class<?>[] {Image.class}, (proxy, method, args) ->
                            method.getReturnType() == int.class ? 0 : null);
            // Wider than Tesseract accepts (32767): Tesseract itself fails on it.
            Image tooWide = Pictures.blank(40_000, 4);
            ((BufferedImage) tooWide.getWrappedImage()).setRGB(7, 1, 0);

            assertThatThrownBy(() -> own.extract("meme-0017", empty))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("sample 'meme-0017'")
                    .hasMessageContaining("no pixels (0x0)");
            assertThatThrownBy(() -> own.extract("meme-0042", tooWide))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("sample 'meme-0042'")
                    .hasMessageContaining("Tesseract could not recognise the 40000x4 image");
            assertThatThrownBy(() -> own.extract("meme-0099", "not an image"))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("sample 'meme-0099'")
                    .hasMessageContaining("java.lang.String");
            String text = "still reading";
            assertThat(own.extract("after", Pictures.of(TextImages.dejaVuSans(20)
                    .line(text, 12)))).isEqualTo(text);

            OcrStatistics statistics = own.statistics();
            assertThat(statistics.images()).isEqualTo(4);
            assertThat(statistics.failures()).isEqualTo(3);
            assertThat(statistics.failedIds()).containsExactly("meme-0017", "meme-0042",
                    "meme-0099");
        }
    }

    @Test
    void readsCorrectlyFromSeveralThreadsAtOnce() throws Exception {
        TextImages font = TextImages.dejaVuSans(18);
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = TextImages.caption(3, random) + " " + i;
            texts.add(text);
            images.add(Pictures.of(font.line(text, 10)));
        }
        int threads = 4;
        try (OcrExtractor own = OcrExtractor.builder().build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<List<String>>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(t));
                    jobs.add(() -> {
                        String[] read = new String[texts.size()];
                        for (int i : order) {
                            read[i] = own.extract("s" + i, images.get(i));
                        }
                        return List.of(read);
                    });
                }
                for (Future<List<String>> result : pool.invokeAll(jobs)) {
                    assertThat(result.get()).isEqualTo(texts);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(own.engines()).isBetween(1, threads);
            assertThat(own.statistics().images()).isEqualTo(threads * texts.size());
        }
    }

    @Test
    void fingerprintNamesTheTesseractVersionAndChangesWithEveryOption() {
        String defaults = ocr.fingerprint();

        assertThat(defaults).startsWith("tesseract 5.").contains("language eng (model ",
                "psm 3", "minHeight 256", "minConfidence 60");
        try (OcrExtractor same = OcrExtractor.builder().build();
                OcrExtractor psm = OcrExtractor.builder().optPageSegMode(6).build();
                OcrExtractor height = OcrExtractor.builder().optMinHeight(0).build();
                OcrExtractor confidence = OcrExtractor.builder().optMinConfidence(0).build()) {
            assertThat(same.fingerprint()).isEqualTo(defaults);
            assertThat(List.of(psm.fingerprint(), height.fingerprint(),
                    confidence.fingerprint())).doesNotContain(defaults).doesNotHaveDuplicates();
        }
    }

    @Test
    void aMissingModelIsAUserErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> OcrExtractor.builder().optTessdata(empty).build())
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("there is no Tesseract model "
                        + empty.resolve("eng.traineddata"));
        assertThatThrownBy(() -> OcrExtractor.builder().optLanguage("eng+../x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eng+../x");
    }

    @Test
    void theModelContentNotItsPathIsPartOfTheFingerprint(@org.junit.jupiter.api.io.TempDir Path copy)
            throws IOException {
        Path model = OcrExtractor.defaultTessdata().resolve("eng.traineddata");
        Files.copy(model, copy.resolve("eng.traineddata"));

        try (OcrExtractor copied = OcrExtractor.builder().optTessdata(copy).build()) {
            assertThat(copied.fingerprint()).isEqualTo(ocr.fingerprint());
        }
        // Trailing bytes that Tesseract ignores still make another model file.
        Files.write(copy.resolve("eng.traineddata"), new byte[] {0},
                java.nio.file.StandardOpenOption.APPEND);
        try (OcrExtractor changed = OcrExtractor.builder().optTessdata(copy).build()) {
            assertThat(changed.fingerprint()).isNotEqualTo(ocr.fingerprint());
        }
    }
}
