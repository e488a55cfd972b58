package ai.braid.plugin.ssesf.ocr;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;

/**
 * The functions of Tesseract's C API ({@code tesseract/capi.h}) that the extractor calls, with
 * Tess4J's handle types; {@link TesseractLibrary} binds it.
 *
 * <p>Braid does not use Tess4J's own binding ({@code TessAPI}): initialising that interface
 * loads libtesseract a second time with {@code RTLD_GLOBAL}, which puts the system libgomp into
 * the process's global symbol scope, and PyTorch, loaded later, then runs its OpenMP regions on
 * that libgomp instead of its own copy. This binding declares only what is called, so it also
 * loads on Tesseract versions that lack newer functions.
 */
interface TesseractCApi extends Library {

    /**
     * Returns the library's version.
     *
     * @return e.g. "5.3.0"
     */
    String TessVersion();

    /**
     * Creates an empty handle.
     *
     * @return the handle
     */
    TessBaseAPI TessBaseAPICreate();

    /**
     * Loads the language models.
     *
     * @param handle the handle
     * @param datapath the directory of the {@code .traineddata} files
     * @param language e.g. "eng+deu"
     * @return 0 on success
     */
    int TessBaseAPIInit3(TessBaseAPI handle, String datapath, String language);

    /**
     * Sets the page segmentation mode.
     *
     * @param handle the handle
     * @param mode e.g. 3 for automatic layout
     */
    void TessBaseAPISetPageSegMode(TessBaseAPI handle, int mode);

    /**
     * Sets a Tesseract variable.
     *
     * @param handle the handle
     * @param name the variable
     * @param value its value
     * @return 1 if the variable exists
     */
    int TessBaseAPISetVariable(TessBaseAPI handle, String name, String value);

    /**
     * Hands over an image; Tesseract copies the pixels.
     *
     * @param handle the handle
     * @param pixels a direct buffer of {@code height * bytesPerLine} bytes
     * @param width the width
     * @param height the height
     * @param bytesPerPixel 1 for grey
     * @param bytesPerLine bytes per row
     */
    void TessBaseAPISetImage(TessBaseAPI handle, ByteBuffer pixels, int width, int height,
            int bytesPerPixel, int bytesPerLine);

    /**
     * Runs layout analysis and recognition.
     *
     * @param handle the handle
     * @param monitor progress and cancel callbacks, or null
     * @return 0 on success
     */
    int TessBaseAPIRecognize(TessBaseAPI handle, Pointer monitor);

    /**
     * Returns an iterator over the recognition result.
     *
     * @param handle the handle
     * @return the iterator, or null if there is no result
     */
    TessResultIterator TessBaseAPIGetIterator(TessBaseAPI handle);

    /**
     * Returns the text of the iterator's current element.
     *
     * @param iterator the iterator
     * @param level e.g. {@code RIL_WORD}
     * @return UTF-8 text to free with {@link #TessDeleteText}, or null at the end
     */
    Pointer TessResultIteratorGetUTF8Text(TessResultIterator iterator, int level);

    /**
     * Returns the confidence of the iterator's current element.
     *
     * @param iterator the iterator
     * @param level e.g. {@code RIL_WORD}
     * @return 0 to 100
     */
    float TessResultIteratorConfidence(TessResultIterator iterator, int level);

    /**
     * Moves to the next element.
     *
     * @param iterator the iterator
     * @param level e.g. {@code RIL_WORD}
     * @return non-zero if there is one
     */
    int TessResultIteratorNext(TessResultIterator iterator, int level);

    /**
     * Frees an iterator.
     *
     * @param iterator the iterator
     */
    void TessResultIteratorDelete(TessResultIterator iterator);

    /**
     * Frees text returned by Tesseract.
     *
     * @param text the text
     */
    void TessDeleteText(Pointer text);

    /**
     * Forgets the image and the results, keeping the models.
     *
     * @param handle the handle
     */
    void TessBaseAPIClear(TessBaseAPI handle);

    /**
     * Frees the models.
     *
     * @param handle the handle
     */
    void TessBaseAPIEnd(TessBaseAPI handle);

    /**
     * Frees the handle.
     *
     * @param handle the handle
     */
    void TessBaseAPIDelete(TessBaseAPI handle);
}
