package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.UserInputException;
import ai.braid.api.data.FusedOutput;
import ai.braid.api.data.Modality;
import ai.braid.api.nn.Scalars;
import ai.braid.api.objective.LogitScale;
import ai.braid.plugin.ssesf.fusion.MultiwayFusionBlock;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The head of image-text pre-training: from the multiway fusion's pre-training outputs (see
 * {@link MultiwayFusionBlock}) to what the ITC, ITM and MLM objectives read.
 *
 * <p>Input: a {@link FusedOutput} as an {@link NDList} with the extras {@code unimodal.<a>},
 * {@code unimodal.<b>}, {@code negative.pooled} and, with MLM, {@code mlm.hidden}, {@code
 * mlm.tokens} and {@code mlm.valid}. Outputs, by name:
 *
 * <ul>
 *   <li>{@value #ITC_A} (B, P), {@value #ITC_B} (B, P): the two modalities' unimodal vectors,
 *       through a Linear of width P each when a projection is set (else P = D, the vectors
 *       themselves, so ITC aligns the very space the fusion draws hard negatives from); the
 *       contrastive loss L2-normalises them;
 *   <li>{@value #LOGIT_SCALE} (1): ITC's learned inverse temperature ({@link LogitScale});
 *   <li>{@value #ITM_LOGITS} (B, 2, 2): a Linear classifier of the matched pair's fused vector
 *       ({@code [:, 0, :]}) and of the hard-negative pair's ({@code [:, 1, :]}); class 1 =
 *       match;
 *   <li>with MLM, {@value #MLM_LOGITS} (B, K, B K): for each masked slot, {@code s cos(W h,
 *       e_c)} against the fused input tokens e_c of all B K slots of the batch (W a learned
 *       D x D map, s a second learned scale), the in-batch sampled softmax of {@link
 *       MaskedTokenLoss}; {@value #MLM_POSITIVES} (B, K, B K): 1 where slot c holds the same
 *       input token as the row's slot (the same word piece at the same position, as the
 *       projector's embedding includes the position; both slots used), 0 elsewhere; {@value
 *       #MLM_VALID} (B, K): 1 for a used slot.
 * </ul>
 */
public final class PretrainingHead extends AbstractBlock {

    /** First modality's ITC vectors. */
    public static final String ITC_A = "itc_a";
    /** Second modality's ITC vectors. */
    public static final String ITC_B = "itc_b";
    /** ITC's learned logit scale. */
    public static final String LOGIT_SCALE = LogitScale.DEFAULT_OUTPUT;
    /** ITM logits of the matched and the hard-negative pair. */
    public static final String ITM_LOGITS = "itm_logits";
    /** MLM logits against the batch's masked input tokens. */
    public static final String MLM_LOGITS = "mlm_logits";
    /** Which candidates are correct answers of each masked slot. */
    public static final String MLM_POSITIVES = "mlm_positives";
    /** Which masked slots are used. */
    public static final String MLM_VALID = "mlm_valid";

    private static final byte VERSION = 1;
    private static final String MLM_SCALE = "mlm_logit_scale";
    /**
     * Two input tokens are the same when their squared distance is below this share of their
     * squared norms: far above double rounding, far below the distance of any two different
     * embedding rows.
     */
    private static final double SAME_TOKEN_TOLERANCE = 1e-9;
    private static final float MIN_SQUARED_NORM = 1e-24f;

    private final Modality first;
    private final Modality second;
    private final boolean mlm;
    private final Linear projectionA;
    private final Linear projectionB;
    private final LogitScale itcScale;
    private final Linear itm;
    private final Linear mlmQuery;
    private final LogitScale mlmScale;

    /**
     * Creates the head.
     *
     * @param first modality a of ITC
     * @param second modality b of ITC
     * @param dim D, the fusion's width
     * @param projection P, the width of the ITC projections; 0 for none
     * @param temperature ITC's initial temperature
     * @param mlm whether the head reads the fusion's MLM outputs
     * @param mlmTemperature the initial temperature of the MLM softmax
     */
    public PretrainingHead(Modality first, Modality second, int dim, int projection,
            float temperature, boolean mlm, float mlmTemperature) {
        super(VERSION);
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        if (first.equals(second)) {
            throw new IllegalArgumentException("ITC needs two different modalities, got "
                    + first + " twice");
        }
        this.mlm = mlm;
        this.projectionA = projection > 0
                ? addChildBlock("itcProjectionA", Linear.builder().setUnits(projection).build())
                : null;
        this.projectionB = projection > 0
                ? addChildBlock("itcProjectionB", Linear.builder().setUnits(projection).build())
                : null;
        this.itcScale = addChildBlock("itcScale", new LogitScale(LOGIT_SCALE, temperature));
        this.itm = addChildBlock("itm", Linear.builder().setUnits(2).build());
        this.mlmQuery = mlm
                ? addChildBlock("mlmQuery", Linear.builder().setUnits(dim).build())
                : null;
        this.mlmScale = mlm
                ? addChildBlock("mlmScale", new LogitScale(MLM_SCALE, mlmTemperature))
                : null;
    }

    /**
     * Returns the names of the outputs, in their order.
     *
     * @return the names
     */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(List.of(ITC_A, ITC_B, LOGIT_SCALE, ITM_LOGITS));
        if (mlm) {
            names.addAll(List.of(MLM_LOGITS, MLM_POSITIVES, MLM_VALID));
        }
        return names;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        FusedOutput fused = FusedOutput.from(inputs);
        NDArray a = itcVector(store, projectionA,
                extra(fused, MultiwayFusionBlock.UNIMODAL + first.name()), training, params);
        NDArray b = itcVector(store, projectionB,
                extra(fused, MultiwayFusionBlock.UNIMODAL + second.name()), training, params);
        NDArray scale = itcScale.forward(store, new NDList(a), training, params).get(1);
        NDArray pairs = NDArrays.stack(new NDList(fused.pooled(),
                extra(fused, MultiwayFusionBlock.NEGATIVE_POOLED)), 1);
        NDArray itmLogits = itm.forward(store, new NDList(pairs), training, params).head();
        NDList outputs = new NDList(named(a, ITC_A), named(b, ITC_B), named(scale, LOGIT_SCALE),
                named(itmLogits, ITM_LOGITS));
        if (mlm) {
            outputs.addAll(maskedTokens(store, fused, training, params));
        }
        return outputs;
    }

    private NDArray itcVector(ParameterStore store, Linear projection, NDArray unimodal,
            boolean training, PairList<String, Object> params) {
        if (projection == null) {
            // a view, so naming it leaves the fusion's array as it was
            return unimodal.reshape(unimodal.getShape());
        }
        return projection.forward(store, new NDList(unimodal), training, params).head();
    }

    /** {@value #MLM_LOGITS}, {@value #MLM_POSITIVES} and {@value #MLM_VALID}. */
    private NDList maskedTokens(ParameterStore store, FusedOutput fused, boolean training,
            PairList<String, Object> params) {
        NDArray hidden = extra(fused, MultiwayFusionBlock.MLM_HIDDEN);
        NDArray tokens = extra(fused, MultiwayFusionBlock.MLM_TOKENS).stopGradient();
        NDArray valid = extra(fused, MultiwayFusionBlock.MLM_VALID);
        Shape shape = hidden.getShape();
        long batch = shape.get(0);
        long slots = shape.get(1);
        long count = batch * slots;
        NDArray query = mlmQuery.forward(store, new NDList(hidden), training, params).head()
                .reshape(count, shape.get(2));
        NDArray candidates = normalized(tokens.reshape(count, shape.get(2)));
        NDArray scale = mlmScale.forward(store, new NDList(query), training, params).get(1);
        NDArray logits = normalized(query).matMul(candidates.transpose()).mul(scale)
                .reshape(batch, slots, count);
        NDArray positives = sameTokens(tokens.reshape(count, shape.get(2)),
                valid.reshape(count)).reshape(batch, slots, count);
        return new NDList(named(logits, MLM_LOGITS), named(positives, MLM_POSITIVES),
                named(valid.reshape(valid.getShape()), MLM_VALID));
    }

    /**
     * Marks the pairs of used slots that hold the same input token.
     *
     * @param tokens (N, D) input tokens, without gradient
     * @param valid (N) 1 for a used slot
     * @return (N, N) 1 where both slots are used and their tokens equal
     */
    static NDArray sameTokens(NDArray tokens, NDArray valid) {
        long count = tokens.getShape().get(0);
        // In double precision, so that rounding stays far below the tolerance.
        NDArray rows = tokens.toType(DataType.FLOAT64, false);
        NDArray squared = rows.square().sum(new int[] {1}, true);
        NDArray sums = squared.add(squared.transpose());
        NDArray distance = sums.sub(rows.matMul(rows.transpose()).mul(2.0));
        NDArray same = distance.lte(sums.mul(SAME_TOKEN_TOLERANCE))
                .toType(tokens.getDataType(), false);
        NDArray used = valid.toType(tokens.getDataType(), false);
        return same.mul(used.reshape(count, 1)).mul(used.reshape(1, count));
    }

    private static NDArray normalized(NDArray x) {
        return x.div(Scalars.maximum(x.square().sum(new int[] {1}, true), MIN_SQUARED_NORM)
                .sqrt());
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static NDArray extra(FusedOutput fused, String name) {
        return fused.findExtra(name).orElseThrow(() -> new UserInputException("task"
                + " image-text-pretraining reads the fusion output '" + name + "', which the"
                + " fusion does not give; use fusion 'multiway' with 'pretraining: [a, b]'"
                + (name.startsWith("mlm.") ? " and 'mlm: <modality>' (or task 'mlm: false')"
                        : " naming this task's pair")
                + "; the fusion gives " + fused.extras().keySet()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape pooled = inputShapes[0];
        long batch = pooled.get(0);
        if (projectionA != null) {
            projectionA.initialize(manager, dataType, pooled);
            projectionB.initialize(manager, dataType, pooled);
        }
        itcScale.initialize(manager, dataType, pooled);
        itm.initialize(manager, dataType, new Shape(batch, 2, pooled.get(1)));
        if (mlm) {
            mlmQuery.initialize(manager, dataType, pooled);
            mlmScale.initialize(manager, dataType, pooled);
        }
    }

    /**
     * Returns the output shapes. With MLM, K is read from the last input shape, which the
     * multiway fusion's pre-training extras end with ({@code mlm.position (B, K)}).
     *
     * @param inputShapes the fused output's shapes, pooled (B, D) first
     * @return the shapes in the order of {@link #outputNames()}
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape pooled = inputShapes[0];
        long batch = pooled.get(0);
        Shape itc = projectionA == null ? pooled
                : projectionA.getOutputShapes(new Shape[] {pooled})[0];
        List<Shape> shapes = new ArrayList<>(List.of(itc, itc, new Shape(1),
                new Shape(batch, 2, 2)));
        if (mlm) {
            long slots = inputShapes[inputShapes.length - 1].get(1);
            shapes.add(new Shape(batch, slots, batch * slots));
            shapes.add(new Shape(batch, slots, batch * slots));
            shapes.add(new Shape(batch, slots));
        }
        return shapes.toArray(Shape[]::new);
    }
}
