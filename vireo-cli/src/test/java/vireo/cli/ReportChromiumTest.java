package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a run's report.html in headless Chromium (offline) and checks the screenshot shows the charts. */
class ReportChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void reportRendersOfflineInChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs /usr/bin/chromium (scripts/install-deps installs it)");
        Path shot = tmp.resolve("report.png");
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        var pb = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--screenshot=" + shot, "--window-size=1200,2000",
                TrainedRun.RUN.resolve("report.html").toUri().toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("chromium.log").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.log")));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        // Not blank: plenty of non-background pixels and the chart colours (train blue, validation orange).
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        int bg = img.getRGB(img.getWidth() - 1, img.getHeight() - 1) & 0xffffff;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                ink += rgb != bg ? 1 : 0;
            }
        }
        assertTrue(ink > 50_000, "mostly blank screenshot: " + ink + " sampled pixels differ from the background");
        assertTrue(colours.size() > 200, "too few colours for charts and images: " + colours.size());
        assertTrue(hasNear(img, 0x1f77b4) && hasNear(img, 0xff7f0e), "the loss curves' colours are missing");
    }

    private static boolean hasNear(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = img.getRGB(x, y);
                if (Math.abs((v >> 16 & 0xff) - (rgb >> 16 & 0xff)) < 12 && Math.abs((v >> 8 & 0xff) - (rgb >> 8 & 0xff)) < 12
                        && Math.abs((v & 0xff) - (rgb & 0xff)) < 12) {
                    return true;
                }
            }
        }
        return false;
    }
}
