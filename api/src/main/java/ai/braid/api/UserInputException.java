package ai.braid.api;

/**
 * An error the user can fix: a bad pipeline file, a bad option, unreadable or malformed input
 * data.
 *
 * <p>The message must say what to fix: which file, which YAML path or line, which sample, what
 * was expected. The command line turns this exception into exit code 2; every other exception
 * is a bug or an environment failure and exits with 1.
 */
public class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error with a message that tells the user what to fix.
     *
     * @param message what is wrong and what is expected instead
     */
    public UserInputException(String message) {
        super(message);
    }

    /**
     * Creates an error with a message that tells the user what to fix, and its cause.
     *
     * @param message what is wrong and what is expected instead
     * @param cause the underlying failure
     */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
