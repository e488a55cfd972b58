package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import ai.braid.api.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Decodes emoji PNGs once each and keeps them (a few hundred of 16 KiB). Thread-safe. */
final class EmojiImages {

    private final Map<Path, BufferedImage> decoded = new ConcurrentHashMap<>();

    /**
     * Returns a decoded PNG.
     *
     * @param file the PNG
     * @return the image as decoded, alpha kept; callers must not modify it
     * @throws UserInputException if the file is missing or not an image; the message names it
     */
    BufferedImage get(Path file) {
        return decoded.computeIfAbsent(file, EmojiImages::decode);
    }

    private static BufferedImage decode(Path file) {
        try {
            return ImageFiles.decode(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("emoji image " + file + " does not exist; run"
                    + " scripts/setup.sh to install the emoji data", e);
        } catch (IOException e) {
            throw new UserInputException("cannot decode emoji image " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
