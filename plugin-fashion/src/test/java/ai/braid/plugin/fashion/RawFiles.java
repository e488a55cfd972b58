package ai.braid.plugin.fashion;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Reads and writes IDX bytes independently of the code under test. */
final class RawFiles {

    /** The installed data. */
    static final Path DATA = Path.of(FashionMnistReader.DEFAULT_DIRECTORY);

    private RawFiles() {}

    /**
     * Reads a gzipped file from a byte offset on.
     *
     * @param file the gzipped file
     * @param skip the number of header bytes to skip
     * @param length the number of bytes to return
     * @return the bytes
     */
    static byte[] read(Path file, int skip, int length) {
        try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readNBytes(skip);
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads all labels of an installed label file.
     *
     * @param name the file's name in {@link #DATA}
     * @return the labels
     */
    static byte[] labels(String name) {
        return read(DATA.resolve(name), 8, Integer.MAX_VALUE);
    }

    /**
     * Builds an IDX file: a magic number, the dimensions, the data.
     *
     * @param magic the magic number
     * @param data the elements
     * @param dims the sizes
     * @return the uncompressed bytes
     */
    static byte[] idx(int magic, byte[] data, int... dims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Compresses bytes with gzip.
     *
     * @param raw the bytes
     * @return the gzip stream
     */
    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Returns {@code count} images of 28x28 pixels whose image i has every pixel (i * 40 + p)
     * mod 256 at position p.
     *
     * @param count the number of images
     * @return the pixels
     */
    static byte[] pixels(int count) {
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (byte) (i * 40 + p);
            }
        }
        return pixels;
    }

    /**
     * Writes a complete, valid dataset directory.
     *
     * @param dir the directory
     * @param trainLabels the labels of the training file (one image each)
     * @param testLabels the labels of the test file (one image each)
     * @throws IOException if writing fails
     */
    static void writeDataset(Path dir, byte[] trainLabels, byte[] testLabels) throws IOException {
        Files.write(dir.resolve(FashionMnistReader.TRAIN_IMAGES), gzip(idx(2051,
                pixels(trainLabels.length), trainLabels.length, 28, 28)));
        Files.write(dir.resolve(FashionMnistReader.TRAIN_LABELS),
                gzip(idx(2049, trainLabels, trainLabels.length)));
        Files.write(dir.resolve(FashionMnistReader.TEST_IMAGES), gzip(idx(2051,
                pixels(testLabels.length), testLabels.length, 28, 28)));
        Files.write(dir.resolve(FashionMnistReader.TEST_LABELS),
                gzip(idx(2049, testLabels, testLabels.length)));
    }

    /**
     * Returns the first bytes of an array.
     *
     * @param bytes the array
     * @param length how many to keep
     * @return the copy
     */
    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}
