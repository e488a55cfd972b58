package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A dataset description for building tasks; the pre-training task reads nothing from it. */
final class NoData implements DatasetReader {

    /** B samples without inputs or targets, for a task's {@code targets}. */
    static List<Sample> samples(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(new Sample("s" + i, Map.of(), Map.of()));
        }
        return samples;
    }

    @Override
    public List<ModalitySpec> modalities() {
        return List.of(new ModalitySpec(PretrainingFusionTest.IMAGE, float[].class),
                new ModalitySpec(PretrainingFusionTest.TEXT, String.class));
    }

    @Override
    public List<TargetSpec> targets() {
        return List.of();
    }

    @Override
    public SampleSet read(Split split) {
        return SampleSet.of(new ArrayList<>());
    }
}
