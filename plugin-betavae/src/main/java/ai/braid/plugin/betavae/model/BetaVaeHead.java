package ai.braid.plugin.betavae.model;

import ai.braid.api.data.FusedOutput;
import ai.braid.api.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The beta-VAE head: reads the posterior from the fused vector, samples a latent code and
 * decodes it.
 *
 * <p>Input: a {@link FusedOutput} whose {@code pooled (B, 2 Z)} holds the Z means then the Z
 * log-variances. Output, named: {@value #MU} {@code (B, Z)}, {@value #LOG_VARIANCE} {@code (B,
 * Z)} and {@value #RECONSTRUCTION} {@code (B, C * S * S)}, the decoder's pixel logits. In
 * training the decoder sees {@code z = mu + eps * exp(logvar / 2)} with {@code eps ~ N(0, I)}
 * (the reparameterisation trick); in evaluation it sees {@code z = mu}, so evaluation is
 * deterministic.
 */
public final class BetaVaeHead extends AbstractBlock {

    /** The output holding the posterior means. */
    public static final String MU = "mu";
    /** The output holding the posterior log-variances. */
    public static final String LOG_VARIANCE = "logvar";
    /** The output holding the pixel logits. */
    public static final String RECONSTRUCTION = "reconstruction";

    private final int latent;
    private final int pixels;
    private final Block decoder;

    /**
     * Creates the head.
     *
     * @param latent Z
     * @param pixels C * S * S, the decoder's output width
     * @param decoder {@code [z (B, Z)] -> [logits (B, C * S * S)]}
     */
    public BetaVaeHead(int latent, int pixels, Block decoder) {
        this.latent = latent;
        this.pixels = pixels;
        this.decoder = addChildBlock("decoder", decoder);
    }

    /**
     * Decodes latent codes, for pictures such as latent traversals.
     *
     * @param store the parameter store of the model this head belongs to
     * @param z (N, Z) latent codes
     * @return (N, C * S * S) pixel logits
     */
    public NDArray decode(ParameterStore store, NDArray z) {
        return decoder.forward(store, new NDList(z), false).head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = FusedOutput.from(inputs).pooled();
        NDArray mu = pooled.get(new NDIndex(":, :{}", latent));
        NDArray logVariance = pooled.get(new NDIndex(":, {}:", latent));
        NDArray z = mu;
        if (training) {
            NDArray eps = mu.getManager().randomNormal(mu.getShape());
            z = eps.mul(Scalars.mul(logVariance, 0.5f).exp()).add(mu);
        }
        NDArray logits = decoder.forward(store, new NDList(z), training, params).head();
        mu.setName(MU);
        logVariance.setName(LOG_VARIANCE);
        logits.setName(RECONSTRUCTION);
        return new NDList(mu, logVariance, logits);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latent));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, latent), new Shape(batch, latent),
            new Shape(batch, pixels)};
    }
}
