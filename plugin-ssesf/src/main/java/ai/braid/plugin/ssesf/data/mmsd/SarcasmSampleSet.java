package ai.braid.plugin.ssesf.data.mmsd;

import ai.braid.api.UserInputException;
import ai.braid.api.data.ImageFiles;
import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The posts of one split as samples; each {@link #get} decodes the post's image anew, so the
 * 24,635 images of MMSD never live in memory at once.
 */
final class SarcasmSampleSet implements SampleSet {

    // Not ImageFactory.getInstance(): with DJL's OpenCV extension on the class path that one
    // would be OpenCV's factory, which does not wrap BufferedImages.
    private static final ImageFactory IMAGES = new BufferedImageFactory();

    private final List<SarcasmPost> posts;
    private final Path imageFolder;
    private final String download;

    /**
     * Creates the samples of one split.
     *
     * @param posts the split's posts, in sample order
     * @param imageFolder the folder of the {@code <id>.jpg} files
     * @param download a sentence saying where the images can be found, for messages about
     *     missing ones
     */
    SarcasmSampleSet(List<SarcasmPost> posts, Path imageFolder, String download) {
        this.posts = List.copyOf(posts);
        this.imageFolder = Objects.requireNonNull(imageFolder, "imageFolder");
        this.download = Objects.requireNonNull(download, "download");
    }

    @Override
    public int size() {
        return posts.size();
    }

    /**
     * Builds one sample: inputs {@code image} (an {@link ai.djl.modality.cv.Image} wrapping a
     * {@code TYPE_INT_RGB} {@link BufferedImage}) and {@code text}, target {@code label}.
     *
     * @param index in {@code [0, size())}
     * @return the sample, with the post's id
     * @throws UserInputException if the post's image file is missing or cannot be decoded;
     *     the message names the post and the file
     */
    @Override
    public Sample get(int index) {
        SarcasmPost post = posts.get(Objects.checkIndex(index, posts.size()));
        Map<Modality, Object> inputs = new LinkedHashMap<>();
        inputs.put(SarcasmReader.IMAGE, IMAGES.fromImage(image(post)));
        inputs.put(SarcasmReader.TEXT, post.text());
        return new Sample(post.id(), inputs, Map.of(SarcasmReader.LABEL, post.label()));
    }

    /**
     * Returns the posts.
     *
     * @return the split's posts in sample order
     */
    List<SarcasmPost> posts() {
        return posts;
    }

    private BufferedImage image(SarcasmPost post) {
        Path file = imageFolder.resolve(post.id() + ".jpg");
        try {
            return ImageFiles.readRgb(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("post " + post.id() + " (" + post.origin() + ") has no"
                    + " image: there is no file " + file + "; " + download, e);
        } catch (IOException e) {
            throw new UserInputException("post " + post.id() + " (" + post.origin() + "):"
                    + " cannot decode its image " + file + ": " + e.getMessage(), e);
        }
    }
}
