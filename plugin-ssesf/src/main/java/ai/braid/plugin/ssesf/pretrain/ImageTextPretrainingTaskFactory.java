package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.UserInputException;
import ai.braid.api.config.ComponentConfig;
import ai.braid.api.config.OptionSchema;
import ai.braid.api.data.Modality;
import ai.braid.api.spi.Task;
import ai.braid.api.spi.TaskContext;
import ai.braid.api.spi.TaskFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The task {@value #NAME}: VLMo-style pre-training with image-text contrast (ITC), image-text
 * matching against in-batch hard negatives (ITM) and masked language modelling (MLM), for any
 * two modalities. It reads the pre-training outputs of the multiway fusion:
 *
 * <pre>
 * fusion:
 *   name: multiway
 *   pretraining: [image, text]
 *   mlm: text
 * task: { name: image-text-pretraining, pair: [image, text] }
 * objectives:
 *   - { name: itc }
 *   - { name: itm }
 *   - { name: mlm }
 * </pre>
 *
 * <p>A later pipeline with the same projectors and fusion (without {@code pretraining}) starts
 * from the checkpoint: every fusion and projector parameter has the same name and shape.
 */
public final class ImageTextPretrainingTaskFactory implements TaskFactory {

    /** The name pipeline files use. */
    public static final String NAME = "image-text-pretraining";

    private static final OptionSchema OPTIONS = OptionSchema.builder()
            .addStringList("pair", List.of(), "the two modalities [a, b] whose unimodal vectors"
                    + " ITC contrasts, as in the fusion's 'pretraining'; empty: the pipeline's"
                    + " first two")
            .addInteger("projection", 0, 0, 1 << 14, "width of a Linear on each unimodal vector"
                    + " before ITC; 0: none, ITC aligns the space hard negatives are drawn in")
            .addNumber("temperature", 0.07, 0.01, 10, "initial temperature of ITC (learned)")
            .addBoolean("mlm", true, "read the fusion's MLM outputs (its 'mlm' option) and"
                    + " train masked language modelling")
            .addNumber("mlmTemperature", 0.07, 0.01, 10, "initial temperature of the MLM"
                    + " in-batch softmax (learned)")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "VLMo-style pre-training of two modalities: ITC, ITM with in-batch hard negatives"
                + " and MLM, read from the multiway fusion's pre-training passes";
    }

    @Override
    public OptionSchema options() {
        return OPTIONS;
    }

    @Override
    public Task create(ComponentConfig config, TaskContext context) {
        List<Modality> modalities = context.modalities();
        List<String> names = new ArrayList<>();
        modalities.forEach(modality -> names.add(modality.name()));
        List<String> pair = config.getStringList("pair");
        if (pair.isEmpty()) {
            if (modalities.size() < 2) {
                throw new UserInputException(config.where("pair") + ": image-text pre-training"
                        + " needs two modalities; the pipeline has " + names);
            }
            pair = names.subList(0, 2);
        }
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
            throw new UserInputException(config.where("pair") + ": expected two different"
                    + " modalities [a, b], got " + pair);
        }
        for (String name : pair) {
            if (!names.contains(name)) {
                throw new UserInputException(config.where("pair") + ": '" + name + "' is not a"
                        + " modality of this pipeline; its modalities: "
                        + String.join(", ", names));
            }
        }
        Modality first = Modality.of(pair.get(0));
        Modality second = Modality.of(pair.get(1));
        boolean mlm = config.getBoolean("mlm");
        PretrainingHead head = new PretrainingHead(first, second, context.fusedDim(),
                config.getInt("projection"), config.getFloat("temperature"), mlm,
                config.getFloat("mlmTemperature"));
        return new ImageTextPretrainingTask(first, second, mlm, head);
    }
}
