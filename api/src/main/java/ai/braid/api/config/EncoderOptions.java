package ai.braid.api.config;

import ai.braid.api.UserInputException;
import ai.braid.api.nn.TokenPooling;

import java.util.Arrays;
import java.util.List;

/**
 * The options every transformer-style encoder component shares: {@code dim}, {@code layers},
 * {@code heads}, {@code ffnDim}, {@code dropout} and {@code pooling}. A factory declares them
 * with {@link #declare} and reads them with {@link #read}, which also checks what a schema
 * cannot: that the heads divide the width.
 *
 * @param dim width of the tokens, a multiple of {@code heads}
 * @param layers number of encoder layers
 * @param heads attention heads per layer
 * @param ffnDim inner width of the feed-forward networks, resolved (never 0)
 * @param dropout dropout rate on the residual branches and in the feed-forward networks
 * @param pooling how the last layer becomes the pooled vector
 */
public record EncoderOptions(
        int dim, int layers, int heads, int ffnDim, float dropout, TokenPooling pooling) {

    private static final List<String> POOLINGS =
            Arrays.stream(TokenPooling.values()).map(TokenPooling::optionValue).toList();

    /**
     * Declares the six options, in the order above, with their defaults: dim 64, layers 2,
     * heads 4, ffnDim 0 (meaning 4 * dim), dropout 0.1, pooling cls.
     *
     * @param schema the component's schema under construction
     * @return the same builder, for further options
     */
    public static OptionSchema.Builder declare(OptionSchema.Builder schema) {
        return schema
                .addInteger("dim", 64, 1, 1 << 16, "width of the fused tokens, a multiple of heads")
                .addInteger("layers", 2, 1, 48, "number of encoder layers")
                .addInteger("heads", 4, 1, 256, "attention heads per layer; must divide dim")
                .addInteger("ffnDim", 0, 0, 1 << 18,
                        "inner width of the feed-forward networks; 0: 4 * dim")
                .addNumber("dropout", 0.1, 0, 0.99,
                        "dropout on the residual branches and in the FFN")
                .addChoice("pooling", TokenPooling.CLS.optionValue(), POOLINGS, "the pooled"
                        + " vector: cls, the final fusion [CLS] token; mean, the mean of every"
                        + " real token of the last layer");
    }

    /**
     * Reads the options {@link #declare} declared.
     *
     * @param config the component's validated options
     * @return the options, {@code ffnDim} resolved
     * @throws UserInputException naming {@code heads} if the heads do not divide {@code dim}
     */
    public static EncoderOptions read(ComponentConfig config) {
        int dim = config.getInt("dim");
        int heads = config.getInt("heads");
        if (dim % heads != 0) {
            throw new UserInputException(config.where("heads") + ": " + heads
                    + " heads do not divide dim = " + dim + "; choose heads so that dim / heads"
                    + " is a whole number");
        }
        int ffnDim = config.getInt("ffnDim") == 0 ? 4 * dim : config.getInt("ffnDim");
        return new EncoderOptions(dim, config.getInt("layers"), heads, ffnDim,
                config.getFloat("dropout"), TokenPooling.fromOption(config.getString("pooling")));
    }
}
