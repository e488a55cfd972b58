package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.SampleSet;
import ai.braid.api.spi.ModalityProjector;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the projectors learn from the training split (vocabularies and the like): fitting each
 * distinct projector once on every modality it serves, and its state keyed by the first of
 * those modalities, so that a checkpoint is complete without the training data.
 */
final class FittedProjectors {

    private FittedProjectors() {}

    /**
     * Fits each distinct projector once on the training values of every modality it serves, so
     * a projector shared by text and OCR sees both; except those another run saved a state for
     * ({@code train.init}, {@code projectors.<modality>.init}): they take over that state, so a
     * fine-tuning run reads word pieces with the ids its starting point learned.
     *
     * @param inherited fitted states by modality name; a projector takes the state of the
     *     first modality it serves that has one, and fits if every one is missing or empty
     *     (the source's projector learnt nothing from its data)
     * @throws UserInputException if an inherited state is not one this projector can read
     */
    static void fit(Map<Modality, ModalityProjector> projectors, SampleSet train,
            Map<String, byte[]> inherited) {
        served(projectors).forEach((projector, modalities) -> {
            Modality source = modalities.stream()
                    .filter(m -> inherited.getOrDefault(m.name(), new byte[0]).length > 0)
                    .findFirst().orElse(null);
            if (source != null) {
                restore(projector, source, inherited.get(source.name()),
                        "the run this one starts from (train.init or projectors." + source
                                + ".init)");
            } else {
                projector.fit(inputs(train, modalities, projector.inputType()));
            }
        });
    }

    /** Each distinct projector's fitted state, keyed by the first modality it serves. */
    static Map<String, byte[]> states(Map<Modality, ModalityProjector> projectors) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        served(projectors).forEach((projector, modalities) ->
                states.put(modalities.get(0).name(), projector.fittedState()));
        return states;
    }

    /**
     * Restores every distinct projector from saved states.
     *
     * @throws UserInputException if a projector has no saved state or one it cannot read
     */
    static void restore(Map<Modality, ModalityProjector> projectors, Map<String, byte[]> states,
            Path checkpoint) {
        served(projectors).forEach((projector, modalities) -> {
            Modality modality = modalities.get(0);
            byte[] state = states.get(modality.name());
            if (state == null) {
                throw new UserInputException(checkpoint + " holds no fitted state for the"
                        + " projector of '" + modality + "'; it has " + states.keySet()
                        + ". Was it trained with this pipeline?");
            }
            restore(projector, modality, state, checkpoint.toString());
        });
    }

    private static void restore(ModalityProjector projector, Modality modality, byte[] state,
            String source) {
        try {
            projector.restoreFittedState(state);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": the fitted state saved for '" + modality
                    + "' does not fit this pipeline's projector of '" + modality + "' ("
                    + e.getMessage() + "); was it written by the same kind of projector?");
        }
    }

    /** Each distinct projector with the modalities it serves, in fusion order. */
    private static Map<ModalityProjector, List<Modality>> served(
            Map<Modality, ModalityProjector> projectors) {
        Map<ModalityProjector, List<Modality>> served = new IdentityHashMap<>();
        projectors.forEach((modality, projector) ->
                served.computeIfAbsent(projector, p -> new ArrayList<>()).add(modality));
        return served;
    }

    /** A view of the values of some modalities, modality after modality, without copying. */
    private static List<Object> inputs(
            SampleSet samples, List<Modality> modalities, Class<?> type) {
        int size = samples.size();
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return samples.get(index % size).input(modalities.get(index / size), type);
            }

            @Override
            public int size() {
                return size * modalities.size();
            }
        };
    }
}
