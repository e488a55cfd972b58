package ai.braid.plugin.betavae;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.DatasetReaderFactory;
import java.util.Objects;

/**
 * The dataset reader {@value #NAME}: all 737,280 dSprites images, rendered from their factors
 * on demand (see {@link DSpritesReader}); no files are needed.
 *
 * <pre>
 * data: { reader: dsprites, validation: 5000, test: 5000, trainLimit: 0, seed: 7 }
 * </pre>
 */
public final class DSpritesReaderFactory implements DatasetReaderFactory {

    /** The name pipeline files use. */
    public static final String NAME = "dsprites";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("validation", 5000, 0, 100_000, "images held out for the validation"
                    + " split, drawn by a seeded permutation")
            .addInteger("test", 5000, 0, 100_000, "images held out for the test split")
            .addInteger("trainLimit", 0, 0, DSpritesFactors.COUNT, "largest train split (the"
                    + " first images of the permutation after the held-out ones); 0 = all")
            .addInteger("seed", 7, 0, Integer.MAX_VALUE, "seed of the permutation that assigns"
                    + " images to splits")
            .build();

    /** Creates the factory; the runtime constructs it once per process. */
    public DSpritesReaderFactory() {
        // Nothing to set up: the permutation is built by create().
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "dSprites (image: 64x64 binary Image; targets shape, scale, orientation,"
                + " positionX, positionY), 737,280 images rendered from their factors";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public DatasetReader create(ComponentConfig config) {
        Objects.requireNonNull(config, "config");
        return new DSpritesReader(config.getInt("validation"), config.getInt("test"),
                config.getInt("trainLimit"), config.getLong("seed"));
    }
}
