package ai.braid.runtime.engine;

import ai.braid.api.data.Sample;
import ai.braid.api.data.Split;
import ai.braid.runtime.BraidRuntime;
import ai.braid.runtime.fixtures.DrawingTask;
import ai.braid.runtime.pipeline.AssembledPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small pipelines over the test-fixtures plugin, for engine tests. */
final class EnginePipelines {

    private EnginePipelines() {}

    /** A vectors classification pipeline with concat fusion; {@code extra} adds sections. */
    static String vectors(int size, int epochs, int batch, String extra) {
        return "name: vectors-demo\n"
                + "task: classification\n"
                + "data: {reader: vectors, size: " + size + ", length: 6}\n"
                + "projectors:\n  vector: vector-tokens\n  mirror: {shareWith: vector}\n"
                + "fusion: {name: concat, dim: 16}\n"
                + "train: {epochs: " + epochs + ", batch: " + batch + ", lr: 0.01,"
                + " warmupSteps: 2, seed: 7, device: cpu}\n"
                + extra;
    }

    /**
     * Assembles a pipeline whose task also draws the first test sample's logits as a figure
     * ({@link DrawingTask}).
     */
    static AssembledPipeline drawing(Path dir, String yaml) {
        AssembledPipeline pipeline = assemble(dir, yaml);
        Sample first = pipeline.reader().read(Split.TEST).get(0);
        return new AssembledPipeline(pipeline.spec(), pipeline.reader(), pipeline.extractors(),
                pipeline.projectors(), pipeline.fusion(),
                new DrawingTask(pipeline.task(), first), pipeline.objectives(),
                pipeline.weighting());
    }

    /** Loads the runtime with an empty plugins folder and assembles a pipeline. */
    static AssembledPipeline assemble(Path dir, String yaml, String... overrides) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            BraidRuntime runtime = BraidRuntime.load(plugins, dir.resolve("cache"));
            Path file = Files.writeString(dir.resolve("pipeline.yaml"), yaml);
            return runtime.assemble(runtime.resolve(file, List.of(overrides)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
