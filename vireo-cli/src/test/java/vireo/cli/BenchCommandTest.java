package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    @TempDir
    Path tmp;

    /** {@code vireo ARGS} with bench running {@code script}, python3 looked for in {@code searchPath}. */
    static Cli.Result run(Path script, String searchPath, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == BenchCommand.class ? cls.cast(new BenchCommand(script, searchPath))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), factory);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    static String systemPath() {
        String path = System.getenv("PATH");
        assumeTrue(BenchCommand.find("python3", path).isPresent(), "needs python3 on the PATH");
        return path;
    }

    @Test
    void runsTheScriptWithEveryArgumentAndReturnsItsStatus() throws Exception {
        Path fake = tmp.resolve("compare");
        Files.writeString(fake, """
                import sys
                print("args " + " ".join(sys.argv[1:]), flush=True)
                print("bench: a note", file=sys.stderr, flush=True)
                sys.exit(3)
                """);
        var r = run(fake, systemPath(), "bench", "--repeat", "2", "--threads", "1", "sgemm1024", "--help");
        assertEquals(3, r.code(), r.toString());
        assertEquals("args --repeat 2 --threads 1 sgemm1024 --help\n", r.out());
        assertEquals("bench: a note\n", r.err());

        var none = run(fake, systemPath(), "bench");
        assertEquals("args \n", none.out());
    }

    @Test
    void saysWhatIsMissing() throws Exception {
        var noScript = run(tmp.resolve("nowhere/compare"), systemPath(), "bench");
        assertEquals(1, noScript.code(), noScript.toString());
        assertEquals("vireo bench: the benchmark script " + tmp.resolve("nowhere/compare") + " does not exist\n",
                noScript.err());

        Path fake = Files.writeString(tmp.resolve("compare"), "print('never')\n");
        Path emptyDir = Files.createDirectories(tmp.resolve("bin"));
        var noPython = run(fake, emptyDir.toString(), "bench", "x");
        assertEquals(1, noPython.code(), noPython.toString());
        assertEquals("vireo bench: bench needs python3 on the PATH to run " + fake + " (e.g. apt-get install "
                + "python3); PATH is " + emptyDir + "\n", noPython.err());
        assertEquals("", noPython.out());
    }

    @Test
    void findsTheCheckoutsScriptAboveTheCode() throws Exception {
        // Tests run from vireo-cli/, with the classes in vireo-cli/target/classes: the script is the checkout's.
        Path repoScript = Path.of("..", BenchCommand.SCRIPT).toRealPath();
        assertEquals(Optional.of(repoScript), BenchCommand.checkoutScript().map(p -> {
            try {
                return p.toRealPath();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        Path installed = Files.createDirectories(tmp.resolve("opt/vireo/lib"));
        assertEquals(Optional.empty(), BenchCommand.scriptAbove(installed));
        assertTrue(Files.isRegularFile(repoScript));
    }
}
