package ai.braid.api.projection;

import ai.braid.api.UserInputException;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Turns decoded images into a pixel batch: each image is resized to size x size when it has
 * another size, converted to grey or RGB, scaled to [0, 1] and laid out channel-first.
 *
 * <p>Grey is the ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}, so a grey source image
 * keeps its values exactly. An alpha channel is dropped.
 *
 * @param size the side of the square images produced, in pixels
 * @param channels 1 for grey, 3 for RGB
 */
public record ImagePreprocessor(int size, int channels) {

    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if size is not positive or channels is neither 1 nor 3
     */
    public ImagePreprocessor {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "image size must be positive and channels 1 or 3, got size " + size
                            + ", channels " + channels);
        }
    }

    /**
     * Converts a batch of images.
     *
     * @param inputs B values, each an {@link Image}
     * @param manager the manager that owns the result (and decides its device)
     * @return {@code [pixels (B, C, size, size)]}, float32 in [0, 1]
     * @throws UserInputException if a value is not an image
     */
    public NDList preprocess(List<?> inputs, NDManager manager) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("an image batch needs at least one image");
        }
        int area = size * size;
        float[] values = new float[inputs.size() * channels * area];
        for (int i = 0; i < inputs.size(); i++) {
            Image image = image(inputs, i);
            Image sized = image.getWidth() == size && image.getHeight() == size
                    ? image
                    : image.resize(size, size, true);
            if (!(sized.getWrappedImage() instanceof BufferedImage buffered)) {
                return preprocessOneByOne(inputs, manager);
            }
            writePixels(buffered, values, i * channels * area);
        }
        return new NDList(manager.create(values, new Shape(inputs.size(), channels, size, size)));
    }

    /**
     * Writes one image's pixels channel-first, with the arithmetic of {@link #toPixels}: grey
     * rasters are read as their samples and RGB ones through {@code getRGB}, as DJL's image
     * factory does, then scaled to [0, 1] and, for grey output, weighted by the luma in the
     * same order. Done in Java because a dozen tiny native calls per image made decoding
     * slower than the model on small images.
     */
    private void writePixels(BufferedImage image, float[] values, int offset) {
        int area = size * size;
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        int[] samples = grey ? image.getRaster().getPixels(0, 0, size, size, (int[]) null)
                : image.getRGB(0, 0, size, size, null, 0, size);
        for (int p = 0; p < area; p++) {
            int pixel = samples[p];
            float r = (grey ? pixel : (pixel >> 16) & 0xff) / 255f;
            float g = (grey ? pixel : (pixel >> 8) & 0xff) / 255f;
            float b = (grey ? pixel : pixel & 0xff) / 255f;
            if (channels == 1) {
                values[offset + p] = r * LUMA[0] + g * LUMA[1] + b * LUMA[2];
            } else {
                values[offset + p] = r;
                values[offset + area + p] = g;
                values[offset + 2 * area + p] = b;
            }
        }
    }

    /** The general path, for images that are not backed by a BufferedImage (OpenCV's). */
    private NDList preprocessOneByOne(List<?> inputs, NDManager manager) {
        // decoding intermediates are freed at once; only the batch stays on the caller's manager
        try (NDManager scratch = manager.newSubManager()) {
            NDList pixels = new NDList(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                pixels.add(toPixels(image(inputs, i), scratch));
            }
            NDArray batch = NDArrays.stack(pixels);
            batch.attach(manager);
            return new NDList(batch);
        }
    }

    /**
     * Converts one image.
     *
     * @param image the image, of any size
     * @param manager the manager that owns the result
     * @return (C, size, size) float32 in [0, 1]
     */
    public NDArray toPixels(Image image, NDManager manager) {
        Image sized = image.getWidth() == size && image.getHeight() == size
                ? image
                : image.resize(size, size, true);
        NDArray rgb = sized.toNDArray(manager, Image.Flag.COLOR)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        if (channels == 1) {
            NDArray weights = manager.create(LUMA);
            rgb = rgb.mul(weights).sum(new int[] {2}, true);
        }
        return rgb.transpose(2, 0, 1);
    }

    private static Image image(List<?> inputs, int index) {
        Object value = inputs.get(index);
        if (value instanceof Image image) {
            return image;
        }
        throw new UserInputException("image input " + index + " must be a decoded "
                + Image.class.getName() + ", got "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
