package ai.braid.plugin.fashion;

import ai.braid.api.UserInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the gzipped IDX files of MNIST-style datasets.
 *
 * <p>An IDX file is a big-endian header, then the data: a magic number {@code 0x0000TTDD} whose
 * byte TT is the element type ({@code 0x08} = unsigned byte) and DD the number of dimensions,
 * one 32-bit size per dimension, then the elements in row-major order. Images are {@value
 * #IMAGE_MAGIC} (unsigned bytes, 3 dimensions: count, rows, columns), labels {@value
 * #LABEL_MAGIC} (unsigned bytes, 1 dimension: count). Every problem, from a missing file to a
 * truncated one, is a {@link UserInputException} whose message starts with the file.
 */
final class IdxFile {

    /** The magic number of an image file: unsigned bytes, three dimensions. */
    static final int IMAGE_MAGIC = 0x0803;
    /** The magic number of a label file: unsigned bytes, one dimension. */
    static final int LABEL_MAGIC = 0x0801;

    private static final int BUFFER = 1 << 16;

    private IdxFile() {}

    /**
     * Reads an image file whose images must all be {@code rows x cols}.
     *
     * @param path the gzipped IDX file
     * @param rows the expected height
     * @param cols the expected width
     * @return the images
     * @throws UserInputException if the file is missing, not gzip, has another magic number or
     *     other image sizes, is truncated or longer than its header says
     */
    static IdxImages readImages(Path path, int rows, int cols) {
        try (DataInputStream in = open(path)) {
            checkMagic(path, readHeaderInt(path, in), IMAGE_MAGIC, "images (3 dimensions)");
            int count = checkCount(path, readHeaderInt(path, in));
            int fileRows = readHeaderInt(path, in);
            int fileCols = readHeaderInt(path, in);
            if (fileRows != rows || fileCols != cols) {
                throw new UserInputException(path + ": the header declares images of " + fileRows
                        + "x" + fileCols + " pixels; expected " + rows + "x" + cols);
            }
            long size = (long) count * rows * cols;
            if (size > Integer.MAX_VALUE - 8) {
                throw new UserInputException(path + ": the header declares " + count
                        + " images, " + size + " bytes; expected at most "
                        + (Integer.MAX_VALUE - 8) / (rows * cols) + " images");
            }
            byte[] pixels = readData(path, in, (int) size);
            return new IdxImages(count, rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /**
     * Reads a label file whose labels must all be below {@code classes}.
     *
     * @param path the gzipped IDX file
     * @param classes the number of classes
     * @return one label per sample, each in {@code [0, classes)}
     * @throws UserInputException if the file is missing, not gzip, has another magic number, a
     *     label out of range, is truncated or longer than its header says
     */
    static byte[] readLabels(Path path, int classes) {
        try (DataInputStream in = open(path)) {
            checkMagic(path, readHeaderInt(path, in), LABEL_MAGIC, "labels (1 dimension)");
            int count = checkCount(path, readHeaderInt(path, in));
            byte[] labels = readData(path, in, count);
            for (int i = 0; i < labels.length; i++) {
                int label = Byte.toUnsignedInt(labels[i]);
                if (label >= classes) {
                    throw new UserInputException(path + ": label " + i + " is " + label
                            + "; expected a class index in [0, " + (classes - 1) + "]");
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static DataInputStream open(Path path) throws IOException {
        InputStream file;
        try {
            file = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new UserInputException(path + " does not exist; expected a gzipped IDX file"
                    + " (install it with `apt-get install dataset-fashion-mnist`)", e);
        }
        try {
            return new DataInputStream(new BufferedInputStream(
                    new GZIPInputStream(file, BUFFER), BUFFER));
        } catch (ZipException | EOFException e) {
            file.close();
            throw new UserInputException(path + " is not a gzip file (" + e.getMessage()
                    + "); expected the gzipped IDX file as installed by dataset-fashion-mnist", e);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    private static int readHeaderInt(Path path, DataInputStream in) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new UserInputException(path + " is truncated: it ends inside the IDX header;"
                    + " reinstall the dataset (apt-get install --reinstall dataset-fashion-mnist)",
                    e);
        }
    }

    private static void checkMagic(Path path, int magic, int expected, String what) {
        if (magic != expected) {
            throw new UserInputException(path + ": the IDX magic number is " + magic + " (0x"
                    + Integer.toHexString(magic) + "); expected " + expected + " (0x"
                    + Integer.toHexString(expected) + ", unsigned bytes: " + what + ")");
        }
    }

    private static int checkCount(Path path, int count) {
        if (count < 0) {
            throw new UserInputException(path + ": the header declares " + count
                    + " items; expected a count >= 0");
        }
        return count;
    }

    private static byte[] readData(Path path, DataInputStream in, int size) throws IOException {
        byte[] data = new byte[size];
        int done = 0;
        try {
            while (done < size) {
                int read = in.read(data, done, size - done);
                if (read < 0) {
                    break;
                }
                done += read;
            }
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off compressed stream this way, not with -1.
            throw truncated(path, done, size, e);
        }
        if (done < size) {
            throw truncated(path, done, size, null);
        }
        if (in.read() >= 0) {
            throw new UserInputException(path + " holds more data than its header declares ("
                    + size + " bytes after the header); expected an unmodified IDX file");
        }
        return data;
    }

    private static UserInputException truncated(Path path, int done, int size, Exception cause) {
        return new UserInputException(path + " is truncated: it ends after " + done + " of the "
                + size + " data bytes its header declares; reinstall the dataset"
                + " (apt-get install --reinstall dataset-fashion-mnist)", cause);
    }

    private static UserInputException unreadable(Path path, IOException e) {
        if (e instanceof ZipException) {
            return new UserInputException(path + " is corrupt: " + e.getMessage()
                    + "; reinstall the dataset (apt-get install --reinstall"
                    + " dataset-fashion-mnist)", e);
        }
        return new UserInputException("cannot read " + path + ": " + e, e);
    }
}
