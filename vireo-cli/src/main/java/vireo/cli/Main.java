package vireo.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import vireo.data.IoErrorMessage;
import vireo.data.MainRunner;

/**
 * The {@code vireo} command. Exit codes: 0 done, 1 the run failed, 2 bad usage or unusable input ({@code bench}:
 * its script's). An error is one line on stderr ({@code vireo train: ...}), running out of heap too;
 * {@code --debug} adds the stack trace.
 */
@Command(name = "vireo", mixinStandardHelpOptions = true, version = "vireo 0.1.0-SNAPSHOT",
        description = "Train, evaluate and use image classifiers with Vireo.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                ConvertCommand.class, DatasetsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code (tests call this in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CommandLine.defaultFactory());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, with commands made by {@code factory} (tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main(), factory);
        // bench passes its arguments to a script: options it does not know are the script's, not errors.
        cl.getSubcommands().get("bench").setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine sub = ex.getCommandLine();
            err.println(sub.getCommandSpec().qualifiedName() + ": " + ex.getMessage() + " (see "
                    + sub.getCommandSpec().qualifiedName() + " --help)");
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return CliException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, sub, parsed) -> {
            String name = sub.getCommandSpec().qualifiedName();
            if (ex instanceof CliException ce) {
                err.println(name + ": " + ce.getMessage());
                if (debug) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return ce.exitCode();
            }
            err.println(name + ": failed: " + describe(ex) + (debug ? "" : " (--debug for the stack trace)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return CliException.FAILED;
        });
        int code = execute(cl, args, err, debug);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * An unexpected exception in one line: an I/O error as the examples word it ({@link IoErrorMessage}), anything
     * else as its class and message; only the message's first line.
     */
    static String describe(Exception ex) {
        String message = IoErrorMessage.ifIoError(ex).orElseGet(() ->
                ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        return message.lines().findFirst().orElse("");
    }

    /**
     * {@code cl.execute(args)}, except that running out of heap ends the command with one line saying the limit
     * and how to raise it, and status 1: picocli hands only exceptions to its handler, an {@link Error} escapes.
     */
    static int execute(CommandLine cl, String[] args, PrintWriter err, boolean debug) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            CommandLine.ParseResult parsed = cl.getParseResult();
            while (parsed != null && parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            String name = parsed == null ? cl.getCommandName() : parsed.commandSpec().qualifiedName();
            err.println(name + ": " + MainRunner.outOfMemory());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return CliException.FAILED;
        }
    }
}
