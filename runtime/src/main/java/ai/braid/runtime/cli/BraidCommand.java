package ai.braid.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
            PredictCommand.class,
            QuantizeCommand.class
        },
        footer = {"", "Exit codes: 0 success, 2 bad usage, configuration or input, 1 other failure."})
final class BraidCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name a command: plugins, validate, train, eval, predict or quantize");
    }
}
