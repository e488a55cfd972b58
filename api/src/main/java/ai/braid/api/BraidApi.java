package ai.braid.api;

/**
 * Facts about this version of the plugin API.
 *
 * <p>A plugin declares the API version it was compiled against in its descriptor (see {@link
 * ai.braid.api.plugin.PluginDescriptor}); the runtime refuses plugins whose version it does not
 * support instead of failing later with a {@link LinkageError}.
 */
public final class BraidApi {

    /** The API version this artifact provides. Raised on every incompatible change of the SPI. */
    public static final int VERSION = 1;

    /** The oldest plugin API version this artifact still runs. */
    public static final int OLDEST_SUPPORTED_VERSION = 1;

    private BraidApi() {}

    /**
     * Tells whether a plugin compiled against {@code apiVersion} can run on this API.
     *
     * @param apiVersion the version a plugin declares
     * @return true if {@code OLDEST_SUPPORTED_VERSION <= apiVersion <= VERSION}
     */
    public static boolean supports(int apiVersion) {
        return apiVersion >= OLDEST_SUPPORTED_VERSION && apiVersion <= VERSION;
    }
}
