package ai.braid.runtime.engine;

import ai.braid.api.data.Modality;
import ai.braid.api.spi.ModalityProjector;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole trainable model of a pipeline as one DJL block: each modality's projector block,
 * then the fusion block, then the task head.
 *
 * <p>Input: the projectors' preprocessed arrays of every modality, concatenated in fusion
 * order; {@link #arities()} says how many arrays each modality contributes. Output: the task
 * head's named outputs. Modalities that share a projector run the same block instance, so its
 * parameters are registered (and trained) once. A {@linkplain #freeze frozen} projector gets no
 * gradient and always runs in inference mode.
 */
public final class BraidModel extends AbstractBlock {

    private final List<Modality> modalities;
    private final List<Block> projectorBlocks;
    private final Block fusion;
    private final Block head;
    private final int[] arities;
    private final Set<Block> frozen = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Builds the model.
     *
     * @param projectors each modality's projector, in fusion order
     * @param arities the number of preprocessed arrays each modality contributes, same order
     * @param fusion the fusion block
     * @param head the task head
     */
    public BraidModel(
            Map<Modality, ModalityProjector> projectors, int[] arities, Block fusion, Block head) {
        this.modalities = List.copyOf(projectors.keySet());
        this.arities = arities.clone();
        if (this.arities.length != modalities.size()) {
            throw new IllegalArgumentException("one arity per modality expected");
        }
        this.projectorBlocks = new ArrayList<>();
        Map<Block, String> registered = new IdentityHashMap<>();
        projectors.forEach((modality, projector) -> {
            Block block = projector.block();
            projectorBlocks.add(block);
            if (!registered.containsKey(block)) {
                registered.put(block, modality.name());
                addChildBlock("projector-" + modality.name(), block);
            }
        });
        this.fusion = addChildBlock("fusion", Objects.requireNonNull(fusion, "fusion"));
        this.head = addChildBlock("head", Objects.requireNonNull(head, "head"));
    }

    /**
     * Returns how many preprocessed arrays each modality contributes to the input.
     *
     * @return one count per modality, in fusion order
     */
    public int[] arities() {
        return arities.clone();
    }

    /**
     * Returns the modalities in fusion order.
     *
     * @return the modalities
     */
    public List<Modality> modalities() {
        return modalities;
    }

    /**
     * Returns each modality's projector block, by modality name in fusion order; modalities
     * that share a projector map to the same block.
     *
     * @return the blocks
     */
    public Map<String, Block> projectorBlocks() {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (int m = 0; m < modalities.size(); m++) {
            blocks.put(modalities.get(m).name(), projectorBlocks.get(m));
        }
        return blocks;
    }

    /**
     * Returns the fusion block.
     *
     * @return the block between the projectors and the head
     */
    public Block fusionBlock() {
        return fusion;
    }

    /**
     * Freezes a modality's projector: its parameters no longer require gradients (so the
     * optimizer, weight decay and clipping skip them), and it runs in inference mode even
     * while the rest of the model trains (no dropout, batch statistics left as they are), so
     * its output is a fixed function of its input. Call after {@link #initialize}; a
     * projector shared by several modalities is frozen for all of them.
     *
     * @param modality a modality of this model
     * @throws IllegalArgumentException if the model has no such modality
     */
    public void freeze(Modality modality) {
        int index = modalities.indexOf(modality);
        if (index < 0) {
            throw new IllegalArgumentException("no modality '" + modality + "' in " + modalities);
        }
        Block block = projectorBlocks.get(index);
        block.freezeParameters(true);
        frozen.add(block);
    }

    /**
     * Returns every parameter with its structured name, the key of checkpoints and optimizer
     * state.
     *
     * @return (name, parameter) pairs in a stable order
     */
    public List<Pair<String, Parameter>> namedParameters() {
        List<Pair<String, Parameter>> named = new ArrayList<>();
        getParameters().forEach(named::add);
        return named;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(store, fuse(store, inputs, training, params), training, params);
    }

    /**
     * Runs the projectors and the fusion, without the head: what a figure of the fusion (its
     * attention maps, say) reads.
     *
     * @param store the parameter store
     * @param inputs the projectors' preprocessed arrays, as for {@link #forward}
     * @param training whether dropout and the like are on
     * @param params extra parameters of the forward pass
     * @return the fusion's {@link ai.braid.api.data.FusedOutput} as an NDList
     */
    NDList fuse(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList sequences = new NDList();
        int offset = 0;
        for (int m = 0; m < modalities.size(); m++) {
            NDList own = new NDList(inputs.subList(offset, offset + arities[m]));
            offset += arities[m];
            Block block = projectorBlocks.get(m);
            NDList tokens = block.forward(store, own, training && !frozen.contains(block),
                    params);
            sequences.add(tokens.get(0));
            sequences.add(tokens.get(1));
        }
        return fusion.forward(store, sequences, training, params);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] sequenceShapes = sequenceShapes(manager, dataType, inputShapes, true);
        fusion.initialize(manager, dataType, sequenceShapes);
        head.initialize(manager, dataType, fusion.getOutputShapes(sequenceShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] fused = fusion.getOutputShapes(sequenceShapes(null, null, inputShapes, false));
        return head.getOutputShapes(fused);
    }

    private Shape[] sequenceShapes(
            NDManager manager, DataType dataType, Shape[] inputShapes, boolean initialize) {
        List<Shape> shapes = new ArrayList<>();
        int offset = 0;
        for (int m = 0; m < modalities.size(); m++) {
            Shape[] own = Arrays.copyOfRange(inputShapes, offset, offset + arities[m]);
            offset += arities[m];
            Block block = projectorBlocks.get(m);
            if (initialize && !block.isInitialized()) {
                block.initialize(manager, dataType, own);
            }
            Shape[] out = block.getOutputShapes(own);
            shapes.add(out[0]);
            shapes.add(out[1]);
        }
        return shapes.toArray(Shape[]::new);
    }
}
