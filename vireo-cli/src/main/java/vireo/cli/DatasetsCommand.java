package vireo.cli;

import picocli.CommandLine.Command;

/** {@code vireo datasets ...}: downloads data sets (and weights) and builds image folders on disk. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Download data sets and weights, or prepare image folders on disk.",
        subcommands = {DownloadCommand.class, PrepareCommand.class})
public final class DatasetsCommand implements Runnable {

    @Override
    public void run() {
        throw CliException.usage("expected a subcommand: download or prepare (see vireo datasets --help)");
    }
}
