package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a latent vector into an image without transposed convolutions (which the PyTorch
 * engine does not implement).
 *
 * <pre>
 * z (B, Z) -&gt; Linear -&gt; reshape (B, C0, h0, w0) -&gt; activation
 *   -&gt; per stage i: nearest upsample x2 -&gt; Conv2d 3x3 (padding 1, C_i filters) -&gt; activation
 *   -&gt; Conv2d 3x3 (padding 1, C filters)
 * </pre>
 *
 * <p>Input {@code [z (B, Z)]}; output {@code [logits (B, C, h0 * 2^k, w0 * 2^k)]} for k stages,
 * with no output activation (apply sigmoid or softmax in the loss). Nearest upsampling repeats
 * every pixel twice along height and width.
 */
public final class UpsamplingDecoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "UpsamplingDecoder";

    private final int latentSize;
    private final int startChannels;
    private final int startHeight;
    private final int startWidth;
    private final int outputChannels;
    private final ActivationKind activation;
    private final Linear project;
    private final List<Conv2d> stages;
    private final Conv2d output;

    private UpsamplingDecoder(Builder builder) {
        super(VERSION);
        this.latentSize = builder.latentSize;
        this.startChannels = builder.startChannels;
        this.startHeight = builder.startHeight;
        this.startWidth = builder.startWidth;
        this.outputChannels = builder.outputChannels;
        this.activation = builder.activation;
        this.project = addChildBlock("project", Linear.builder()
                .setUnits((long) startChannels * startHeight * startWidth).build());
        List<Conv2d> convs = new ArrayList<>();
        for (int i = 0; i < builder.stageChannels.size(); i++) {
            convs.add(addChildBlock("stage" + i, conv(builder.stageChannels.get(i))));
        }
        this.stages = List.copyOf(convs);
        this.output = addChildBlock("output", conv(outputChannels));
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    /**
     * Starts a builder.
     *
     * @return a builder; every {@code set} option is required
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Checks.inputCount(NAME, inputs, 1, 1, "[z (B, Z)]");
        NDArray z = inputs.head();
        Shape shape = Checks.rank(NAME, "z", z, 2, "(B, Z)");
        Checks.lastAxis(NAME, "z", shape, latentSize);
        NDArray x = project.forward(store, new NDList(z), training, params).head()
                .reshape(shape.get(0), startChannels, startHeight, startWidth);
        x = activation.apply(x);
        for (Conv2d stage : stages) {
            NDArray upsampled = upsample(x);
            x = activation.apply(stage.forward(store, new NDList(upsampled), training, params).head());
        }
        return output.forward(store, new NDList(x), training, params);
    }

    /** Nearest-neighbour x2: (B, C, h, w) -> (B, C, 2h, 2w), each pixel a 2x2 block. */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        project.initialize(manager, dataType, inputShapes[0]);
        long batch = inputShapes[0].get(0);
        Shape shape = new Shape(batch, startChannels, startHeight, startWidth);
        for (Conv2d stage : stages) {
            Shape upsampled = new Shape(batch, shape.get(1), shape.get(2) * 2, shape.get(3) * 2);
            stage.initialize(manager, dataType, upsampled);
            shape = stage.getOutputShapes(new Shape[] {upsampled})[0];
        }
        output.initialize(manager, dataType, shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long scale = 1L << stages.size();
        return new Shape[] {
            new Shape(inputShapes[0].get(0), outputChannels, startHeight * scale, startWidth * scale)
        };
    }

    /** Builds an {@link UpsamplingDecoder}. */
    public static final class Builder {

        private int latentSize;
        private int startChannels;
        private int startHeight;
        private int startWidth;
        private List<Integer> stageChannels;
        private int outputChannels;
        private ActivationKind activation = ActivationKind.RELU;

        private Builder() {
        }

        /**
         * Sets the latent width Z of the input.
         *
         * @param latentSize Z
         * @return this builder
         */
        public Builder setLatentSize(int latentSize) {
            this.latentSize = Checks.positive("decoder latent size", latentSize);
            return this;
        }

        /**
         * Sets the channels C0 of the first feature map.
         *
         * @param startChannels C0
         * @return this builder
         */
        public Builder setStartChannels(int startChannels) {
            this.startChannels = Checks.positive("decoder start channels", startChannels);
            return this;
        }

        /**
         * Sets the height and width of the first feature map.
         *
         * @param height h0
         * @param width w0
         * @return this builder
         */
        public Builder setStartSize(int height, int width) {
            this.startHeight = Checks.positive("decoder start height", height);
            this.startWidth = Checks.positive("decoder start width", width);
            return this;
        }

        /**
         * Sets the output channels of each upsampling stage; each stage doubles height and
         * width.
         *
         * @param stageChannels C_1 .. C_k, possibly empty
         * @return this builder
         */
        public Builder setStageChannels(List<Integer> stageChannels) {
            for (Integer channels : stageChannels) {
                Checks.positive("decoder stage channels",
                        Objects.requireNonNull(channels, "stage channels"));
            }
            this.stageChannels = List.copyOf(stageChannels);
            return this;
        }

        /**
         * Sets the channels C of the output logits.
         *
         * @param outputChannels C, for example 1 for a grey image or 3 for RGB
         * @return this builder
         */
        public Builder setOutputChannels(int outputChannels) {
            this.outputChannels = Checks.positive("decoder output channels", outputChannels);
            return this;
        }

        /**
         * Sets the non-linearity after the projection and after each stage.
         *
         * @param activation default {@link ActivationKind#RELU}
         * @return this builder
         */
        public Builder optActivation(ActivationKind activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * Builds the decoder.
         *
         * @return a new, uninitialised decoder
         * @throws UserInputException if a required option is unset
         */
        public UpsamplingDecoder build() {
            Checks.positive("decoder latent size", latentSize);
            Checks.positive("decoder start channels", startChannels);
            Checks.positive("decoder start height", startHeight);
            Checks.positive("decoder start width", startWidth);
            Checks.positive("decoder output channels", outputChannels);
            if (stageChannels == null) {
                throw new UserInputException("decoder stage channels must be set (may be empty)");
            }
            return new UpsamplingDecoder(this);
        }
    }
}
