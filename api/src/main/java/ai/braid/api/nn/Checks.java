package ai.braid.api.nn;

import ai.braid.api.UserInputException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** Input checks that turn a wrong shape into a message the user can act on. */
final class Checks {

    private Checks() {
    }

    static void inputCount(String block, NDList inputs, int min, int max, String expected) {
        if (inputs.size() < min || inputs.size() > max) {
            throw new UserInputException(block + " expects " + expected + ", got "
                    + inputs.size() + " arrays");
        }
    }

    static Shape rank(String block, String what, NDArray array, int rank, String expected) {
        Shape shape = array.getShape();
        if (shape.dimension() != rank) {
            throw new UserInputException(block + ": " + what + " must be " + expected + ", got "
                    + shape);
        }
        return shape;
    }

    static void lastAxis(String block, String what, Shape shape, long size) {
        if (shape.get(shape.dimension() - 1) != size) {
            throw new UserInputException(block + ": " + what + " must have last axis " + size
                    + ", got " + shape);
        }
    }

    static void mask(String block, NDArray mask, long batch, long length) {
        Shape shape = mask.getShape();
        if (shape.dimension() != 2 || shape.get(0) != batch || shape.get(1) != length) {
            throw new UserInputException(block + ": mask must be (B, L) = (" + batch + ", "
                    + length + "), got " + shape);
        }
    }

    /** An attention mask: (B, Tk) for the keys of every query, or (B, Tq, Tk) per query. */
    static void attentionMask(String block, NDArray mask, long batch, long queries, long keys) {
        Shape shape = mask.getShape();
        boolean perKey = shape.dimension() == 2 && shape.get(0) == batch && shape.get(1) == keys;
        boolean perQuery = shape.dimension() == 3 && shape.get(0) == batch
                && shape.get(1) == queries && shape.get(2) == keys;
        if (!perKey && !perQuery) {
            throw new UserInputException(block + ": mask must be (B, Tk) = (" + batch + ", "
                    + keys + ") or (B, Tq, Tk) = (" + batch + ", " + queries + ", " + keys
                    + "), got " + shape);
        }
    }

    static int positive(String option, int value) {
        if (value <= 0) {
            throw new UserInputException(option + " must be a positive integer, got " + value);
        }
        return value;
    }

    static float rate(String option, float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new UserInputException(option + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
