package ai.braid.plugin.ssesf.ocr;

import ai.braid.api.UserInputException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The system Tesseract library ({@code libtesseract.so.5}), loaded once per process.
 *
 * <p>Two things about the loading keep OCR and training apart in one process:
 *
 * <ul>
 *   <li>libtesseract is opened without {@code RTLD_GLOBAL}, so the system libgomp it brings
 *       stays out of the global symbol scope: otherwise PyTorch, loaded later, binds its OpenMP
 *       calls to that libgomp rather than to its own copy.
 *   <li>OpenMP is capped at one thread per recognition ({@code OMP_THREAD_LIMIT=1}) in that
 *       system libgomp alone, unless the environment already sets a limit: Braid runs one
 *       engine per core, and Tesseract's parallel loops would otherwise add several
 *       busy-waiting threads to each (one page took 1.5 s instead of 0.3 s on a loaded 2-core
 *       machine). libgomp reads the limit once, when it is loaded, so the variable is set in
 *       the C environment only while libtesseract loads. It must not reach PyTorch: with
 *       {@code OMP_THREAD_LIMIT=1}, its CPU kernels split work for threads that never run and
 *       training diverges with NaN gradients (seen with PyTorch 2.7.1).
 * </ul>
 */
final class TesseractLibrary {

    /** The command that installs Tesseract and its English data on Debian. */
    static final String INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng";

    private static final String OMP_THREAD_LIMIT = "OMP_THREAD_LIMIT";
    /** dlopen's RTLD_LAZY, without the RTLD_GLOBAL that JNA adds by default. */
    private static final int RTLD_LAZY_LOCAL = 1;

    private static TesseractCApi api;

    private TesseractLibrary() {}

    /**
     * Returns the loaded library.
     *
     * @return the C API
     * @throws UserInputException if libtesseract is not installed; the message says how to
     *     install it
     */
    static synchronized TesseractCApi api() {
        if (api == null) {
            boolean limited = setThreadLimit();
            try {
                api = Native.load("tesseract", TesseractCApi.class, Map.of(
                        Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL,
                        Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));
            } catch (UnsatisfiedLinkError e) {
                throw new UserInputException("the OCR extractor needs the system Tesseract"
                        + " library (libtesseract.so.5), which cannot be loaded: "
                        + e.getMessage() + "; install it with `" + INSTALL + "`", e);
            } finally {
                if (limited) {
                    libc().getFunction("unsetenv").invokeInt(new Object[] {OMP_THREAD_LIMIT});
                }
            }
        }
        return api;
    }

    /**
     * Returns the library's version.
     *
     * @return the version Tesseract reports, e.g. "5.3.0"
     * @throws UserInputException if libtesseract is not installed
     */
    static String version() {
        return api().TessVersion();
    }

    /** Sets OMP_THREAD_LIMIT=1 in the C environment unless it is set; true if it was set. */
    private static boolean setThreadLimit() {
        if (System.getenv(OMP_THREAD_LIMIT) != null || Platform.isWindows()) {
            return false;
        }
        // Java's System.getenv is a copy taken at start-up; libgomp reads the C environment.
        return libc().getFunction("setenv").invokeInt(new Object[] {OMP_THREAD_LIMIT, "1", 0})
                == 0;
    }

    private static NativeLibrary libc() {
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
    }
}
