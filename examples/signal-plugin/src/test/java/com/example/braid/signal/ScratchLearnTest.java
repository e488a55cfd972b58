package com.example.braid.signal;

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
import ai.djl.nn.Activation;
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

class ScratchLearnTest {
    static int EPOCHS = 200;
    @Test
    void compare() {
        for (int epochs : new int[] {5, 20, 50, 100}) {
            for (float lr : new float[] {1e-3f, 3e-3f, 1e-2f}) {
                long t0 = System.nanoTime(); double acc = run(epochs, lr); System.out.println("epochs=" + epochs + " lr=" + lr + " acc=" + acc + " ms=" + (System.nanoTime() - t0) / 1000000);
            }
        }
    }

    double run(int EPOCHS, float lr) {
        Engine.getInstance().setRandomSeed(7);
        SignalPatchProjector projector = new SignalPatchProjector(Modality.of("signal"), 8, 32);
        DatasetReader reader = new SignalCsvReader(Path.of("data/waveforms.csv"), Modality.of("signal"));
        SampleSet train = reader.read(Split.TRAIN);
        SampleSet test = reader.read(Split.TEST);
        SequentialBlock net = new SequentialBlock().add(projector.block())
                .add(list -> new NDList(list.head().sum(new int[] {1}).div(8f)))
                .add(Linear.builder().setUnits(32).build())
                .add(Linear.builder().setUnits(3).build());
        try (Model model = Model.newInstance("s")) {
            model.setBlock(net);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(16, 64));
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (int start = 0; start < train.size(); start += 16) {
                        try (NDManager step = trainer.getManager().newSubManager()) {
                            List<Object> xs = new ArrayList<>();
                            long[] ys = new long[Math.min(16, train.size() - start)];
                            for (int i = 0; i < ys.length; i++) {
                                Sample s = train.get(start + i);
                                xs.add(s.input(Modality.of("signal"), float[].class));
                                ys[i] = s.target("label", Long.class);
                            }
                            NDList x = projector.preprocess(xs, step);
                            NDArray y = step.create(ys);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(x).head();
                                NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(logits));
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                    }
                }
                int correct = 0;
                try (NDManager step = trainer.getManager().newSubManager()) {
                    List<Object> xs = new ArrayList<>();
                    long[] ys = new long[test.size()];
                    for (int i = 0; i < ys.length; i++) {
                        xs.add(test.get(i).input(Modality.of("signal"), float[].class));
                        ys[i] = test.get(i).target("label", Long.class);
                    }
                    NDArray pred = trainer.evaluate(projector.preprocess(xs, step)).head().argMax(1);
                    long[] p = pred.toLongArray();
                    for (int i = 0; i < ys.length; i++) correct += p[i] == ys[i] ? 1 : 0;
                }
                return correct / (double) test.size();
            }
        }
    }
}
