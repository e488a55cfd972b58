package ai.braid.plugin.betavae;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;
import ai.braid.plugin.betavae.model.VaeArchitecture;
import ai.braid.plugin.betavae.model.VaeEncoderBlock;
import ai.braid.plugin.betavae.model.VaeEncoderProjector;
import java.util.List;
import java.util.Objects;

/**
 * The projector {@value #NAME}: a beta-VAE's encoder over images.
 *
 * <pre>
 * projectors:
 *   image: { name: vae-encoder, architecture: fc, latent: 10, imageSize: 64, channels: 1 }
 * </pre>
 *
 * <p>{@code output: posterior} (default) gives one token of the Z means and Z log-variances,
 * read by the {@code beta-vae} task through the {@code pool} fusion. {@code output: latents}
 * gives one token of width {@code dim} per latent unit made from its mean, so a trained encoder
 * serves other pipelines: initialise it from a beta-VAE run with the runtime's {@code init}
 * key and freeze it with {@code freeze: true}.
 */
public final class VaeEncoderProjectorFactory implements ModalityProjectorFactory {

    /** The name pipeline files use. */
    public static final String NAME = "vae-encoder";
    /** The posterior form's option value. */
    public static final String POSTERIOR = "posterior";
    /** The latent-token form's option value. */
    public static final String LATENTS = "latents";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addChoice("architecture", "fc", List.of("fc", "conv"), "fc: the paper's dSprites"
                    + " model (FC 1200-1200); conv: conv 32-32-64-64 and FC 256")
            .addInteger("latent", 10, 1, 4096, "latent units Z")
            .addInteger("hidden", 1200, 1, 1 << 16, "hidden width of the fc model")
            .addInteger("imageSize", 64, 1, 4096, "side of the square images the encoder"
                    + " sees; other sizes are resized")
            .addInteger("channels", 1, 1, 3, "1 to read images as grey, 3 as RGB")
            .addChoice("output", POSTERIOR, List.of(POSTERIOR, LATENTS), "posterior: one"
                    + " token of means and log-variances (for the beta-vae task); latents: one"
                    + " token per latent unit from its mean (to reuse the encoder)")
            .addInteger("dim", 32, 1, 1 << 16, "token width of output: latents")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "beta-VAE encoder (fc or conv): one token of posterior means and log-variances,"
                + " or one token per latent unit for reuse in other pipelines";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public ModalityProjector create(ComponentConfig config, Modality modality) {
        Objects.requireNonNull(config, "config");
        VaeArchitecture architecture =
                VaeArchitecture.of(config.getString("architecture"), config.where("architecture"));
        ImagePreprocessor preprocessor = ImageOptions.preprocessor(config, architecture);
        int latent = config.getInt("latent");
        boolean latents = LATENTS.equals(config.getString("output"));
        int tokenDim = latents ? config.getInt("dim") : 0;
        VaeEncoderBlock block = new VaeEncoderBlock(
                architecture.encoder(latent, config.getInt("hidden")), latent, tokenDim);
        return new VaeEncoderProjector(preprocessor, block,
                latents ? tokenDim : 2 * latent);
    }
}
