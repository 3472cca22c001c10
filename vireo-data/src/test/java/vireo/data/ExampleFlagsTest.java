package vireo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleFlagsTest {

    private static final String OPTIONS = "--epochs N --data DIR --fast";

    private static ExampleFlags parse(String... args) {
        return ExampleFlags.parse(args, OPTIONS, Set.of("--epochs", "--data"), Set.of("--fast"));
    }

    @Test
    void valuesSwitchesAndFallbacks() {
        ExampleFlags f = parse("--epochs", "2", "--fast", "--epochs", "5");
        assertEquals(5, f.integer("--epochs", 3), "the last value wins");
        assertTrue(f.on("--fast"));
        assertEquals(Path.of("d"), f.path("--data", Path.of("d")));
        assertNull(f.path("--data", null));
        assertFalse(parse().on("--fast"));
        assertEquals(7L, parse("--epochs", "7").wholeNumber("--epochs", 1));
    }

    @Test
    void helpAndEveryErrorListTheOptions() {
        var help = assertThrows(MainRunner.HelpRequested.class, () -> parse("--epochs", "2", "-h"));
        assertEquals(OPTIONS, help.getMessage());
        assertThrows(MainRunner.HelpRequested.class, () -> parse("--help"));
        assertEquals("unknown option --epoch; options: " + OPTIONS,
                assertThrows(IllegalArgumentException.class, () -> parse("--epoch", "2")).getMessage());
        assertEquals("missing value after --data; options: " + OPTIONS,
                assertThrows(IllegalArgumentException.class, () -> parse("--data")).getMessage());
        assertEquals("--epochs expects a whole number, received 'two'; options: " + OPTIONS,
                assertThrows(IllegalArgumentException.class, () -> parse("--epochs", "two").integer("--epochs", 3))
                        .getMessage());
        assertEquals("--epochs expects a whole number up to 2147483647, received '9999999999'; options: " + OPTIONS,
                assertThrows(IllegalArgumentException.class,
                        () -> parse("--epochs", "9999999999").integer("--epochs", 3)).getMessage());
    }
}
