package ai.braid.runtime.builtin;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ImagePatchProjector;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;

/**
 * ViT-style image projector: square images cut into P x P patches, each mapped linearly to a
 * token, after a learned [CLS] token; see {@link ImagePatchProjector}.
 */
public final class VitPatchProjectorFactory implements ModalityProjectorFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("imageSize", 32, 1, 4096,
                    "side of the square images the model sees; other sizes are resized")
            .addInteger("channels", 3, 1, 3, "1 to read images as grey, 3 as RGB")
            .addInteger("patch", 8, 1, 4096, "side of the square patches; divides imageSize")
            .addInteger("dim", 64, 1, 1 << 16, "token width")
            .addBoolean("patchNorm", false, "LayerNorm each patch's pixels before the linear map"
                    + " and each token after it, so a blank background adds no large constant"
                    + " tokens (SimpleViT)")
            .build();

    @Override
    public String name() {
        return "vit-patches";
    }

    @Override
    public String description() {
        return "images to a [CLS] token and one linear token per P x P patch (ViT)";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public ModalityProjector create(ComponentConfig config, Modality modality) {
        int imageSize = config.getInt("imageSize");
        int patch = config.getInt("patch");
        if (imageSize % patch != 0) {
            throw new UserInputException(config.where("patch") + ": the patch must divide"
                    + " imageSize " + imageSize + ", got " + patch);
        }
        return ImagePatchProjector.builder()
                .setImageSize(imageSize)
                .setChannels(channels(config))
                .setPatch(patch)
                .setDim(config.getInt("dim"))
                .optPatchNorm(config.getBoolean("patchNorm"))
                .build();
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
