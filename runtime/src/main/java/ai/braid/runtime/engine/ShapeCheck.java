package ai.braid.runtime.engine;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.runtime.engine.data.PipelineData;
import ai.braid.runtime.pipeline.AssembledPipeline;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Runs one tiny training batch through a pipeline, on the pipeline's device, to check that every
 * shape fits before a long run: preprocessing, projectors, fusion, head and objectives. Part of
 * {@code braid validate}.
 */
public final class ShapeCheck {

    private static final int SAMPLES = 2;

    private ShapeCheck() {}

    /**
     * Runs the batch.
     *
     * @param pipeline the assembled pipeline
     * @param cacheRoot where extractor results are cached
     * @return one line describing the outputs and losses
     * @throws UserInputException if a shape does not fit; the message says where it failed
     */
    public static String run(AssembledPipeline pipeline, Path cacheRoot) {
        SampleSet train = pipeline.reader().read(Split.TRAIN);
        if (train.size() == 0) {
            throw new UserInputException("data: the reader '" + pipeline.spec().data()
                    .component().name() + "' gave no training samples");
        }
        List<Sample> first = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLES, train.size()); i++) {
            first.add(train.get(i));
        }
        first = PipelineData.extraction(pipeline, cacheRoot).apply(first, "validate");
        PipelineData data = PipelineData.of(Map.of(Split.TRAIN, SampleSet.of(first)));
        try (ModelSetup setup = ModelSetup.create(pipeline, data,
                DeviceChoice.resolve(pipeline.spec().train().device()),
                pipeline.spec().train().seed());
                NDManager manager = setup.manager().newSubManager()) {
            NDList inputs = setup.encoder().encode(first, manager).inputs();
            NDList targets = pipeline.task().targets(first, manager);
            NDList outputs = setup.model().forward(setup.store(), inputs, true);
            StringJoiner description = new StringJoiner(", ", "one batch of " + first.size()
                    + " samples ran: outputs ", "");
            for (NDArray output : outputs) {
                description.add(output.getName() + " " + output.getShape());
            }
            for (ObjectiveSet.Evaluated objective : new ObjectiveSet(pipeline.objectives())
                    .compute(outputs, targets)) {
                objective.values().forEach((term, value) ->
                        description.add(String.format("%s = %.4f", term, value)));
            }
            return description.toString();
        } catch (EngineException | IllegalArgumentException | IllegalStateException
                | IndexOutOfBoundsException e) {
            throw new UserInputException("running one batch of " + first.size()
                    + " training samples through the model failed; check the dims of the"
                    + " projectors, fusion and head: " + e.getMessage());
        }
    }
}
