package vireo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainRunnerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyThatReturnsGivesStatusZeroAndPrintsNothing() {
        assertEquals(0, MainRunner.run("demo", () -> { }, out, err));
        assertEquals("", printed());
    }

    @Test
    void aBadInputEndsWithItsMessageOnOneLineAndStatusOne() {
        assertEquals(1, MainRunner.run("lenet5", () -> {
            throw new UncheckedIOException(new IOException("FashionMNIST: cannot find the train split under /x"));
        }, out, err));
        assertEquals(1, MainRunner.run("cnn", () -> {
            throw new IllegalArgumentException("unknown option --epoch");
        }, out, err));
        assertEquals(1, MainRunner.run("avp", () -> {
            throw new IOException("/tmp/a.jpg: not an image");
        }, out, err));
        assertEquals(1, MainRunner.run("keras", () -> {
            throw new UncheckedIOException("CSVLogger: cannot write log.csv", new IOException("No space left on device"));
        }, out, err));
        assertEquals(1, MainRunner.run("net", () -> {
            throw new java.nio.file.NoSuchFileException("runs/model.safetensors");
        }, out, err));
        assertEquals(String.join(System.lineSeparator(), "lenet5: FashionMNIST: cannot find the train split under /x",
                "cnn: unknown option --epoch", "avp: /tmp/a.jpg: not an image",
                "keras: CSVLogger: cannot write log.csv: No space left on device",
                "net: NoSuchFileException: runs/model.safetensors", ""), printed());
    }

    @Test
    void askedForHelpItPrintsTheOptionsToStandardOutputAndSucceeds() {
        assertEquals(0, MainRunner.run("lenet5", () -> {
            throw new MainRunner.HelpRequested("--epochs N --data DIR");
        }, out, err));
        assertEquals("lenet5 options: --epochs N --data DIR" + System.lineSeparator(),
                outBytes.toString(StandardCharsets.UTF_8));
        assertEquals("", printed());
        assertTrue(MainRunner.asksForHelp("--help") && MainRunner.asksForHelp("-h"));
        assertFalse(MainRunner.asksForHelp("--epochs"));
    }

    @Test
    void runningOutOfHeapSaysTheLimitAndHowToRaiseIt() {
        assertEquals(1, MainRunner.run("lenet5", () -> {
            throw new OutOfMemoryError("Java heap space");
        }, out, err));
        String mb = Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)) + " MB";
        assertEquals("lenet5: out of memory: the Java heap is limited to " + mb + "; raise the limit with -Xmx (for the"
                + " vireo script: VIREO_JAVA_OPTS=-Xmx4g) or use a smaller batch size" + System.lineSeparator(),
                printed());
    }

    @Test
    void otherFailuresAreBugsAndPropagate() {
        assertThrows(NullPointerException.class, () -> MainRunner.run("demo", () -> {
            throw new NullPointerException("a bug");
        }, out, err));
        assertEquals("", printed());
    }
}
