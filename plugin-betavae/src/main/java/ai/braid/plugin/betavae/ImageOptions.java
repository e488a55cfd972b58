package ai.braid.plugin.betavae;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.plugin.betavae.model.VaeArchitecture;

/**
 * The {@code imageSize} and {@code channels} options that the encoder projector and the task
 * both declare, read and checked in one place: the task reconstructs exactly what the encoder
 * sees.
 */
final class ImageOptions {

    private ImageOptions() {}

    /**
     * Reads and checks the options.
     *
     * @param config holds {@code imageSize} and {@code channels}
     * @param architecture the model that must take images of that side
     * @return the preprocessor giving the model's pixels
     * @throws UserInputException for 2 channels or a side the model cannot take
     */
    static ImagePreprocessor preprocessor(ComponentConfig config, VaeArchitecture architecture) {
        int imageSize = config.getInt("imageSize");
        architecture.checkImageSize(imageSize, config.where("imageSize"));
        int channels = config.getInt("channels");
        if (channels == 2) {
            throw new UserInputException(config.where("channels")
                    + ": expected 1 (grey) or 3 (RGB), got 2");
        }
        return new ImagePreprocessor(imageSize, channels);
    }
}
