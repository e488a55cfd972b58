package ai.braid.runtime.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the available name nearest to a misspelt one. */
public final class NameSuggester {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private NameSuggester() {}

    /**
     * Returns the nearest candidate if it is close enough to be a likely typo: at most a third
     * of the longer name's characters differ (at least one edit is allowed).
     *
     * @param wrong the name the user wrote
     * @param candidates the names that exist
     * @return the suggestion, or empty
     */
    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(wrong, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(wrong, candidate)
                        <= Math.max(1, Math.max(wrong.length(), candidate.length()) / 3));
    }

    /**
     * Formats "unknown X 'y'. Did you mean 'z'? Available: a, b, z".
     *
     * @param what what kind of name, e.g. "fusion"
     * @param wrong the name the user wrote
     * @param candidates the names that exist
     * @return the message
     */
    public static String unknown(String what, String wrong, Collection<String> candidates) {
        return unknown(what, wrong, candidates, "Available",
                "None is available: is the plugin that provides it installed?");
    }

    /**
     * Formats "unknown X 'y'. Did you mean 'z'? LABEL: a, b, z", or ends with {@code ifNone}
     * when there are no candidates.
     *
     * @param what what kind of name
     * @param wrong the name the user wrote
     * @param candidates the names that exist
     * @param label how to introduce the candidates, e.g. "Expected one of"
     * @param ifNone the sentence used when there are no candidates
     * @return the message
     */
    public static String unknown(
            String what, String wrong, Collection<String> candidates, String label,
            String ifNone) {
        StringBuilder text = new StringBuilder("unknown ").append(what).append(" '")
                .append(wrong).append("'.");
        nearest(wrong, candidates).ifPresent(name ->
                text.append(" Did you mean '").append(name).append("'?"));
        text.append(' ').append(candidates.isEmpty()
                ? ifNone
                : label + ": " + String.join(", ", candidates));
        return text.toString();
    }

    private static int distance(String a, String b) {
        return DISTANCE.apply(a.toLowerCase(), b.toLowerCase());
    }
}
