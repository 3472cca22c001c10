package vireo.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.tensor.Tensor;

class VireoArchiveTest {

    @TempDir
    Path dir;

    private Path sample() throws IOException {
        Path f = dir.resolve("m.vireo");
        VireoArchive.writer()
                .json("config.json", Map.of("class_name", "Classifier"))
                .tensors("model.safetensors", Map.of("w", Tensor.arange(6).reshape(2, 3).toFloat()),
                        Map.of("format", "pt"))
                .write(f, VireoArchive.Kind.CLI_CLASSIFIER, 1, Map.of("epochs", 3));
        return f;
    }

    @Test
    void roundTripsEntriesInOrderWithMetadataLast() throws IOException {
        VireoArchive a = VireoArchive.read(sample());
        assertEquals(List.of("config.json", "model.safetensors", "metadata.json"), a.names());
        assertEquals("Classifier", a.json("config.json").get("class_name"));
        VireoArchive.Tensors t = a.tensors("model.safetensors");
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5}, t.tensors().get("w").toFloatArray());
        assertEquals("pt", t.metadata().get("format"));
        assertEquals(VireoArchive.Kind.CLI_CLASSIFIER, a.kind());
        assertEquals(3L, a.metadata().get("epochs"));
        assertEquals(List.of("format", "format_version", "vireo_version", "java_version", "date_saved", "epochs",
                "sha256"), List.copyOf(a.metadata().keySet()));
        a.require(VireoArchive.Kind.CLI_CLASSIFIER, 1);
        var e = assertThrows(IOException.class, () -> a.bytes("optimizer.safetensors"));
        assertTrue(e.getMessage().contains("missing optimizer.safetensors; entries present: [config.json"),
                e.getMessage());
    }

    @Test
    void requireNamesWhatTheFileHoldsAndWhatToUse() throws IOException {
        Path f = sample();
        VireoArchive a = VireoArchive.read(f);
        var e = assertThrows(IOException.class, () -> a.require(VireoArchive.Kind.KERAS, 1));
        assertEquals(f + " holds an image classifier trained by the vireo command, not a Keras Sequential model; "
                + "use it with vireo evaluate, predict or summary --model " + f, e.getMessage());
        var newer = assertThrows(IOException.class, () -> a.require(VireoArchive.Kind.CLI_CLASSIFIER, 0));
        assertTrue(newer.getMessage().contains("format version 1 is newer than this Vireo reads (0)"),
                newer.getMessage());
    }

    @Test
    void truncatedAlteredAndForeignFilesFailNamingTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(sample());
        for (int cut : new int[]{0, 10, bytes.length / 3, bytes.length / 2, bytes.length - 30}) {
            Path f = Files.write(dir.resolve("cut" + cut + ".vireo"), Arrays.copyOf(bytes, cut));
            var e = assertThrows(IOException.class, () -> VireoArchive.read(f), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        Path notZip = Files.writeString(dir.resolve("text.vireo"), "hello, I am not a zip");
        var e = assertThrows(IOException.class, () -> VireoArchive.read(notZip));
        assertTrue(e.getMessage().contains("not a readable .vireo file (a zip)"), e.getMessage());

        Path foreign = dir.resolve("foreign.vireo");
        zip(foreign, Map.of("archive/data.pkl", "x"));
        var f2 = assertThrows(IOException.class, () -> VireoArchive.read(foreign));
        assertTrue(f2.getMessage().contains("missing metadata.json; entries present: [archive/data.pkl]"),
                f2.getMessage());
    }

    @Test
    void everyEntryMustBeListedAndMatchItsChecksum() throws IOException {
        VireoArchive a = VireoArchive.read(sample());
        String meta = new String(a.bytes("metadata.json"), StandardCharsets.UTF_8);
        String config = new String(a.bytes("config.json"), StandardCharsets.UTF_8);

        Path altered = dir.resolve("altered.vireo");
        zip(altered, Map.of("config.json", config.replace("Classifier", "Classified"), "metadata.json", meta));
        var e = assertThrows(IOException.class, () -> VireoArchive.read(altered));
        assertTrue(e.getMessage().contains("entry config.json does not match its SHA-256"), e.getMessage());

        Path extra = dir.resolve("extra.vireo");
        zip(extra, Map.of("config.json", config, "smuggled.bin", "x", "metadata.json", meta));
        var e2 = assertThrows(IOException.class, () -> VireoArchive.read(extra));
        assertTrue(e2.getMessage().contains("entry smuggled.bin is not listed in metadata.json"), e2.getMessage());

        Path dropped = dir.resolve("dropped.vireo");
        zip(dropped, Map.of("config.json", config, "metadata.json", meta));
        var e3 = assertThrows(IOException.class, () -> VireoArchive.read(dropped));
        assertTrue(e3.getMessage().contains("entry model.safetensors listed in metadata.json is missing"),
                e3.getMessage());
    }

    @Test
    void theWriterRefusesDuplicateAndReservedNames() {
        var w = VireoArchive.writer().json("config.json", Map.of());
        var dup = assertThrows(IllegalArgumentException.class, () -> w.json("config.json", Map.of()));
        assertEquals("entry config.json: added twice", dup.getMessage());
        var own = assertThrows(IllegalArgumentException.class, () -> w.json("metadata.json", Map.of()));
        assertEquals("entry metadata.json: written by the archive itself", own.getMessage());
    }

    private static void zip(Path path, Map<String, String> entries) throws IOException {
        var buf = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(buf)) {
            // Keep the given order: metadata.json last, as a writer would put it.
            for (String name : entries.keySet().stream().sorted((a, b) -> a.equals("metadata.json") ? 1
                    : b.equals("metadata.json") ? -1 : a.compareTo(b)).toList()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(path, buf.toByteArray());
    }
}
