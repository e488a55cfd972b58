package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.UserInputException;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;

/**
 * One Tesseract handle with its language model loaded, reused for many images.
 *
 * <p>Not thread-safe, like the handle it wraps: one thread at a time (the {@link EnginePool}
 * hands each engine to one caller). Starting up and loading the model is what the
 * command-line tool pays on every image and an engine once: on one thread the benchmark took
 * 0.44 s per captioned picture with the command line and 31 ms with an engine.
 */
final class TesseractEngine implements AutoCloseable {

    private final TesseractCApi api;
    private final TessBaseAPI handle;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
    private boolean closed;

    /**
     * Creates a handle and loads the language model.
     *
     * @param tessdata the directory holding {@code <language>.traineddata}
     * @param language e.g. "eng", or "eng+deu" for several
     * @param pageSegMode Tesseract's page segmentation mode, e.g. 6 for a block of text
     * @throws UserInputException if Tesseract is not installed or cannot load the model
     */
    TesseractEngine(Path tessdata, String language, int pageSegMode) {
        Objects.requireNonNull(tessdata, "tessdata");
        Objects.requireNonNull(language, "language");
        this.api = TesseractLibrary.api();
        this.handle = api.TessBaseAPICreate();
        if (api.TessBaseAPIInit3(handle, tessdata.toString(), language) != 0) {
            api.TessBaseAPIDelete(handle);
            throw new UserInputException("Tesseract cannot load the language model '"
                    + language + "' from " + tessdata + " (a damaged .traineddata file?)");
        }
        api.TessBaseAPISetPageSegMode(handle, pageSegMode);
        // Tesseract's diagnostics ("Empty page!!", "Estimating resolution as ...") go to
        // stderr once per image; failures are reported by the extractor instead.
        api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    /**
     * Recognises the words on a page.
     *
     * @param page the image
     * @param minConfidence words Tesseract is less sure of (0 to 100) are left out
     * @return the words in reading order, separated by single spaces; "" if there are none
     * @throws IllegalStateException if Tesseract fails on the image
     */
    String read(GreyPage page, float minConfidence) {
        if (closed) {
            throw new IllegalStateException("the Tesseract engine is closed");
        }
        byte[] pixels = page.pixels();
        if (buffer.capacity() < pixels.length) {
            buffer = ByteBuffer.allocateDirect(pixels.length);
        }
        buffer.clear();
        buffer.put(pixels).flip();
        try {
            // SetImage copies the pixels, so the buffer is free again afterwards.
            api.TessBaseAPISetImage(handle, buffer, page.width(), page.height(), 1,
                    page.width());
            if (api.TessBaseAPIRecognize(handle, null) != 0) {
                throw new IllegalStateException("Tesseract could not recognise the "
                        + page.width() + "x" + page.height() + " image");
            }
            return words(minConfidence);
        } finally {
            api.TessBaseAPIClear(handle);
        }
    }

    private String words(float minConfidence) {
        StringBuilder text = new StringBuilder();
        TessResultIterator iterator = api.TessBaseAPIGetIterator(handle);
        if (iterator == null) {
            return "";
        }
        int word = TessPageIteratorLevel.RIL_WORD;
        try {
            do {
                Pointer utf8 = api.TessResultIteratorGetUTF8Text(iterator, word);
                if (utf8 == null) {
                    continue;
                }
                String value;
                try {
                    value = utf8.getString(0, StandardCharsets.UTF_8.name()).strip();
                } finally {
                    api.TessDeleteText(utf8);
                }
                if (!value.isEmpty()
                        && api.TessResultIteratorConfidence(iterator, word) >= minConfidence) {
                    text.append(text.length() == 0 ? "" : " ").append(value);
                }
            } while (api.TessResultIteratorNext(iterator, word) != 0);
        } finally {
            api.TessResultIteratorDelete(iterator);
        }
        return text.toString();
    }

    /** Frees the handle and its model; the engine cannot be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
        }
    }
}
