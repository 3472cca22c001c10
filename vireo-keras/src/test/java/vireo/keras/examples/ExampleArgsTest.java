package vireo.keras.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vireo.data.MainRunner;
import vireo.vision.datasets.FashionMNIST;

class ExampleArgsTest {

    @Test
    void flagsSetTheirValuesAndHelpListsThem() {
        assertEquals(new ExampleArgs(3, FashionMNIST.DEBIAN_ROOT, 0, 1, null, 1), ExampleArgs.parse(new String[0], 3));
        assertEquals(new ExampleArgs(2, Path.of("d"), 640, 7, Path.of("m.vireo"), 0), ExampleArgs.parse(new String[]{
                "--epochs", "2", "--data", "d", "--limit", "640", "--seed", "7", "--save", "m.vireo", "--verbose", "0"},
                3));
        var help = assertThrows(MainRunner.HelpRequested.class, () -> ExampleArgs.parse(new String[]{"--help"}, 3));
        assertTrue(help.getMessage().startsWith("--epochs N --data DIR"), help.getMessage());
    }
}
