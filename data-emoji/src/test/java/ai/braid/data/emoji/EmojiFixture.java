package ai.braid.data.emoji;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a tiny emoji install in the exact layout and formats of the two npm packages: three
 * emoji, one of them joined through the "-fe0f" rule, each PNG 4x4 with a transparent corner.
 * The plugins' tests that read emoji use it through this module's test jar.
 */
public final class EmojiFixture {

    /** emoji.json with three entries (fields as in emoji-datasource-google 16.0.0). */
    public static final String IMAGE_INDEX = """
            [{"name":"GRINNING FACE","unified":"1F600","non_qualified":null,"image":"1f600.png",
              "sheet_x":32,"sheet_y":20,"short_name":"grinning","short_names":["grinning"],
              "category":"Smileys & Emotion","subcategory":"face-smiling","sort_order":1,
              "added_in":"6.1","has_img_google":true},
             {"name":"COPYRIGHT SIGN","unified":"00A9-FE0F","non_qualified":"00A9",
              "image":"00a9-fe0f.png","short_name":"copyright","short_names":["copyright"],
              "category":"Symbols","subcategory":"other-symbol","sort_order":1550,
              "has_img_google":true},
             {"name":"RED APPLE","unified":"1F34E","image":"1f34e.png",
              "short_name":"apple","short_names":["apple"],"category":"Food & Drink",
              "subcategory":"food-fruit","sort_order":2,"has_img_google":true,
              "skin_variations":{}}]
            """;

    /** en/data.json (fields as in emojibase-data 17.0.0), with a text that has no image. */
    public static final String TEXTS = """
            [{"label":"grinning face","hexcode":"1F600","tags":["face","grin","grinning face",
              "smile"," happy ",""],"emoji":"😀","text":"","type":1,"order":1,"group":0,
              "subgroup":0,"version":1},
             {"label":"copyright","hexcode":"00A9","tags":["c"],"emoji":"©","type":0},
             {"label":"red apple","hexcode":"1F34E","tags":["apple","fruit","red"],
              "emoji":"🍎","skins":[]},
             {"label":"green apple","hexcode":"1F34F","tags":["apple","fruit","green"]}]
            """;

    private EmojiFixture() {}

    /**
     * Writes the install.
     *
     * @param directory an empty directory, the reader's {@code path}
     * @return the directory
     */
    public static Path write(Path directory) {
        return write(directory, IMAGE_INDEX, TEXTS);
    }

    /**
     * Writes an install with other JSON documents; every emoji.json entry with a name
     * "<hex>.png" in the list above gets a PNG.
     *
     * @param directory an empty directory
     * @param imageIndex the content of emoji.json
     * @param texts the content of en/data.json
     * @return the directory
     */
    public static Path write(Path directory, String imageIndex, String texts) {
        try {
            Path images = directory.resolve(EmojiData.IMAGE_FOLDER);
            Files.createDirectories(images);
            Files.createDirectories(directory.resolve(EmojiData.TEXTS).getParent());
            Files.writeString(directory.resolve(EmojiData.IMAGE_INDEX), imageIndex,
                    StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(EmojiData.TEXTS), texts,
                    StandardCharsets.UTF_8);
            png(images.resolve("1f600.png"), 0xffffcc00);
            png(images.resolve("00a9-fe0f.png"), 0xff808080);
            png(images.resolve("1f34e.png"), 0xffdd0000);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 4x4 ARGB icon of one colour with a fully transparent top-left pixel. */
    private static void png(Path file, int argb) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, argb);
            }
        }
        image.setRGB(0, 0, 0x00000000);
        ImageIO.write(image, "png", file.toFile());
    }
}
