package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliExceptionTest {

    private static final Path FILE = Path.of("runs", "w.pth");

    @Test
    void aReadersMessageThatNamesTheFileIsNotPrefixedAgain() {
        var e = CliException.cannotRead("weights", FILE, new IOException(FILE + ": truncated zip\n(details)"));
        assertEquals("cannot read weights " + FILE + ": truncated zip", e.getMessage());
        assertEquals(CliException.USAGE, e.exitCode());
    }

    @Test
    void otherReasonsGetTheFileInFront() {
        assertEquals("cannot read --weights " + FILE + ": expected 4 dimensions",
                CliException.cannotRead("--weights", FILE, new IllegalArgumentException("expected 4 dimensions"))
                        .getMessage());
        assertEquals("cannot read " + FILE + ": NoSuchFileException: " + FILE,
                CliException.cannotRead("", FILE, new NoSuchFileException(FILE.toString())).getMessage());
        assertEquals("cannot read " + FILE + ": NullPointerException",
                CliException.cannotRead("", FILE, new NullPointerException()).getMessage());
        assertEquals("cannot read image " + FILE + ": cannot decode png (truncated)",
                CliException.cannotRead("image", FILE, new UncheckedIOException(
                        new IOException(FILE + ": cannot decode png (truncated)"))).getMessage());
    }
}
