package ai.braid.runtime.pipeline;

import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * The {@code train:} section of a pipeline, validated like a component's options.
 *
 * @param config the validated values
 */
public record TrainSettings(ComponentConfig config) {

    /** The {@code quantization} value that trains plain float weights. */
    public static final String NO_QUANTIZATION = "none";
    /** The {@code quantization} value of quantization-aware training. */
    public static final String INT8_AWARE = "int8-aware";

    /** Every option of the {@code train:} section, with defaults and ranges. */
    public static final OptionSchema SCHEMA = OptionSchema.builder()
            .addInteger("epochs", 10, 0, 1_000_000,
                    "passes over the training split; 0 evaluates the untrained model")
            .addInteger("batch", 32, 1, 1 << 16, "samples per step")
            .addChoice("optimizer", "adamw", List.of("adamw", "adam", "sgd", "adagrad"),
                    "optimizer (adagrad: the beta-VAE paper's, without the fused kernel)")
            .addNumber("lr", 1e-3, 0, 10, "peak learning rate")
            .addNumber("weightDecay", 0.01, 0, 1, "decoupled weight decay (adamw)")
            .addInteger("warmupSteps", 0, 0, Integer.MAX_VALUE, "linear warm-up steps")
            .addChoice("schedule", "cosine", List.of("cosine", "linear", "constant"),
                    "learning-rate decay after warm-up")
            .addNumber("clipNorm", 1.0, 0, 1e6, "clip gradients to this global norm; 0 = off")
            .addInteger("seed", 42, 0, Long.MAX_VALUE, "seed of every random choice")
            .addChoice("device", "auto", List.of("auto", "cpu", "gpu"),
                    "where the model runs; auto picks a GPU when there is one")
            .addInteger("patience", 0, 0, Integer.MAX_VALUE,
                    "epochs without improvement before stopping early; 0 = never")
            .addString("init", "",
                    "another run to start from (its --out folder, checkpoint/ or an epoch"
                            + " folder): its projectors' fitted states (vocabularies) and the"
                            + " parameters of its projectors and fusion, matched by name and"
                            + " shape; the task head starts fresh. Empty: none")
            .addString("selectionMetric", "",
                    "validation metric that picks the best checkpoint; empty = the task's")
            .addChoice("quantization", NO_QUANTIZATION,
                    List.of(NO_QUANTIZATION, INT8_AWARE),
                    "int8-aware: train and validate with fake-quantised int8 Linear and"
                            + " convolution weights (straight-through gradients to float weights)")
            .addChoice("quantizationScheme", "per-channel", List.of("per-channel", "per-tensor"),
                    "int8 scale of each weight: one per output channel or one per tensor")
            .build();

    /** Checks for null. */
    public TrainSettings {
        Objects.requireNonNull(config, "config");
    }

    /**
     * Returns the run a fresh run starts from ({@code init}).
     *
     * @return the path as given, made absolute; empty if not set
     */
    public Optional<Path> init() {
        String init = config.getString("init");
        return init.isEmpty() ? Optional.empty()
                : Optional.of(Path.of(init).toAbsolutePath().normalize());
    }

    /** Passes over the training split. */
    public int epochs() {
        return config.getInt("epochs");
    }

    /** Samples per step. */
    public int batch() {
        return config.getInt("batch");
    }

    /** The seed of every random choice. */
    public long seed() {
        return config.getLong("seed");
    }

    /** "auto", "cpu" or "gpu". */
    public String device() {
        return config.getString("device");
    }

    /** Whether training fake-quantises weights to int8 ({@code quantization: int8-aware}). */
    public boolean quantizationAware() {
        return INT8_AWARE.equals(config.getString("quantization"));
    }

    /** "per-channel" or "per-tensor": how int8 scales are shared within a weight. */
    public String quantizationScheme() {
        return config.getString("quantizationScheme");
    }
}
