package ai.braid.runtime.cli;

import ai.braid.runtime.pipeline.AssembledPipeline;
import java.io.PrintWriter;

/**
 * What train, eval and predict say until the training engine exists: the pipeline is checked
 * in full (so configuration errors still exit 2), then the command says plainly that it cannot
 * run it, and exits 1 without writing results.
 */
final class NotYetAvailable {

    private NotYetAvailable() {}

    static int report(String command, AssembledPipeline pipeline, PrintWriter err) {
        err.printf("braid %s: pipeline '%s' is valid, but this build of Braid has no training"
                        + " engine yet, so nothing was run and no result was written.%n",
                command, pipeline.spec().name());
        err.flush();
        return Main.FAILURE;
    }
}
