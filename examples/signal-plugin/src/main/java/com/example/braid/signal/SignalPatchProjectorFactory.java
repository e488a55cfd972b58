package com.example.braid.signal;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;
import java.util.Objects;

/**
 * The modality projector {@value #NAME}: cuts 1-D signals into patches and embeds each patch as
 * a token.
 *
 * <pre>
 * projectors:
 *   signal: { name: signal-patches, patch: 8, dim: 32 }
 * </pre>
 *
 * <p>Options: {@code patch} (default 8), the number of values per token; {@code dim} (default
 * 32), the token embedding width.
 */
public final class SignalPatchProjectorFactory implements ModalityProjectorFactory {

    /** The name pipeline files use. */
    public static final String NAME = "signal-patches";
    /** The option giving the patch length. */
    public static final String PATCH = "patch";
    /** The option giving the embedding width. */
    public static final String DIM = "dim";

    private static final int MAX = 4096;
    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger(PATCH, 8, 1, MAX, "values per patch token; a remainder shorter than"
                    + " a patch is dropped")
            .addInteger(DIM, 32, 1, MAX, "width of the token embeddings")
            .build();

    /** Creates the factory; the runtime constructs it once per process. */
    public SignalPatchProjectorFactory() {
        // Nothing to set up: factories must be cheap, they are built for 'braid plugins' too.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "1-D signals (float[]) as tokens: non-overlapping patches, a linear embedding"
                + " with GELU and learned positions";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public ModalityProjector create(ComponentConfig config, Modality modality) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(modality, "modality");
        // The runtime has range-checked both options against the schema.
        return new SignalPatchProjector(modality, config.getInt(PATCH), config.getInt(DIM));
    }
}
