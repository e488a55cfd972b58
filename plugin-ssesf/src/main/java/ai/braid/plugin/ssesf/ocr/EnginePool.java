package ai.braid.plugin.ssesf.ocr;

import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Tesseract engines shared by the threads of one extractor, each used by one thread at a time.
 *
 * <p>A thread takes an idle engine or, if none is idle, creates one, and gives it back after
 * the image; so there are never more engines than threads that ran OCR at the same time (one
 * per core under a parallel stream), each loading the model once. Unlike a thread-local engine
 * this frees everything on {@link #close()}, whichever threads did the work.
 */
final class EnginePool implements AutoCloseable {

    private final Supplier<TesseractEngine> factory;
    private final Deque<TesseractEngine> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates an empty pool.
     *
     * @param factory creates an engine with the model loaded
     */
    EnginePool(Supplier<TesseractEngine> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Takes an engine for the calling thread alone.
     *
     * @return an idle engine, or a new one
     * @throws IllegalStateException after {@link #close()}
     */
    TesseractEngine acquire() {
        if (closed) {
            throw new IllegalStateException("the OCR extractor is closed");
        }
        TesseractEngine engine = idle.pollFirst();
        if (engine != null) {
            return engine;
        }
        engine = factory.get();
        created.incrementAndGet();
        return engine;
    }

    /**
     * Gives an engine back after a successful recognition.
     *
     * @param engine from {@link #acquire()}
     */
    void release(TesseractEngine engine) {
        idle.addFirst(engine);
        if (closed) {
            drain();
        }
    }

    /**
     * Frees an engine that failed, rather than reusing a handle in an unknown state.
     *
     * @param engine from {@link #acquire()}
     */
    void discard(TesseractEngine engine) {
        engine.close();
    }

    /**
     * Returns how many engines were created so far.
     *
     * @return at most the number of threads that ran OCR at the same time, plus discards
     */
    int created() {
        return created.get();
    }

    /** Frees the idle engines; engines in use are freed when they are given back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (TesseractEngine engine = idle.pollFirst(); engine != null;
                engine = idle.pollFirst()) {
            engine.close();
        }
    }
}
