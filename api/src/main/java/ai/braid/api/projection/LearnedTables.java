package ai.braid.api.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;

/** Learned embedding tables (word, position, type) and lookups that stay off the model manager. */
final class LearnedTables {

    /** BERT and ViT initialise their embedding tables with this standard deviation. */
    private static final float INIT_STD = 0.02f;

    private LearnedTables() {}

    /**
     * Declares a table initialised from N(0, 0.02^2); the shape may be set later in {@code
     * prepare}.
     */
    static Parameter table(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new NormalInitializer(INIT_STD))
                .build();
    }

    /**
     * Looks rows of a table up; the result belongs to the ids' manager, never the table's, so a
     * step's activations never attach to the model.
     *
     * @param ids integer ids of any shape S
     * @param table (V, D) rows
     * @return (S..., D) rows
     */
    static NDArray lookup(NDArray ids, NDArray table) {
        NDArray longIds =
                ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return longIds.getNDArrayInternal().embedding(longIds, table, SparseFormat.DENSE).head();
    }
}
