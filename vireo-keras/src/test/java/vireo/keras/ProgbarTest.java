package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.keras.callbacks.Progbar;
import vireo.keras.internal.PyFormat;

class ProgbarTest {

    private static final String B = "\u001b[1m";
    private static final String R = "\u001b[0m";
    private static final String G = "\u001b[32m";
    private static final String W = "\u001b[37m";

    private double now;

    private static Map<String, Double> logs(double acc, double loss) {
        var m = new LinkedHashMap<String, Double>();
        m.put("accuracy", acc);
        m.put("loss", loss);
        return m;
    }

    @Test
    void keras3LinesWithoutATerminal() {
        var buf = new ByteArrayOutputStream();
        now = 0;
        var bar = new Progbar(3, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), false, () -> now);
        now = 1.0;
        bar.update(1, logs(0.5, 1.0), false);
        now = 1.5;
        bar.update(2, logs(0.7, 0.8), false);
        now = 1.52;
        bar.update(2, logs(0.7, 0.8), false); // within 0.05 s of the last line: skipped
        now = 2.0;
        bar.update(3, logs(0.75, 0.7), true);
        String expected = "\n" + B + "1/3" + R + " " + G + "━".repeat(6) + R + W + "━".repeat(14) + R
                + " " + B + "2s" + R + " 1s/step - accuracy: 0.5000 - loss: 1.0000"
                + "\n" + B + "2/3" + R + " " + G + "━".repeat(13) + R + W + "━".repeat(7) + R
                + " " + B + "0s" + R + " 500ms/step - accuracy: 0.6000 - loss: 0.9000"
                + "\n" + B + "3/3" + R + " " + G + "━".repeat(20) + R + W + R
                + " " + B + "2s" + R + " 500ms/step - accuracy: 0.7500 - loss: 0.7000\n";
        assertEquals(expected, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verboseTwoPrintsOneLinePerEpoch() {
        var buf = new ByteArrayOutputStream();
        now = 0;
        var bar = new Progbar(469, 2, new PrintStream(buf, true, StandardCharsets.UTF_8), false, () -> now);
        for (int i = 1; i <= 469; i++) {
            now = 0.0064 * i;
            bar.update(i, logs(0.9, 0.0001), i == 469);
        }
        assertEquals("469/469 - 3s - 6ms/step - accuracy: 0.9000 - loss: 1.0000e-04\n",
                buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void terminalRewritesTheLine() {
        var buf = new ByteArrayOutputStream();
        now = 0;
        var bar = new Progbar(2, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), true, () -> now);
        now = 0.5;
        bar.update(1, Map.of("loss", 0.5), false);
        String first = buf.toString(StandardCharsets.UTF_8);
        assertEquals('\r', first.charAt(0));
        now = 1.0;
        bar.update(2, Map.of("loss", 0.25), true);
        String all = buf.toString(StandardCharsets.UTF_8);
        int visible = "1/2 ━━━━━━━━━━━━━━━━━━━━ 0s 500ms/step - loss: 0.5000".length();
        assertEquals("\b".repeat(visible) + "\r", all.substring(first.length(), first.length() + visible + 1));
    }

    @Test
    void pythonNumberFormatting() {
        assertEquals("0.1235", Progbar.fixed4(0.12345678));
        assertEquals("0.1250", Progbar.fixed4(0.125));
        assertEquals("1.2346e-04", Progbar.sci4(0.000123456));
        assertEquals("1e-05", PyFormat.repr(1e-5));
        assertEquals("0.001", PyFormat.repr(0.001));
        assertEquals("100.0", PyFormat.repr(100));
        assertEquals("weights.03-0.12.vireo",
                PyFormat.formatNamed("weights.{epoch:02d}-{val_loss:.2f}.vireo", Map.of("epoch", 3, "val_loss", 0.123)));
    }
}
