package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.ModalityProjector;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the projectors learned from the training split (vocabularies and the like), keyed by
 * the first modality each distinct projector serves, so that a checkpoint is complete without
 * the training data.
 */
final class FittedProjectors {

    private FittedProjectors() {}

    /** Each distinct projector's fitted state, keyed by the first modality it serves. */
    static Map<String, byte[]> states(Map<Modality, ModalityProjector> projectors) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        distinct(projectors).forEach((modality, projector) ->
                states.put(modality.name(), projector.fittedState()));
        return states;
    }

    /**
     * Restores every distinct projector from saved states.
     *
     * @throws UserInputException if a projector has no saved state
     */
    static void restore(Map<Modality, ModalityProjector> projectors, Map<String, byte[]> states,
            Path checkpoint) {
        distinct(projectors).forEach((modality, projector) -> {
            byte[] state = states.get(modality.name());
            if (state == null) {
                throw new UserInputException(checkpoint + " holds no fitted state for the projector of"
                        + " '" + modality + "'; it has " + states.keySet() + ". Was it trained"
                        + " with this pipeline?");
            }
            projector.restoreFittedState(state);
        });
    }

    private static Map<Modality, ModalityProjector> distinct(
            Map<Modality, ModalityProjector> projectors) {
        Map<ModalityProjector, Modality> first = new IdentityHashMap<>();
        Map<Modality, ModalityProjector> distinct = new LinkedHashMap<>();
        projectors.forEach((modality, projector) -> {
            if (first.putIfAbsent(projector, modality) == null) {
                distinct.put(modality, projector);
            }
        });
        return distinct;
    }
}
