package ai.braid.runtime.engine.quant;

import ai.braid.api.UserInputException;
import java.util.Arrays;

/** How the int8 scales of a weight are shared: one per output channel or one per tensor. */
public enum QuantizationScheme {

    /** One scale per output channel (axis 0 of a Linear or convolution weight). */
    PER_CHANNEL("per-channel"),
    /** One scale for the whole weight. */
    PER_TENSOR("per-tensor");

    private final String label;

    QuantizationScheme(String label) {
        this.label = label;
    }

    /**
     * Returns the name pipelines use ({@code train.quantizationScheme}).
     *
     * @return "per-channel" or "per-tensor"
     */
    public String label() {
        return label;
    }

    /**
     * Finds a scheme by its pipeline name.
     *
     * @param label "per-channel" or "per-tensor"
     * @return the scheme
     * @throws UserInputException if the name is neither
     */
    public static QuantizationScheme of(String label) {
        return Arrays.stream(values()).filter(scheme -> scheme.label.equals(label)).findFirst()
                .orElseThrow(() -> new UserInputException("unknown quantization scheme '" + label
                        + "'; expected per-channel or per-tensor"));
    }
}
