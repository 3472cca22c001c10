package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    @Command(name = "tool", subcommands = Exhausting.class)
    static final class Tool {
    }

    @Command(name = "fill")
    static final class Exhausting implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static String mb() {
        return Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)) + " MB";
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheCommandTheLimitAndTheFix() {
        var err = new StringWriter();
        int code = Main.execute(new CommandLine(new Tool()), new String[]{"fill"}, new PrintWriter(err, true), false);
        assertEquals(CliException.FAILED, code);
        assertEquals("tool fill: out of memory: the Java heap is limited to " + mb() + "; raise the limit with -Xmx"
                + " (for the vireo script: VIREO_JAVA_OPTS=-Xmx4g) or use a smaller batch size" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void anUnexpectedExceptionIsItsClassAndFirstLineAndAnIoErrorAsTheExamplesSayIt() {
        assertEquals("IllegalStateException: broken", Main.describe(new IllegalStateException("broken\nmore")));
        assertEquals("NullPointerException", Main.describe(new NullPointerException()));
        assertEquals("images/a.png: cannot decode png (truncated)", Main.describe(new java.io.UncheckedIOException(
                "images/a.png: cannot decode png (truncated)", new java.io.IOException("truncated"))));
        var missing = new java.nio.file.NoSuchFileException("images/b.png");
        assertEquals("NoSuchFileException: images/b.png",
                Main.describe(new java.io.UncheckedIOException(missing)), "the JDK's wrapping names the cause");
        assertEquals("NoSuchFileException: images/b.png", Main.describe(missing));
        assertEquals("model.vireo: not a readable .vireo file",
                Main.describe(new java.io.IOException("model.vireo: not a readable .vireo file\n(details)")));
    }

    @Test
    void debugAddsTheStackTrace() {
        var err = new StringWriter();
        Main.execute(new CommandLine(new Tool()), new String[]{"fill"}, new PrintWriter(err, true), true);
        assertTrue(err.toString().contains("java.lang.OutOfMemoryError: Java heap space"), err.toString());
        assertTrue(err.toString().contains("at vireo.cli.MainTest$Exhausting.run"), err.toString());
    }
}
