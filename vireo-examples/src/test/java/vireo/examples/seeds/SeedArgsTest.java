package vireo.examples.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vireo.data.MainRunner;

class SeedArgsTest {

    @Test
    void flagsSetTheirValues() {
        SeedArgs a = SeedArgs.parse(new String[]{"--epochs", "2", "--out", "o", "--limit", "640", "--seed", "7",
                "--workers", "1"}, 3);
        assertEquals(new SeedArgs(2, a.data(), Path.of("o"), 640, 7, 1), a);
    }

    @Test
    void helpListsTheOptionsAndBadValuesNameTheFlag() {
        var help = assertThrows(MainRunner.HelpRequested.class, () -> SeedArgs.parse(new String[]{"--help"}, 3));
        assertTrue(help.getMessage().startsWith("--epochs N --data DIR"), help.getMessage());
        assertThrows(MainRunner.HelpRequested.class, () -> SeedArgs.parse(new String[]{"--epochs", "2", "-h"}, 3));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> SeedArgs.parse(new String[]{"--epochs", "two"}, 3));
        assertTrue(bad.getMessage().startsWith("--epochs expects a whole number, received 'two'; options: --epochs N"),
                bad.getMessage());
    }
}
