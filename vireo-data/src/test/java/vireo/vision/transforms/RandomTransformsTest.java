package vireo.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/** Parameter ranges, statistics and determinism of the random transforms. */
class RandomTransformsTest {

    private static final Image WIDE = Fixtures.source("wide");

    @Test
    void randomResizedCropDrawsBoxesInsideTheImageWithTheRequestedAreaAndRatio() {
        var t = new RandomResizedCrop(224);
        Generator g = new Generator(3);
        double sumScale = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            int[] b = t.params(200, 100, g);
            int top = b[0];
            int left = b[1];
            int h = b[2];
            int w = b[3];
            assertTrue(top >= 0 && left >= 0 && top + h <= 100 && left + w <= 200 && h > 0 && w > 0,
                    Arrays.toString(b));
            double scale = (double) h * w / (200 * 100);
            double ratio = (double) w / h;
            assertTrue(scale <= 1.0 + 0.02, "area fraction " + scale);
            // Rounding the sides to pixels moves the ratio a little past the bounds for small crops.
            assertTrue(ratio > 0.75 * 0.8 && ratio < 4.0 / 3.0 * 1.25, "ratio " + ratio);
            sumScale += scale;
        }
        // Tall crops of large area do not fit in a 200x100 image and are redrawn, so the mean is below 0.54.
        double mean = sumScale / n;
        assertTrue(mean > 0.3 && mean < 0.54, "mean area fraction " + mean);
    }

    @Test
    void randomResizedCropFallsBackToTheCentralCrop() {
        // scale (1, 1) with ratio 1 asks for a 141x141 square, which never fits in 200x100.
        var t = new RandomResizedCrop(10, 10, 1.0, 1.0, 1.0, 1.0, Interpolation.BILINEAR);
        assertArrayEquals(new int[]{0, 50, 100, 100}, t.params(200, 100, new Generator(1)));
        Image out = t.apply(WIDE, new Generator(1));
        assertEquals(10, out.width());
        assertEquals(10, out.height());
    }

    @Test
    void sameSeedSameAugmentationDifferentSeedDifferent() {
        Transform<Image, Tensor> aug = Compose.of(new RandomResizedCrop(32), new RandomHorizontalFlip(),
                new ColorJitter(0.4, 0.4, 0.4, 0.1), new RandomAffine(10).translate(0.1, 0.1).scale(0.9, 1.1)
                        .shear(5), new RandomRotation(15), new ToTensor(), Normalize.IMAGENET);
        float[] a = aug.apply(WIDE, new Generator(42)).toFloatArray();
        float[] b = aug.apply(WIDE, new Generator(42)).toFloatArray();
        float[] c = aug.apply(WIDE, new Generator(43)).toFloatArray();
        assertArrayEquals(a, b);
        assertEquals(3 * 32 * 32, a.length);
        assertTrue(!Arrays.equals(a, c), "a different seed should give a different crop");
    }

    @Test
    void flipsFollowTheirProbability() {
        Generator g = new Generator(7);
        var flip = new RandomHorizontalFlip();
        Image flipped = Functional.hflip(WIDE);
        int n = 2000;
        int count = 0;
        for (int k = 0; k < n; k++) {
            Image out = (Image) flip.apply(WIDE, g);
            if (out.equals(flipped)) {
                count++;
            } else {
                assertEquals(WIDE, out);
            }
        }
        assertTrue(Math.abs(count - n / 2) < 4 * Math.sqrt(n / 4.0), "flipped " + count + " of " + n);
        assertEquals(WIDE, new RandomVerticalFlip(0).apply(WIDE, g));
        assertEquals(Functional.vflip(WIDE), new RandomVerticalFlip(1).apply(WIDE, g));
        assertEquals(WIDE, Functional.hflip(Functional.hflip(WIDE)));
    }

    @Test
    void flipsWorkOnTensorsToo() {
        Tensor t = Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 1, 2, 3);
        assertArrayEquals(new float[]{3, 2, 1, 6, 5, 4},
                ((Tensor) new RandomHorizontalFlip(1).apply(t, new Generator(0))).toFloatArray());
        assertArrayEquals(new float[]{4, 5, 6, 1, 2, 3},
                ((Tensor) new RandomVerticalFlip(1).apply(t, new Generator(0))).toFloatArray());
        // A flipped tensor equals the tensor of the flipped image.
        assertArrayEquals(Functional.toTensor(Functional.hflip(WIDE)).toFloatArray(),
                Functional.hflip(Functional.toTensor(WIDE)).toFloatArray());
    }

    @Test
    void rotationAnglesAreUniformInRange() {
        var rot = new RandomRotation(-10, 30, FillMode.CONSTANT, 0);
        Generator g = new Generator(5);
        double sum = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            double a = rot.params(g);
            assertTrue(a >= -10 && a <= 30, "angle " + a);
            sum += a;
        }
        assertEquals(10.0, sum / n, 0.6);
        assertEquals(WIDE, new RandomRotation(0).apply(WIDE, g)); // angle 0 is the identity
    }

    @Test
    void affineParametersStayInRange() {
        var aff = new RandomAffine(20).translate(0.1, 0.2).scale(0.8, 1.2).shear(-5, 5, -3, 3);
        Generator g = new Generator(9);
        boolean sawNonZeroTy = false;
        for (int k = 0; k < 2000; k++) {
            RandomAffine.Params p = aff.params(97, 73, g);
            assertTrue(Math.abs(p.angle()) <= 20);
            assertTrue(Math.abs(p.tx()) <= Math.round(0.1 * 97), "tx " + p.tx());
            assertTrue(Math.abs(p.ty()) <= Math.round(0.2 * 73), "ty " + p.ty());
            assertTrue(p.scale() >= 0.8 && p.scale() <= 1.2);
            assertTrue(Math.abs(p.shearX()) <= 5 && Math.abs(p.shearY()) <= 3);
            sawNonZeroTy |= p.ty() != 0;
        }
        assertTrue(sawNonZeroTy);
        assertThrows(IllegalArgumentException.class, () -> new RandomAffine(5).translate(1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomAffine(-1));
    }

    @Test
    void nearestFillModeRepeatsTheEdgeInsteadOfFillingBlack() {
        Image white = Image.filled(20, 10, 255, 255, 255);
        Image constant = Functional.rotate(white, 45, FillMode.CONSTANT, 0);
        Image nearest = Functional.rotate(white, 45, FillMode.NEAREST);
        assertEquals(0, constant.get(0, 0, 0), "the corner has no source pixel");
        assertEquals(white, nearest);
        Image shifted = Functional.affine(Fixtures.source("wide"), 0, 10, 0, 1.0, 0, 0, FillMode.NEAREST);
        for (int y = 0; y < 73; y++) {
            for (int x = 0; x < 10; x++) { // shifted right by 10: the left band repeats column 0
                assertEquals(WIDE.get(0, y, 1), shifted.get(x, y, 1));
            }
        }
    }

    @Test
    void colorJitterDrawsFactorsInItsRangesInARandomOrder() {
        var cj = new ColorJitter(0.4, 0.3, 0.2, 0.1);
        Generator g = new Generator(11);
        boolean[][] seenAt = new boolean[4][4];
        for (int k = 0; k < 500; k++) {
            ColorJitter.Params p = cj.params(g);
            int[] sorted = p.order().clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[]{0, 1, 2, 3}, sorted);
            for (int i = 0; i < 4; i++) {
                seenAt[i][p.order()[i]] = true;
            }
            assertTrue(p.brightness() >= 0.6 && p.brightness() <= 1.4);
            assertTrue(p.contrast() >= 0.7 && p.contrast() <= 1.3);
            assertTrue(p.saturation() >= 0.8 && p.saturation() <= 1.2);
            assertTrue(Math.abs(p.hue()) <= 0.1);
        }
        for (boolean[] row : seenAt) {
            for (boolean seen : row) {
                assertTrue(seen, "every adjustment should appear at every position");
            }
        }
        ColorJitter.Params none = new ColorJitter(0, 0, 0, 0).params(g);
        assertTrue(Double.isNaN(none.brightness()) && Double.isNaN(none.hue()));
        assertEquals(WIDE, new ColorJitter(0, 0, 0, 0).apply(WIDE, g));
        assertNotEquals(WIDE, new ColorJitter(0.5, 0, 0, 0).apply(WIDE, g));
        assertThrows(IllegalArgumentException.class, () -> new ColorJitter(0, 0, 0, 0.6));
    }

    @Test
    void composeNamesTheTransformThatReceivedTheWrongInput() {
        Transform<Image, Tensor> wrong = Compose.of(new ToTensor(), new Resize(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrong.apply(WIDE, new Generator(0)));
        assertTrue(e.getMessage().contains("transform 1") && e.getMessage().contains("Tensor"), e.getMessage());
    }

    @Test
    void resizeKeepsTheAspectAndTruncatesTheLongSide() {
        Image out = new Resize(50).apply(WIDE); // 97x73: 50 * 97 / 73 = 66.4
        assertEquals(66, out.width());
        assertEquals(50, out.height());
        assertEquals(WIDE, new Resize(73).apply(WIDE), "already the size: unchanged");
    }
}
