package ai.braid.plugin.betavae.task;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.projection.ImagePreprocessor;
import ai.braid.api.spi.DatasetReader;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.betavae.figure.CellFormat;
import ai.braid.plugin.betavae.figure.KlPerUnitChart;
import ai.braid.plugin.betavae.figure.LatentTraversalFigure;
import ai.braid.plugin.betavae.figure.ReconstructionFigure;
import ai.braid.plugin.betavae.model.BetaVaeHead;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws what a trained beta-VAE learned, from held-out images:
 *
 * <ul>
 *   <li>{@value #TRAVERSALS}: one row per latent unit, the first image's code with that unit
 *       set to evenly spaced values, decoded; rows sorted by KL, so the active units come first
 *       and a reader sees which unit moves which factor.
 *   <li>{@value #RECONSTRUCTIONS}: originals above their reconstructions (decoded means).
 *   <li>{@value #KL_CHART}: the mean KL of each unit over up to {@value #KL_IMAGES} images.
 * </ul>
 */
public final class BetaVaeFigures {

    /** The traversal picture's file name. */
    public static final String TRAVERSALS = "latent-traversals.png";
    /** The reconstruction picture's file name. */
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    /** The KL chart's file name. */
    public static final String KL_CHART = "kl-per-unit.png";

    static final int KL_IMAGES = 1024;
    private static final int BATCH = 128;

    private final int images;
    private final double limit;
    private final int steps;
    private final CellFormat cells;
    private final ImagePreprocessor preprocessor;

    /**
     * Creates the drawer.
     *
     * @param images images in the reconstruction picture
     * @param limit traversals run from {@code -limit} to {@code +limit}
     * @param steps images per traversal row
     * @param imageSize the side of the model's images
     * @param channels their channels
     */
    public BetaVaeFigures(int images, double limit, int steps, int imageSize, int channels) {
        this.images = images;
        this.limit = limit;
        this.steps = steps;
        // Drawn about 128 pixels a side, large enough to see a sprite's shape.
        this.cells = CellFormat.of(imageSize, imageSize).withChannels(channels)
                .withScale(Math.max(1, 128 / imageSize));
        this.preprocessor = new ImagePreprocessor(imageSize, channels);
    }

    /**
     * Draws the three pictures into a directory. Does nothing when the dataset has no image
     * outside the training split.
     *
     * @param inference runs the trained model
     * @param head the model's head, whose decoder draws the traversals
     * @param modality the image modality
     * @param dataset the pipeline's reader; the validation split (else test) supplies images
     * @param directory where the PNG files go
     * @throws UncheckedIOException if a file cannot be written
     */
    public void draw(Inference inference, BetaVaeHead head, Modality modality,
            DatasetReader dataset, Path directory) {
        List<Sample> heldOut = heldOut(dataset);
        if (heldOut.isEmpty()) {
            return;
        }
        try (NDManager manager = inference.manager().newSubManager()) {
            List<Sample> shown = heldOut.subList(0, Math.min(images, heldOut.size()));
            NDList outputs = inference.forward(shown);
            float[][] originals = rows(originals(shown, modality, manager));
            float[][] reconstructions =
                    rows(Activation.sigmoid(outputs.get(BetaVaeHead.RECONSTRUCTION)));
            ReconstructionFigure.builder().cells(cells).build()
                    .write(originals, reconstructions, directory.resolve(RECONSTRUCTIONS));

            double[] kl = meanKl(inference, heldOut);
            KlPerUnitChart.builder().build().write(kl, directory.resolve(KL_CHART));

            NDArray code = outputs.get(BetaVaeHead.MU).get(0);
            LatentTraversalFigure.builder().cells(cells).build()
                    .write(traversals(head, code, manager), kl, limit, 0,
                            directory.resolve(TRAVERSALS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the beta-VAE pictures to "
                    + directory, e);
        }
    }

    private static List<Sample> heldOut(DatasetReader dataset) {
        SampleSet set = dataset.read(Split.VALIDATION);
        if (set.size() == 0) {
            set = dataset.read(Split.TEST);
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(KL_IMAGES, set.size()); i++) {
            samples.add(set.get(i));
        }
        return samples;
    }

    private NDArray originals(List<Sample> samples, Modality modality, NDManager manager) {
        List<Image> pictures = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            pictures.add(sample.input(modality, Image.class));
        }
        return preprocessor.preprocess(pictures, manager).head();
    }

    private static double[] meanKl(Inference inference, List<Sample> samples) {
        LatentKlMetric metric = new LatentKlMetric();
        for (int start = 0; start < samples.size(); start += BATCH) {
            List<Sample> batch = samples.subList(start, Math.min(samples.size(), start + BATCH));
            // The arrays stay on the inference's manager until the task returns: at most
            // KL_IMAGES images' worth.
            metric.update(inference.forward(batch), new NDList());
        }
        return metric.perUnit();
    }

    /** Decodes the code with each unit in turn set to each traversal value. */
    private float[][][] traversals(BetaVaeHead head, NDArray code, NDManager manager) {
        int units = (int) code.getShape().get(0);
        double[] values = LatentTraversalFigure.values(limit, steps);
        float[] base = code.toFloatArray();
        float[] codes = new float[units * steps * units];
        for (int unit = 0; unit < units; unit++) {
            for (int step = 0; step < steps; step++) {
                int row = unit * steps + step;
                System.arraycopy(base, 0, codes, row * units, units);
                codes[row * units + unit] = (float) values[step];
            }
        }
        NDArray z = manager.create(codes, new Shape((long) units * steps, units))
                .toDevice(code.getDevice(), false);
        NDArray decoded = Activation.sigmoid(head.decode(new ParameterStore(manager, false), z));
        float[][] flat = rows(decoded);
        float[][][] grid = new float[units][steps][];
        for (int unit = 0; unit < units; unit++) {
            for (int step = 0; step < steps; step++) {
                grid[unit][step] = flat[unit * steps + step];
            }
        }
        return grid;
    }

    private static float[][] rows(NDArray batch) {
        int count = (int) batch.getShape().get(0);
        float[] values = batch.toFloatArray();
        int width = values.length / count;
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
        }
        return rows;
    }
}
