package vireo.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vireo bench [ARGS...]}: the repository's {@code bench/compare} (Vireo beside PyTorch on this machine) run
 * by {@code python3}, every argument passed through ({@code vireo bench --help} is the script's help), its output
 * streamed as it comes and its exit status returned. The script belongs to a checkout, not to the CLI: it is looked
 * for beside the code this CLI runs from ({@code CHECKOUT/vireo-cli/target/classes} → {@code CHECKOUT/bench/compare}),
 * and an installation outside a checkout says so.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Vireo beside PyTorch on this machine: runs the checkout's bench/compare with python3, "
                + "passing every argument through (vireo bench --help shows the script's help).",
                "Prints one JSON line per workload; the exit status is the script's."})
public final class BenchCommand implements Callable<Integer> {

    /** Where the script is, relative to a checkout's root. */
    static final String SCRIPT = "bench/compare";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "passed to bench/compare as they are")
    List<String> args = new ArrayList<>();

    private final Path script;
    private final String searchPath;

    /** The script of the checkout this class was loaded from, {@code python3} from {@code $PATH}. */
    public BenchCommand() {
        this(null, System.getenv("PATH"));
    }

    /**
     * @param script the script to run, or null for the checkout's
     * @param searchPath where to look for {@code python3} ({@code $PATH}'s format)
     */
    BenchCommand(Path script, String searchPath) {
        this.script = script;
        this.searchPath = searchPath;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path s = script != null ? script : checkoutScript().orElseThrow(() -> new CliException(CliException.FAILED,
                "bench runs a Vireo checkout's " + SCRIPT + ", and this CLI does not run from one (its code is at "
                        + codeLocation().map(Path::toString).orElse("an unknown place")
                        + "); run ./vireo bench in a clone of the repository"));
        if (!Files.isRegularFile(s)) {
            throw new CliException(CliException.FAILED, "the benchmark script " + s + " does not exist");
        }
        Path python = find("python3", searchPath).orElseThrow(() -> new CliException(CliException.FAILED,
                "bench needs python3 on the PATH to run " + s + " (e.g. apt-get install python3); PATH is "
                        + (searchPath == null ? "unset" : searchPath)));
        List<String> command = new ArrayList<>(List.of(python.toString(), s.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close(); // the script reads no input: it gets an empty stdin, as it gives its own children
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thread errPump = Thread.ofPlatform().daemon().name("bench-stderr").start(() -> pump(p.getErrorStream(), err));
        pump(p.getInputStream(), out);
        int status = p.waitFor();
        errPump.join();
        return status;
    }

    /** Copies a stream as it comes (no line buffering: progress without a newline shows too). */
    private static void pump(InputStream in, PrintWriter to) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            to.println("vireo bench: lost the script's output: " + e.getMessage());
            to.flush();
        }
    }

    /** {@code bench/compare} in the first folder above the code location that has one. */
    static Optional<Path> checkoutScript() {
        return codeLocation().flatMap(BenchCommand::scriptAbove);
    }

    static Optional<Path> scriptAbove(Path location) {
        for (Path dir = location; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = BenchCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first executable {@code name} in the folders of {@code searchPath}. */
    static Optional<Path> find(String name, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
