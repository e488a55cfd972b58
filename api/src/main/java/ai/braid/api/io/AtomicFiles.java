package ai.braid.api.io;

import java.awt.image.RenderedImage;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Replaces files so that a reader sees either the old content or the new, never a mix, and a
 * crash part-way leaves the old file in place. The runtime writes its reports this way, and
 * tasks should write their figures this way in {@link ai.braid.api.spi.Task#drawFigures}: a run
 * folder may be read while it is rewritten, and a failed write must not lose what was there.
 *
 * <p>The content goes to a temporary file in the target's directory, is forced to disk and is
 * renamed over the target. The temporary file lives in the same directory so the rename stays
 * on one file system, where it is atomic; it is removed if anything fails.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Replaces a file with what a writer writes, creating its directory if needed.
     *
     * <pre>
     * AtomicFiles.write(file, out -&gt; BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG));
     * </pre>
     *
     * @param target the file to replace or create
     * @param content writes the new content to the stream it is given, without closing it
     * @throws IOException if the writer, the directory, the temporary file or the rename fails;
     *     the target is then as it was
     */
    public static void write(Path target, ContentWriter content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileOutputStream file = new FileOutputStream(temp.toFile());
                    OutputStream out = new BufferedOutputStream(file)) {
                content.writeTo(out);
                out.flush();
                // On disk before the rename, so a crash cannot leave an empty target behind.
                file.getFD().sync();
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces a file with bytes.
     *
     * @param target the file to replace or create
     * @param content the new content
     * @throws IOException as {@link #write} says
     */
    public static void writeBytes(Path target, byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        write(target, out -> out.write(content));
    }

    /**
     * Replaces a file with text in UTF-8.
     *
     * @param target the file to replace or create
     * @param text the new content
     * @throws IOException as {@link #write} says
     */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces a file with an image encoded as PNG.
     *
     * @param target the file to replace or create
     * @param image the picture
     * @throws IOException if no PNG writer takes the image, or as {@link #write} says
     */
    public static void writePng(Path target, RenderedImage image) throws IOException {
        Objects.requireNonNull(image, "image");
        write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer takes this image for " + target);
            }
        });
    }

    /** Writes a file's new content. */
    @FunctionalInterface
    public interface ContentWriter {

        /**
         * Writes the content.
         *
         * @param out the stream to the temporary file; closed by {@link AtomicFiles}
         * @throws IOException if the content cannot be written
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
