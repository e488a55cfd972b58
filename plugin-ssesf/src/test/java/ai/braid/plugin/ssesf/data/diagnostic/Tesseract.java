package ai.braid.plugin.ssesf.data.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real Tesseract command line (Debian's tesseract-ocr) on an image file. */
final class Tesseract {

    private Tesseract() {}

    /**
     * Reads an image.
     *
     * @param image a PNG
     * @return the recognised text with runs of white space made single spaces, trimmed
     */
    static String read(Path image) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("tesseract", image.toString(), "stdout", "--psm", "6")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("the tesseract command is not installed: run"
                    + " `apt-get install -y tesseract-ocr tesseract-ocr-eng` (scripts/setup.sh"
                    + " does)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tesseract finished").isTrue();
        assertThat(process.exitValue()).as("tesseract exit status").isZero();
        return new String(output, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    }
}
