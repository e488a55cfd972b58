package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.djl.Device;
import ai.djl.engine.Engine;

/** Turns {@code train.device} into an engine device. */
final class DeviceChoice {

    private DeviceChoice() {}

    /**
     * Resolves a device setting.
     *
     * @param setting "auto" (a GPU if the engine sees one, else the CPU), "cpu" or "gpu"
     * @return the device
     * @throws UserInputException if a GPU is required and the engine sees none
     */
    static Device resolve(String setting) {
        Engine engine = Engine.getInstance();
        return switch (setting) {
            case "auto" -> engine.defaultDevice();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new UserInputException("train.device: gpu was asked for, but the "
                            + engine.getEngineName() + " engine sees no GPU; use auto or cpu");
                }
                yield Device.gpu();
            }
            default -> throw new UserInputException("train.device: expected auto, cpu or gpu,"
                    + " got '" + setting + "'");
        };
    }
}
