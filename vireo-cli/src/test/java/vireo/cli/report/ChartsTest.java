package vireo.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void classesOnOnePointShareALabel() {
        Chart chart = Charts.perClassVsCount(new double[]{0.9, 0.9, 0.5}, new long[]{60, 60, 20},
                List.of("Ankle_boot", "Sneaker", "Bag"));
        String svg = chart.toSvg();
        assertTrue(svg.contains(">Ankle_boot, Sneaker (90%)</text>"), svg);
        assertTrue(svg.contains(">Bag (50%)</text>"), svg);
        assertEquals(2, svg.split("<circle").length - 1, "one dot per distinct point");
    }

    @Test
    void svgAndPngComeFromTheSameDrawing() {
        Chart chart = Charts.confusion(new long[][]{{5, 1}, {2, 7}}, List.of("cat", "dog & <fox>"));
        String svg = chart.toSvg();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + chart.width() + "\""), svg);
        assertTrue(svg.contains("dog &amp; &lt;fox&gt;"), "text is escaped");
        assertFalse(svg.contains("<fox>"));
        BufferedImage png = chart.toPng();
        assertEquals(chart.width(), png.getWidth());
        assertEquals(chart.height(), png.getHeight());
        // The diagonal cell with 7 of 9 is drawn dark green in the PNG too.
        int rgb = png.getRGB(150 + chart.width() * 0 + 64 + 32, 70 + 64 + 10);
        assertTrue((rgb >> 8 & 0xff) > (rgb >> 16 & 0xff) + 40, Integer.toHexString(rgb));
    }

    @Test
    void ticksAreRound() {
        assertArrayEquals(new double[]{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}, Plot.ticks(0, 1.05), 1e-9);
        assertArrayEquals(new double[]{0, 20, 40, 60}, Plot.ticks(0, 66), 1e-9);
        assertArrayEquals(new double[]{1, 2, 3}, Plot.integerTicks(1, 3), 1e-9);
    }
}
