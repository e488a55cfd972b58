package com.example.braid.signal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.spi.DatasetReader;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trains the projector on the shipped waveforms under a head shaped like Braid's built-in
 * {@code concat} fusion and {@code classification} task (mean over tokens, a linear projection
 * to 32, a linear layer to the classes), to show the example data is learnable through it.
 */
class SignalLearningTest {

    private static final Modality SIGNAL = Modality.of("signal");
    private static final int BATCH = 16;
    private static final int EPOCHS = 50;
    private static final float LEARNING_RATE = 1e-2f;

    @Test
    void learnsTheShippedWaveformsWellAboveChance() {
        Engine.getInstance().setRandomSeed(7);
        DatasetReader reader = new SignalCsvReader(Path.of("data", "waveforms.csv"), SIGNAL);
        SignalPatchProjector projector = new SignalPatchProjector(SIGNAL, 8, 32);
        int classes = reader.targets().get(0).classes().size();
        SequentialBlock net = new SequentialBlock()
                .add(projector.block())
                .add(tokens -> new NDList(tokens.head().mean(new int[] {1})))
                .add(Linear.builder().setUnits(32).build())
                .add(Linear.builder().setUnits(classes).build());

        try (Model model = Model.newInstance("signal")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 64));
                SampleSet train = reader.read(Split.TRAIN);
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (int start = 0; start < train.size(); start += BATCH) {
                        step(trainer, projector, batch(train, start, BATCH));
                    }
                }
                SampleSet test = reader.read(Split.TEST);
                // Three balanced classes: chance is about 0.33; about 0.8 is reached here.
                assertThat(accuracy(trainer, projector, batch(test, 0, test.size())))
                        .isGreaterThanOrEqualTo(0.6);
            }
        }
    }

    private static void step(Trainer trainer, SignalPatchProjector projector, List<Sample> batch) {
        try (NDManager step = trainer.getManager().newSubManager();
                GradientCollector collector = trainer.newGradientCollector()) {
            NDList inputs = projector.preprocess(signals(batch), step);
            NDArray logits = trainer.forward(inputs).head();
            NDArray loss = trainer.getLoss().evaluate(
                    new NDList(step.create(labels(batch))), new NDList(logits));
            collector.backward(loss);
        }
        trainer.step();
    }

    private static double accuracy(
            Trainer trainer, SignalPatchProjector projector, List<Sample> samples) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            long[] predicted = trainer.evaluate(projector.preprocess(signals(samples), manager))
                    .head().argMax(1).toLongArray();
            long[] labels = labels(samples);
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
            return correct / (double) labels.length;
        }
    }

    private static List<Sample> batch(SampleSet samples, int start, int size) {
        List<Sample> batch = new ArrayList<>();
        for (int i = start; i < Math.min(start + size, samples.size()); i++) {
            batch.add(samples.get(i));
        }
        return batch;
    }

    private static List<float[]> signals(List<Sample> samples) {
        return samples.stream().map(sample -> sample.input(SIGNAL, float[].class)).toList();
    }

    private static long[] labels(List<Sample> samples) {
        return samples.stream().mapToLong(sample -> sample.target("label", Long.class)).toArray();
    }
}
