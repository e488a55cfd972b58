package ai.braid.runtime.plugin;

import ai.braid.api.UserInputException;

/**
 * A plugin folder or jar that cannot be used: unreadable jar, missing or invalid descriptor,
 * unsupported API version, duplicate names, a component that fails to construct. The message
 * names the jar or folder and says what to do.
 */
public final class PluginLoadException extends UserInputException {

    private static final long serialVersionUID = 1L;

    PluginLoadException(String message) {
        super(message);
    }

    PluginLoadException(String message, Throwable cause) {
        super(message + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName();
        return root.getMessage() == null ? text : text + ": " + root.getMessage();
    }
}
