package vireo.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.io.safetensors.SafeTensors;
import vireo.tensor.Tensor;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("model.safetensors");
        SafeTensors.write(Map.of("w", Tensor.of(1f, 2f)), target);
        byte[] before = Files.readAllBytes(target);
        var e = assertThrows(IOException.class, () -> AtomicFiles.replace(target, ch -> {
            ch.write(ByteBuffer.wrap(new byte[4096]));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void uncheckedFailuresCleanUpToo() throws IOException {
        Path target = dir.resolve("x.bin");
        Files.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.replace(target, ch -> {
            throw new IllegalStateException("bug in a writer");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aFailedRenameLeavesWhatWasThereAndNoTemporary() throws IOException {
        // The target is a non-empty directory: everything is written, then the final rename fails.
        Path target = dir.resolve("model.safetensors");
        Files.createDirectory(target);
        Path inside = Files.writeString(target.resolve("keep.txt"), "keep");
        assertThrows(IOException.class, () -> SafeTensors.write(Map.of("w", Tensor.of(1f)), target));
        assertEquals("keep", Files.readString(inside));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aRefusedMapNeverTouchesTheOldFile() throws IOException {
        Path target = dir.resolve("model.safetensors");
        SafeTensors.write(Map.of("w", Tensor.of(1f, 2f)), target);
        byte[] before = Files.readAllBytes(target);
        assertThrows(IOException.class, () -> SafeTensors.write(Map.of("__metadata__", Tensor.of(1f)), target));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aReadOnlyDirectoryFailsCleanly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX only");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Path target = ro.resolve("model.safetensors");
        SafeTensors.write(Map.of("w", Tensor.of(1f)), target);
        byte[] before = Files.readAllBytes(target);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root: permissions are not enforced");
            assertThrows(IOException.class, () -> SafeTensors.write(Map.of("w", Tensor.of(2f)), target));
            assertArrayEquals(before, Files.readAllBytes(target));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theNewFileGetsOrdinaryPermissionsNotATempFilesOwnerOnlyOnes() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX only");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.replace(atomic, ch -> ch.write(ByteBuffer.wrap(new byte[]{'x'})));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(atomic));
        assertTrue(Files.exists(atomic));
    }
}
