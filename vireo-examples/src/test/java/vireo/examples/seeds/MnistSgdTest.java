package vireo.examples.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistSgdTest {

    @TempDir
    Path tmp;

    @Test
    void anUnusableOutputFolderFailsBeforeTheDataIsRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("results"), "not a folder");
        String missingData = tmp.resolve("no-data").toString();
        var e = assertThrows(IllegalArgumentException.class,
                () -> MnistSgd.run(new String[]{"--out", file.toString(), "--data", missingData}));
        assertEquals("--out " + file + " is a file (expected a folder for model.safetensors and optimizer.safetensors)",
                e.getMessage());
        assertThrows(java.nio.file.FileSystemException.class,
                () -> MnistSgd.run(new String[]{"--out", file.resolve("sub").toString(), "--data", missingData}));
    }
}
