package vireo.examples.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vireo.data.MainRunner;
import vireo.vision.datasets.FashionMNIST;

class SeedArgsTest {

    @Test
    void flagsSetTheirValuesAndHelpListsThem() {
        assertEquals(new SeedArgs(3, FashionMNIST.DEBIAN_ROOT, Path.of("results"), 0, 1, 0),
                SeedArgs.parse(new String[0], 3));
        assertEquals(new SeedArgs(2, Path.of("d"), Path.of("o"), 640, 7, 1), SeedArgs.parse(new String[]{"--epochs",
                "2", "--data", "d", "--out", "o", "--limit", "640", "--seed", "7", "--workers", "1"}, 3));
        var help = assertThrows(MainRunner.HelpRequested.class, () -> SeedArgs.parse(new String[]{"--help"}, 3));
        assertTrue(help.getMessage().startsWith("--epochs N --data DIR"), help.getMessage());
    }
}
