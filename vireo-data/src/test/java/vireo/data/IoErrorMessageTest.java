package vireo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import vireo.vision.datasets.IdxReader;

class IoErrorMessageTest {

    @Test
    void vireosOwnErrorsAreTheirMessage() {
        assertEquals("/tmp/a.jpg: not an image", IoErrorMessage.of(new IOException("/tmp/a.jpg: not an image")));
        assertEquals("t10k-labels-idx1-ubyte.gz: truncated",
                IoErrorMessage.of(new IdxReader.IdxFormatException("t10k-labels-idx1-ubyte.gz: truncated")));
    }

    @Test
    void theJdksErrorsAreNamedByTheirClass() {
        assertEquals("NoSuchFileException: data/train", IoErrorMessage.of(new NoSuchFileException("data/train")));
        assertEquals("ZipException: zip END header not found",
                IoErrorMessage.of(new ZipException("zip END header not found")));
        assertEquals("FileSystemException: out: Not a directory",
                IoErrorMessage.of(new FileSystemException("out", null, "Not a directory")));
        assertEquals("EOFException", IoErrorMessage.of(new EOFException()));
        assertEquals("IOException", IoErrorMessage.of(new IOException()));
    }

    @Test
    void aWrapperKeepsItsContextAndAddsTheReason() {
        var full = new IOException("No space left on device");
        assertEquals("CSVLogger: cannot write log.csv: No space left on device",
                IoErrorMessage.of(new UncheckedIOException("CSVLogger: cannot write log.csv", full)));
        assertEquals("ModelCheckpoint: cannot save best.vireo: AccessDeniedException: best.vireo",
                IoErrorMessage.of(new UncheckedIOException("ModelCheckpoint: cannot save best.vireo",
                        new java.nio.file.AccessDeniedException("best.vireo"))));
    }

    @Test
    void onlyIoErrorsAreWordedHere() {
        assertEquals(java.util.Optional.of("NoSuchFileException: a"),
                IoErrorMessage.ifIoError(new UncheckedIOException(new NoSuchFileException("a"))));
        assertEquals(java.util.Optional.of("a: bad"), IoErrorMessage.ifIoError(new IOException("a: bad")));
        assertEquals(java.util.Optional.empty(), IoErrorMessage.ifIoError(new IllegalStateException("a")));
    }

    @Test
    void aWrapperThatRepeatsItsCauseSaysItOnce() {
        var decode = new IOException("images/a.png: cannot decode png (truncated)");
        assertEquals("images/a.png: cannot decode png (truncated)",
                IoErrorMessage.of(new UncheckedIOException(decode.getMessage(), decode)));
        assertEquals("ImageFolder (strict): images/a.png: cannot decode png (truncated)",
                IoErrorMessage.of(new UncheckedIOException("ImageFolder (strict): " + decode.getMessage(), decode)));
        var missing = new NoSuchFileException("images/b.png");
        assertEquals("NoSuchFileException: images/b.png", IoErrorMessage.of(new UncheckedIOException(missing)),
                "the JDK's wrapping, whose message is its cause's toString()");
        assertEquals("NoSuchFileException: images/b.png",
                IoErrorMessage.of(new UncheckedIOException(missing.getMessage(), missing)));
        assertEquals("FashionMNIST: cannot find the train split under /x", IoErrorMessage.of(
                new UncheckedIOException(new IOException("FashionMNIST: cannot find the train split under /x"))));
    }
}
