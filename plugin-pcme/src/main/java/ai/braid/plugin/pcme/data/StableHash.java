package ai.braid.plugin.pcme.data;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** A hash of strings that never changes between runs, JVMs or versions: CRC-32 of UTF-8. */
final class StableHash {

    private StableHash() {}

    /**
     * Hashes a string.
     *
     * @param text any string
     * @return the CRC-32 of its UTF-8 bytes, in [0, 2^32)
     */
    static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
