package ai.braid.runtime.builtin;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.projection.WordPieceProjector;
import ai.braid.api.spi.ModalityProjector;
import ai.braid.api.spi.ModalityProjectorFactory;

/**
 * Text projector: a WordPiece vocabulary fitted to the training texts, BERT tokenization with
 * [CLS] and [SEP], learned word, position and type embeddings; see {@link WordPieceProjector}.
 */
public final class WordPieceProjectorFactory implements ModalityProjectorFactory {

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addInteger("dim", 64, 1, 1 << 16, "token width")
            .addInteger("maxLength", 32, 2, 4096,
                    "longest token sequence, [CLS] and [SEP] included; longer texts are cut")
            .addInteger("minFrequency", 2, 1, Integer.MAX_VALUE,
                    "training occurrences a whole word needs to get a token of its own")
            .addBoolean("lowercase", true, "lower-case texts before tokenizing")
            .addInteger("suffixes", 0, 0, 1_000_000,
                    "how many frequent word endings become ## pieces (0: characters only)")
            .addBoolean("layerNorm", true, "normalise each token embedding (BERT)")
            .addNumber("dropout", 0.1, 0, 0.9, "dropout on the token embeddings in training")
            .build();

    @Override
    public String name() {
        return "wordpiece";
    }

    @Override
    public String description() {
        return "texts to WordPiece token embeddings, vocabulary fitted to the training split";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public ModalityProjector create(ComponentConfig config, Modality modality) {
        return WordPieceProjector.builder()
                .setDim(config.getInt("dim"))
                .setMaxLength(config.getInt("maxLength"))
                .optMinFrequency(config.getInt("minFrequency"))
                .optLowerCase(config.getBoolean("lowercase"))
                .optSuffixes(config.getInt("suffixes"))
                .optLayerNorm(config.getBoolean("layerNorm"))
                .optDropout(config.getFloat("dropout"))
                .build();
    }
}
