package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/**
 * {@code transforms.ColorJitter(brightness, contrast, saturation, hue)}: brightness, contrast and saturation
 * factors uniform in {@code [max(0, 1 - v), 1 + v]}, a hue shift uniform in {@code [-hue, hue]}, applied in a
 * random order. A zero argument skips that adjustment and draws nothing for it, as in torchvision.
 */
public final class ColorJitter implements Transform<Image, Image> {

    /**
     * Drawn parameters: the order of the four adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue) and each
     * factor, {@code NaN} for a skipped one.
     */
    public record Params(int[] order, double brightness, double contrast, double saturation, double hue) {
    }

    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        check("brightness", brightness, Double.MAX_VALUE);
        check("contrast", contrast, Double.MAX_VALUE);
        check("saturation", saturation, Double.MAX_VALUE);
        check("hue", hue, 0.5);
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
    }

    private static void check(String name, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new IllegalArgumentException("ColorJitter: " + name + " should be in [0, " + max + "], received "
                    + v);
        }
    }

    public Params params(Generator random) {
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) { // Fisher–Yates, like randperm(4)
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double b = brightness == 0 ? Double.NaN
                : RandomResizedCrop.uniform(random, Math.max(0, 1 - brightness), 1 + brightness);
        double c = contrast == 0 ? Double.NaN
                : RandomResizedCrop.uniform(random, Math.max(0, 1 - contrast), 1 + contrast);
        double s = saturation == 0 ? Double.NaN
                : RandomResizedCrop.uniform(random, Math.max(0, 1 - saturation), 1 + saturation);
        double h = hue == 0 ? Double.NaN : RandomResizedCrop.uniform(random, -hue, hue);
        return new Params(order, b, c, s, h);
    }

    /** Applies drawn (or chosen) parameters. */
    public static Image apply(Image img, Params p) {
        for (int fn : p.order()) {
            switch (fn) {
                case 0 -> img = Double.isNaN(p.brightness()) ? img : Functional.adjustBrightness(img, p.brightness());
                case 1 -> img = Double.isNaN(p.contrast()) ? img : Functional.adjustContrast(img, p.contrast());
                case 2 -> img = Double.isNaN(p.saturation()) ? img : Functional.adjustSaturation(img, p.saturation());
                default -> img = Double.isNaN(p.hue()) ? img : Functional.adjustHue(img, p.hue());
            }
        }
        return img;
    }

    @Override
    public Image apply(Image img, Generator random) {
        return apply(img, params(random));
    }

    @Override
    public String toString() {
        return "ColorJitter(brightness=" + brightness + ", contrast=" + contrast + ", saturation=" + saturation
                + ", hue=" + hue + ")";
    }
}
