package ai.braid.plugin.betavae;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.braid.plugin.betavae.model.VaeArchitecture;
import ai.braid.plugin.betavae.task.BetaVaeFigures;
import ai.braid.plugin.betavae.task.BetaVaeTask;
import ai.braid.plugin.betavae.task.DisentanglementSettings;
import java.util.List;
import java.util.Objects;

/**
 * The task {@value #NAME}: a beta-VAE over one image modality ({@link BetaVaeTask}).
 *
 * <pre>
 * projectors:
 *   image: { name: vae-encoder, architecture: fc, latent: 10 }
 * fusion: pool
 * task: { name: beta-vae, decoder: fc, imageSize: 64, channels: 1 }
 * objectives:
 *   - { name: beta-elbo, beta: 4 }
 * </pre>
 *
 * <p>The head expects the fused vector to be the encoder's posterior, 2 Z values: the {@code
 * vae-encoder} projector in its posterior form behind the parameter-free {@code pool} fusion.
 * {@code imageSize} and {@code channels} must match the projector's, since the target is the
 * image the encoder sees.
 */
public final class BetaVaeTaskFactory implements TaskFactory {

    /** The name pipeline files use. */
    public static final String NAME = "beta-vae";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addChoice("decoder", "fc", List.of("fc", "conv"), "fc: the paper's dSprites"
                    + " decoder (FC 1200-1200-1200, tanh); conv: FC 256, then upsampling convs")
            .addInteger("latent", 0, 0, 4096, "latent units Z, as in the projector; 0 = half"
                    + " the fused width, which is the projector's posterior behind fusion: pool")
            .addInteger("hidden", 1200, 1, 1 << 16, "hidden width of the fc decoder")
            .addInteger("imageSize", 64, 1, 4096, "side of the reconstructed images, as in"
                    + " the projector")
            .addInteger("channels", 1, 1, 3, "channels of the reconstructed images, as in the"
                    + " projector")
            .addString("modality", "", "the image modality; empty = the pipeline's only one")
            .addInteger("metricTrain", 10_000, 0, 10_000_000, "disentanglement metric: points"
                    + " that train its linear classifier (dSprites only); 0 = no metric")
            .addInteger("metricEval", 5_000, 1, 10_000_000, "disentanglement metric: points"
                    + " it is scored on")
            .addInteger("metricPairs", 64, 1, 100_000, "disentanglement metric: image pairs"
                    + " averaged into one point (L)")
            .addInteger("metricSeed", 0, 0, Integer.MAX_VALUE, "seed of the metric's points")
            .addBoolean("metricBaselines", false, "also score ground truth, raw pixels, PCA"
                    + " and ICA with the same protocol")
            .addInteger("baselineFitImages", 10_000, 10, 737_280, "images PCA and ICA are"
                    + " fitted on")
            .addInteger("figureImages", 8, 1, 64, "images in the reconstruction figure")
            .addNumber("traversalLimit", 3.0, 0.1, 100, "latent traversals run from -limit to"
                    + " +limit around the seed image's code")
            .addInteger("traversalSteps", 11, 2, 64, "images per traversal row")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "beta-VAE: reconstructs an image modality through a Gaussian latent; KL per"
                + " unit, the disentanglement metric on dSprites, traversal pictures";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Task create(ComponentConfig config, TaskContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
        int latent = config.getInt("latent") == 0 ? context.fusedDim() / 2
                : config.getInt("latent");
        if (context.fusedDim() != 2 * latent) {
            throw new UserInputException(config.where("latent") + ": the head reads " + latent
                    + " means and " + latent + " log-variances, a fused vector of "
                    + 2 * latent + " values, but the fusion gives " + context.fusedDim()
                    + "; use the vae-encoder projector (output: posterior) with the same"
                    + " latent and fusion: pool");
        }
        VaeArchitecture decoder =
                VaeArchitecture.of(config.getString("decoder"), config.where("decoder"));
        ImagePreprocessor preprocessor = ImageOptions.preprocessor(config, decoder);
        int imageSize = preprocessor.size();
        int channels = preprocessor.channels();
        BetaVaeHead head = new BetaVaeHead(latent, channels * imageSize * imageSize,
                decoder.decoder(latent, config.getInt("hidden"), channels, imageSize));
        DisentanglementSettings disentanglement = new DisentanglementSettings(
                config.getInt("metricTrain"), config.getInt("metricEval"),
                config.getInt("metricPairs"), config.getLong("metricSeed"),
                config.getBoolean("metricBaselines"), config.getInt("baselineFitImages"));
        BetaVaeFigures figures = new BetaVaeFigures(config.getInt("figureImages"),
                config.getDouble("traversalLimit"), config.getInt("traversalSteps"),
                imageSize, channels);
        return new BetaVaeTask(head, modality(config, context),
                preprocessor, latent, context.dataset(),
                disentanglement, figures);
    }

    private static Modality modality(ComponentConfig config, TaskContext context) {
        String name = config.getString("modality");
        if (name.isEmpty()) {
            if (context.modalities().size() != 1) {
                throw new UserInputException(config.where("modality") + ": the pipeline has"
                        + " the modalities " + context.modalities() + "; name the one to"
                        + " reconstruct");
            }
            return context.modalities().get(0);
        }
        Modality modality = Modality.of(name);
        if (!context.modalities().contains(modality)) {
            throw new UserInputException(config.where("modality") + ": the pipeline has no"
                    + " projector for '" + name + "'; it has " + context.modalities());
        }
        return modality;
    }
}
