package vireo.cli;

import picocli.CommandLine.Command;

/** {@code vireo datasets ...}: builds data sets on disk. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Prepare data sets on disk.",
        subcommands = {PrepareCommand.class})
public final class DatasetsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw CliException.usage("expected a subcommand: prepare (see vireo datasets --help)");
    }
}
