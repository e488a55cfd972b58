package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ConvImageProjector;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Small-CNN image projector: 3 x 3 conv, ReLU and 2 x 2 max-pool stages, each cell of the last
 * feature map one token; see {@link ConvImageProjector}.
 */
public final class ConvImageProjectorFactory implements ModalityProjectorFactory {

    private static final int MAX_CHANNELS = 4096;

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("imageSize", 32, 1, 4096,
                    "side of the square images the model sees; other sizes are resized")
            .addInteger("channels", 3, 1, 3, "1 to read images as grey, 3 as RGB")
            .addInteger("dim", 64, 1, 1 << 16, "token width")
            .addStringList("convChannels", List.of("16", "32"),
                    "output channels of each conv stage; each stage halves the image side")
            .build();

    @Override
    public String name() {
        return "conv-image";
    }

    @Override
    public String description() {
        return "images to tokens of a small CNN's last feature map, one per cell";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public ModalityProjector create(ComponentConfig config, Modality modality) {
        List<Integer> stages = convChannels(config);
        int imageSize = config.getInt("imageSize");
        if (imageSize >> stages.size() < 1) {
            throw new UserInputException(config.where("imageSize") + ": " + stages.size()
                    + " conv stages halve the image " + stages.size() + " times, so imageSize"
                    + " must be at least " + (1 << stages.size()) + ", got " + imageSize);
        }
        return ConvImageProjector.builder()
                .setImageSize(imageSize)
                .setChannels(channels(config))
                .setDim(config.getInt("dim"))
                .setConvChannels(stages)
                .build();
    }

    private static List<Integer> convChannels(ComponentConfig config) {
        List<String> values = config.getStringList("convChannels");
        if (values.isEmpty() || values.size() > 12) {
            throw new UserInputException(config.where("convChannels")
                    + ": expected 1 to 12 channel counts, got " + values);
        }
        List<Integer> channels = new ArrayList<>(values.size());
        for (String value : values) {
            int count;
            try {
                count = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_CHANNELS) {
                throw new UserInputException(config.where("convChannels")
                        + ": expected integers in [1, " + MAX_CHANNELS + "], got '" + value
                        + "' in " + values);
            }
            channels.add(count);
        }
        return channels;
    }

    /** Reads {@code channels}, which the schema bounds to [1, 3]; 2 has no colour model. */
    private static int channels(ComponentConfig config) {
        int channels = config.getInt("channels");
        if (channels == 2) {
            throw new UserInputException(config.where("channels")
                    + ": expected 1 (grey) or 3 (RGB), got 2");
        }
        return channels;
    }
}
