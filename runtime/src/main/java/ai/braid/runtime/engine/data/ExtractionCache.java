package ai.braid.runtime.engine.data;

import ai.braid.api.UserInputException;
import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Extractor results on disk, one small file per input, keyed by a hash of the input's content
 * and of everything that identifies the extractor (name, options, fingerprint). A changed input
 * or a changed extractor misses the cache; nothing is ever stale.
 *
 * <p>Values are {@code String}, {@code float[]} or {@code String[]}. Files are written to a
 * temporary name and moved into place, so concurrent writers and killed runs never leave a
 * half-written entry.
 */
public final class ExtractionCache {

    private static final byte STRING = 0;
    private static final byte FLOATS = 1;
    private static final byte STRINGS = 2;

    private final Path directory;
    private final String extractorKey;

    /**
     * Creates a cache view for one extractor configuration.
     *
     * @param root the cache root, e.g. {@code ~/.cache/braid/extractions}
     * @param extractorKey identifies the extractor: name, options and fingerprint
     */
    public ExtractionCache(Path root, String extractorKey) {
        this.directory = Objects.requireNonNull(root, "root");
        this.extractorKey = Objects.requireNonNull(extractorKey, "extractorKey");
    }

    /**
     * Computes the key of one input value.
     *
     * @param input a {@code String}, {@code Path}, {@code Image} or {@code float[]}
     * @return the hex key
     * @throws UserInputException if the value's type cannot be hashed or a file cannot be read
     */
    public String key(Object input) {
        MessageDigest digest = sha256();
        digest.update(extractorKey.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content(input));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Looks an entry up.
     *
     * @param key from {@link #key}
     * @return the cached value, or empty
     */
    public Optional<Object> get(String key) {
        try {
            return Optional.of(decode(Files.readAllBytes(file(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read extraction cache entry " + file(key), e);
        }
    }

    /**
     * Stores an entry.
     *
     * @param key from {@link #key}
     * @param value a {@code String}, {@code float[]} or {@code String[]}
     */
    public void put(String key, Object value) {
        Path target = file(key);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), key, ".tmp");
            Files.write(temporary, encode(value));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write extraction cache entry " + target, e);
        }
    }

    private Path file(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".bin");
    }

    private static byte[] content(Object input) {
        if (input instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (input instanceof Path path) {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UserInputException("cannot read " + path + ": " + e.getMessage());
            }
        }
        if (input instanceof float[] values) {
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
            buffer.asFloatBuffer().put(values);
            return buffer.array();
        }
        if (input instanceof Image image && image.getWrappedImage() instanceof BufferedImage b) {
            int[] pixels = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
            ByteBuffer buffer = ByteBuffer.allocate(8 + pixels.length * Integer.BYTES);
            buffer.putInt(b.getWidth()).putInt(b.getHeight()).asIntBuffer().put(pixels);
            return buffer.array();
        }
        throw new UserInputException("extractor inputs of type "
                + (input == null ? "null" : input.getClass().getName())
                + " cannot be cached; supported: String, Path, Image, float[]");
    }

    private static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (value instanceof String text) {
                out.writeByte(STRING);
                writeText(out, text);
            } else if (value instanceof float[] values) {
                out.writeByte(FLOATS);
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeFloat(v);
                }
            } else if (value instanceof String[] texts) {
                out.writeByte(STRINGS);
                out.writeInt(texts.length);
                for (String text : texts) {
                    writeText(out, text);
                }
            } else {
                throw new IllegalArgumentException("extractors must produce String, float[] or"
                        + " String[], got " + value.getClass().getName());
            }
        }
        return bytes.toByteArray();
    }

    private static Object decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte type = in.readByte();
            switch (type) {
                case STRING:
                    return readText(in);
                case FLOATS: {
                    float[] values = new float[in.readInt()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = in.readFloat();
                    }
                    return values;
                }
                case STRINGS: {
                    String[] texts = new String[in.readInt()];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = readText(in);
                    }
                    return texts;
                }
                default:
                    throw new IOException("unknown entry type " + type);
            }
        }
    }

    // writeUTF stops at 64 KB; OCR of a dense page can be longer.
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
