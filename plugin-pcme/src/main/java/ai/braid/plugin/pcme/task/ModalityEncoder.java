package ai.braid.plugin.pcme.task;

import ai.braid.api.data.Modality;
import ai.braid.api.data.Sample;
import ai.braid.api.data.TokenSequence;
import ai.braid.api.spi.Inference;
import ai.braid.plugin.pcme.model.PcmeHead;
import ai.braid.plugin.pcme.similarity.GaussianSet;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;

/**
 * Embeds samples of one modality alone, through its projector and the head's embedder, so a
 * query needs no partner and a gallery is encoded once per item.
 */
final class ModalityEncoder {

    private static final int BATCH = 64;

    private final PcmeHead head;

    ModalityEncoder(PcmeHead head) {
        this.head = Objects.requireNonNull(head, "head");
    }

    /**
     * Embeds samples in batches.
     *
     * @param inference runs the trained projector
     * @param modality a or b of the head
     * @param samples samples holding that modality
     * @param manager owns the result
     * @return mu (N, D) and, when probabilistic, logSigma (N, D)
     */
    GaussianSet encode(Inference inference, Modality modality, List<Sample> samples,
            NDManager manager) {
        int count = samples.size();
        float[] mu = null;
        float[] logSigma = null;
        int width = 0;
        for (int start = 0; start < count; start += BATCH) {
            List<Sample> batch = samples.subList(start, Math.min(count, start + BATCH));
            try (NDManager step = manager.newSubManager()) {
                TokenSequence tokens = inference.project(modality, batch, step);
                NDList embedded = head.embedder(modality)
                        .forward(new ParameterStore(step, false), tokens.toNDList(), false);
                width = Math.toIntExact(embedded.get(0).getShape().get(1));
                if (mu == null) {
                    mu = new float[count * width];
                    logSigma = embedded.size() > 1 ? new float[count * width] : null;
                }
                System.arraycopy(embedded.get(0).toFloatArray(), 0, mu, start * width,
                        batch.size() * width);
                if (logSigma != null) {
                    System.arraycopy(embedded.get(1).toFloatArray(), 0, logSigma,
                            start * width, batch.size() * width);
                }
            }
        }
        if (mu == null) {
            throw new IllegalArgumentException("nothing to embed: no samples of " + modality);
        }
        Shape shape = new Shape(count, width);
        return new GaussianSet(manager.create(mu, shape),
                logSigma == null ? null : manager.create(logSigma, shape));
    }
}
