package ai.braid.plugin.pcme.index;

import ai.braid.api.UserInputException;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.braid.plugin.pcme.similarity.Similarity;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;

/** Checks and array plumbing the indexes share. */
final class IndexSupport {

    private IndexSupport() {}

    /**
     * Checks that a gallery can be indexed for a similarity.
     *
     * @throws UserInputException if the gallery is empty or lacks the sigma the similarity needs
     */
    static void checkGallery(GaussianSet gallery, Similarity similarity) {
        Objects.requireNonNull(gallery, "gallery");
        Objects.requireNonNull(similarity, "similarity");
        if (gallery.size() == 0) {
            throw new UserInputException("an index needs at least one gallery item, got none");
        }
        if (gallery.size() > Integer.MAX_VALUE) {
            throw new UserInputException("an index holds at most " + Integer.MAX_VALUE
                    + " gallery items, got " + gallery.size());
        }
        if (similarity.needsSigma() && gallery.logSigma() == null) {
            throw new UserInputException("similarity '" + similarity.name()
                    + "' reads sigma, but the gallery has none (deterministic embeddings)");
        }
    }

    /**
     * Checks a search's queries and k against an index.
     *
     * @throws UserInputException if k is not 1 to G, D differs or sigma is needed and missing
     */
    static void checkSearch(GalleryIndex index, GaussianSet queries, int k) {
        Objects.requireNonNull(queries, "queries");
        if (k < 1 || k > index.size()) {
            throw new UserInputException("k must be 1 to the gallery size " + index.size()
                    + ", got " + k);
        }
        if (queries.dimension() != index.dimension()) {
            throw new UserInputException("queries have dimension " + queries.dimension()
                    + ", the gallery " + index.dimension());
        }
        if (index.similarity().needsSigma() && queries.logSigma() == null) {
            throw new UserInputException("similarity '" + index.similarity().name()
                    + "' reads sigma, but the queries have none (deterministic embeddings)");
        }
        if (queries.size() > Integer.MAX_VALUE) {
            throw new UserInputException("at most " + Integer.MAX_VALUE
                    + " queries per search, got " + queries.size());
        }
    }

    /**
     * Returns rows {@code [from, to)} of a set on a manager's device, owned by that manager, so
     * that closing the manager frees them and everything computed from them.
     *
     * @param set the embeddings (N, D)
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @param manager the owner; its device is where the rows go
     * @return (to - from, D) rows
     */
    static GaussianSet rowsOn(GaussianSet set, long from, long to, NDManager manager) {
        GaussianSet rows = set.rows(from, to);
        NDArray logSigma = rows.logSigma() == null ? null : own(rows.logSigma(), manager);
        return new GaussianSet(own(rows.mu(), manager), logSigma);
    }

    /** Moves an array onto a manager (and its device) so that the manager closes it. */
    static NDArray own(NDArray array, NDManager manager) {
        array.attach(manager);
        NDArray moved = array.toDevice(manager.getDevice(), false);
        if (moved != array) {
            moved.attach(manager);
        }
        return moved;
    }
}
