package vireo.keras.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.data.MainRunner;

class ExampleArgsTest {

    @Test
    void helpListsTheOptionsAndBadInputNamesTheFlagAndTheOptions() {
        var help = assertThrows(MainRunner.HelpRequested.class, () -> ExampleArgs.parse(new String[]{"--help"}, 3));
        assertTrue(help.getMessage().startsWith("--epochs N --data DIR"), help.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> ExampleArgs.parse(new String[]{"--epochs"}, 3));
        assertTrue(missing.getMessage().startsWith("missing value after --epochs; options: --epochs N"),
                missing.getMessage());
        var bad = assertThrows(IllegalArgumentException.class,
                () -> ExampleArgs.parse(new String[]{"--verbose", "loud"}, 3));
        assertTrue(bad.getMessage().startsWith("--verbose expects a whole number, received 'loud'"), bad.getMessage());
    }
}
