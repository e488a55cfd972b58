package ai.braid.plugin.ssesf.data.diagnostic;

import ai.braid.api.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

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
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (NoSuchFileException e) {
            throw new UserInputException("emoji image " + file + " does not exist; run"
                    + " scripts/setup.sh to install the emoji data", e);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports some truncated files as runtime exceptions.
            throw new UserInputException("cannot decode emoji image " + file + ": " + e, e);
        }
        if (image == null) {
            throw new UserInputException("emoji image " + file + " is not a PNG Java can decode");
        }
        return image;
    }
}
