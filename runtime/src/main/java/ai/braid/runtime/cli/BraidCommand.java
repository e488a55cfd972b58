package ai.braid.runtime.cli;

import picocli.CommandLine.Command;

/** The top-level {@code braid} command; its subcommands do the work. */
@Command(
        name = "braid",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Braid: plugin-based multimodal deep learning on the JVM.",
        subcommands = {
            PluginsCommand.class,
            ValidateCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class
        },
        footer = {"", "Exit codes: 0 success, 2 bad usage, configuration or input, 1 other failure."})
final class BraidCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name a command: plugins, validate, train, eval or predict");
    }
}
