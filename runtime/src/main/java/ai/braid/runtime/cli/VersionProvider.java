package ai.braid.runtime.cli;

import ai.braid.api.BraidApi;
import picocli.CommandLine.IVersionProvider;

/** Prints the runtime's version and the plugin API version it provides. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "braid " + (version == null ? "(development build)" : version)
                    + ", plugin API " + BraidApi.VERSION
        };
    }
}
