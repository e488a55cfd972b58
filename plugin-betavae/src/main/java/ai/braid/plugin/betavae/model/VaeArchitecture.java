package ai.braid.plugin.betavae.model;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.ActivationKind;
import ai.braid.api.nn.MlpHead;
import ai.braid.api.nn.UpsamplingDecoder;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Locale;

/**
 * The two beta-VAE models of Higgins et al. (2017), as encoder and decoder blocks.
 *
 * <ul>
 *   <li>{@link #FC}, the paper's dSprites model: encoder {@code 4096 -> 1200 -> 1200} (ReLU) to
 *       the means and log-variances; decoder {@code latent -> 1200 -> 1200 -> 1200} (tanh) to
 *       the pixel logits. The hidden width is an option.
 *   <li>{@link #CONV}, the convolutional model used for image datasets (and by
 *       disentanglement_lib for all of them): encoder conv 32-32-64-64 (4 x 4, stride 2,
 *       padding 1, ReLU), FC 256 (ReLU); decoder FC 256 (ReLU), FC to 64 x s/16 x s/16, then
 *       four stages of nearest x2 upsampling and 3 x 3 conv (64-32-32-32, ReLU) and a 3 x 3
 *       conv to the channels. Upsampling plus conv stands in for the paper's transposed
 *       convolutions, which DJL's PyTorch engine does not implement.
 * </ul>
 *
 * <p>Encoders read {@code [pixels (B, C, S, S)]} and return {@code [stats (B, 2 Z)]}, the Z
 * means then the Z log-variances. Decoders read {@code [z (B, Z)]} and return {@code [logits (B,
 * C * S * S)]}, channel-first pixel order.
 */
public enum VaeArchitecture {
    /** The fully connected model of the paper's dSprites experiments. */
    FC,
    /** The convolutional model; the image side must be a multiple of 16. */
    CONV;

    private static final int CONV_DOWNSAMPLING = 16;

    /**
     * Parses a pipeline value.
     *
     * @param name "fc" or "conv", any case
     * @param where the YAML path, for the error message
     * @return the architecture
     * @throws UserInputException for another name
     */
    public static VaeArchitecture of(String name, String where) {
        for (VaeArchitecture architecture : values()) {
            if (architecture.name().equalsIgnoreCase(name)) {
                return architecture;
            }
        }
        throw new UserInputException(where + ": expected fc or conv, got '" + name + "'");
    }

    /**
     * Checks that images of this side fit the architecture.
     *
     * @param imageSize the side of the square images
     * @param where the YAML path, for the error message
     * @throws UserInputException if the conv model cannot halve the side four times
     */
    public void checkImageSize(int imageSize, String where) {
        if (this == CONV && imageSize % CONV_DOWNSAMPLING != 0) {
            throw new UserInputException(where + ": the conv model halves the image four times,"
                    + " so imageSize must be a multiple of 16, got " + imageSize);
        }
    }

    /**
     * Builds a Gaussian encoder.
     *
     * @param latent Z, the number of latent units
     * @param hidden the FC model's hidden width (ignored by the conv model)
     * @return a block {@code [pixels (B, C, S, S)] -> [stats (B, 2 Z)]}
     */
    public Block encoder(int latent, int hidden) {
        SequentialBlock encoder = new SequentialBlock();
        if (this == FC) {
            encoder.add(flatten());
            encoder.add(mlp(List.of(hidden, hidden), ActivationKind.RELU, 2 * latent));
            return encoder;
        }
        for (int channels : List.of(32, 32, 64, 64)) {
            encoder.add(Conv2d.builder().setKernelShape(new Shape(4, 4))
                    .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                    .setFilters(channels).build());
            encoder.add(Activation.reluBlock());
        }
        encoder.add(flatten());
        encoder.add(mlp(List.of(256), ActivationKind.RELU, 2 * latent));
        return encoder;
    }

    /**
     * Builds a decoder to pixel logits.
     *
     * @param latent Z, the number of latent units
     * @param hidden the FC model's hidden width (ignored by the conv model)
     * @param channels C of the images
     * @param imageSize S, the side of the images
     * @return a block {@code [z (B, Z)] -> [logits (B, C * S * S)]}
     */
    public Block decoder(int latent, int hidden, int channels, int imageSize) {
        if (this == FC) {
            return mlp(List.of(hidden, hidden, hidden), ActivationKind.TANH,
                    channels * imageSize * imageSize);
        }
        int start = imageSize / CONV_DOWNSAMPLING;
        return new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(UpsamplingDecoder.builder()
                        .setLatentSize(256)
                        .setStartChannels(64)
                        .setStartSize(start, start)
                        .setStageChannels(List.of(64, 32, 32, 32))
                        .setOutputChannels(channels)
                        .optActivation(ActivationKind.RELU)
                        .build())
                .add(flatten());
    }

    /**
     * Returns the name pipelines use.
     *
     * @return "fc" or "conv"
     */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static Block mlp(List<Integer> hidden, ActivationKind activation, int units) {
        return MlpHead.builder().optHiddenSizes(hidden).optActivation(activation)
                .setOutputUnits(units).build();
    }

    private static Block flatten() {
        return new LambdaBlock(x -> new NDList(x.head().reshape(x.head().getShape().get(0), -1)),
                "flatten");
    }
}
