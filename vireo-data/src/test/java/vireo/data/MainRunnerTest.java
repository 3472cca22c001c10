package vireo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainRunnerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyThatReturnsGivesStatusZeroAndPrintsNothing() {
        assertEquals(0, MainRunner.run("demo", () -> { }, err));
        assertEquals("", printed());
    }

    @Test
    void aBadInputEndsWithItsMessageOnOneLineAndStatusOne() {
        assertEquals(1, MainRunner.run("lenet5", () -> {
            throw new UncheckedIOException(new IOException("FashionMNIST: cannot find the train split under /x"));
        }, err));
        assertEquals(1, MainRunner.run("cnn", () -> {
            throw new IllegalArgumentException("unknown option --epoch");
        }, err));
        assertEquals(1, MainRunner.run("avp", () -> {
            throw new IOException("/tmp/a.jpg: not an image");
        }, err));
        assertEquals(1, MainRunner.run("keras", () -> {
            throw new UncheckedIOException("CSVLogger: cannot write log.csv", new IOException("No space left on device"));
        }, err));
        assertEquals(1, MainRunner.run("net", () -> {
            throw new java.nio.file.NoSuchFileException("runs/model.safetensors");
        }, err));
        assertEquals(String.join(System.lineSeparator(), "lenet5: FashionMNIST: cannot find the train split under /x",
                "cnn: unknown option --epoch", "avp: /tmp/a.jpg: not an image",
                "keras: CSVLogger: cannot write log.csv: No space left on device",
                "net: NoSuchFileException: runs/model.safetensors", ""), printed());
    }

    @Test
    void runningOutOfHeapSaysTheLimitAndHowToRaiseIt() {
        assertEquals(1, MainRunner.run("lenet5", () -> {
            throw new OutOfMemoryError("Java heap space");
        }, err));
        String mb = Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)) + " MB";
        assertEquals("lenet5: out of memory: the Java heap is limited to " + mb + "; raise the limit with -Xmx (for the"
                + " vireo script: VIREO_JAVA_OPTS=-Xmx4g) or use a smaller batch size" + System.lineSeparator(),
                printed());
    }

    @Test
    void otherFailuresAreBugsAndPropagate() {
        assertThrows(NullPointerException.class, () -> MainRunner.run("demo", () -> {
            throw new NullPointerException("a bug");
        }, err));
        assertEquals("", printed());
    }
}
