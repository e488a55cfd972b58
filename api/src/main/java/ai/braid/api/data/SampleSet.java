package ai.braid.api.data;

import java.util.List;

/**
 * A random-access sequence of samples: one split of a dataset.
 *
 * <p>Implementations may build samples on demand (a procedural generator need not hold all of
 * them); {@link #get(int)} must return equal samples for equal indices.
 */
public interface SampleSet {

    /**
     * Returns the number of samples.
     *
     * @return the size
     */
    int size();

    /**
     * Returns one sample.
     *
     * @param index in {@code [0, size())}
     * @return the sample
     */
    Sample get(int index);

    /**
     * Wraps a list.
     *
     * @param samples the samples, copied
     * @return a sample set over them
     */
    static SampleSet of(List<Sample> samples) {
        List<Sample> copy = List.copyOf(samples);
        return new SampleSet() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Sample get(int index) {
                return copy.get(index);
            }
        };
    }
}
