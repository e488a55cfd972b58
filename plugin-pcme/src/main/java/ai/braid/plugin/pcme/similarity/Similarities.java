package ai.braid.plugin.pcme.similarity;

import ai.braid.api.UserInputException;
import java.util.List;
import java.util.Objects;

/**
 * Chooses a {@link Similarity} by the name a pipeline or command line gives.
 *
 * <p>The names are {@value MuSimilarity#NAME}, {@value WassersteinSimilarity#NAME},
 * {@value ElkSimilarity#NAME}, {@value KlSimilarity#NAME}, {@value SymmetricKlSimilarity#NAME},
 * {@value BhattacharyyaSimilarity#NAME}, {@value MatchProbabilitySimilarity#NAME} and
 * {@value CsdSimilarity#NAME}.
 */
public final class Similarities {

    private static final List<String> NAMES = List.of(MuSimilarity.NAME,
            WassersteinSimilarity.NAME, ElkSimilarity.NAME, KlSimilarity.NAME,
            SymmetricKlSimilarity.NAME, BhattacharyyaSimilarity.NAME,
            MatchProbabilitySimilarity.NAME, CsdSimilarity.NAME);

    private Similarities() {}

    /**
     * Returns every valid name.
     *
     * @return the names, in a fixed order
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Returns a closed-form similarity by name.
     *
     * @param name one of {@link #names()} other than {@value MatchProbabilitySimilarity#NAME}
     * @return the similarity
     * @throws UserInputException if the name is unknown, or is {@value
     *     MatchProbabilitySimilarity#NAME}, which needs {@link #of(String,
     *     MatchProbabilityParameters)}
     */
    public static Similarity of(String name) {
        return of(name, null);
    }

    /**
     * Returns a similarity by name.
     *
     * @param name one of {@link #names()}
     * @param matchProbability the match head's parameters; read only by {@value
     *     MatchProbabilitySimilarity#NAME}, and may be null for the others
     * @return the similarity
     * @throws UserInputException if the name is unknown, or names match-prob without
     *     parameters
     */
    public static Similarity of(String name, MatchProbabilityParameters matchProbability) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case MuSimilarity.NAME:
                return new MuSimilarity();
            case WassersteinSimilarity.NAME:
                return new WassersteinSimilarity();
            case ElkSimilarity.NAME:
                return new ElkSimilarity();
            case KlSimilarity.NAME:
                return new KlSimilarity();
            case SymmetricKlSimilarity.NAME:
                return new SymmetricKlSimilarity();
            case BhattacharyyaSimilarity.NAME:
                return new BhattacharyyaSimilarity();
            case CsdSimilarity.NAME:
                return new CsdSimilarity();
            case MatchProbabilitySimilarity.NAME:
                if (matchProbability == null) {
                    throw new UserInputException("similarity '" + name + "' needs the match "
                            + "head's scale a, shift b, samples J and seed");
                }
                return new MatchProbabilitySimilarity(matchProbability);
            default:
                throw new UserInputException("unknown similarity '" + name + "'; expected one of "
                        + String.join(", ", NAMES));
        }
    }
}
