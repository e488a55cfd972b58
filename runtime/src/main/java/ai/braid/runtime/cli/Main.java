package ai.braid.runtime.cli;

import ai.braid.api.UserInputException;
import ai.braid.runtime.engine.TrainingDivergedException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code bin/braid}: exit 0 on success, 2 for bad usage, configuration or input (with a message
 * that says what to fix), 1 for anything else.
 */
public final class Main {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for failures that are not the user's input. */
    public static final int FAILURE = 1;
    /** Exit code for bad usage, configuration or input. */
    public static final int BAD_INPUT = 2;

    private Main() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new BraidCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof UserInputException) {
                cmd.getErr().println("error: " + error.getMessage());
                return BAD_INPUT;
            }
            if (error instanceof TrainingDivergedException) {
                cmd.getErr().println("error: " + error.getMessage());
                return FAILURE;
            }
            LoggerFactory.getLogger(Main.class).debug("Failure", error);
            cmd.getErr().println("error: " + error);
            cmd.getErr().println("(set BRAID_LOG_LEVEL=DEBUG for the stack trace)");
            return FAILURE;
        });
        return commandLine.execute(args);
    }
}
