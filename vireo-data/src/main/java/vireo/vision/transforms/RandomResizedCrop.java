package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.vision.io.Image;

/**
 * {@code transforms.RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3))}: a crop covering a random
 * fraction {@code scale} of the area with a random aspect ratio (log-uniform in {@code ratio}), resized to
 * {@code size}. Ten tries, then the central crop clamped to {@code ratio}, exactly as torchvision's
 * {@code get_params}.
 */
public final class RandomResizedCrop implements Transform<Image, Image> {

    private final int height;
    private final int width;
    private final double scaleMin;
    private final double scaleMax;
    private final double ratioMin;
    private final double ratioMax;
    private final Interpolation interpolation;

    public RandomResizedCrop(int size) {
        this(size, size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, Interpolation.BILINEAR);
    }

    public RandomResizedCrop(int height, int width, double scaleMin, double scaleMax, double ratioMin,
                             double ratioMax, Interpolation interpolation) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("RandomResizedCrop: expected a positive size, received " + height
                    + "x" + width);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && ratioMin > 0 && ratioMin <= ratioMax)) {
            throw new IllegalArgumentException("RandomResizedCrop: expected 0 < scale[0] <= scale[1] and "
                    + "0 < ratio[0] <= ratio[1], received scale (" + scaleMin + ", " + scaleMax + ") and ratio ("
                    + ratioMin + ", " + ratioMax + ")");
        }
        this.height = height;
        this.width = width;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.interpolation = interpolation;
    }

    /** The crop box {@code {top, left, height, width}} for an image of {@code imgW x imgH}. */
    public int[] params(int imgW, int imgH, Generator random) {
        double area = (double) imgH * imgW;
        double logMin = Math.log(ratioMin);
        double logMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * uniform(random, scaleMin, scaleMax);
            double aspect = Math.exp(uniform(random, logMin, logMax));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (0 < w && w <= imgW && 0 < h && h <= imgH) {
                int top = random.nextInt(imgH - h + 1);
                int left = random.nextInt(imgW - w + 1);
                return new int[]{top, left, h, w};
            }
        }
        double inRatio = (double) imgW / imgH;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = imgW;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = imgH;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = imgW;
            h = imgH;
        }
        return new int[]{(imgH - h) / 2, (imgW - w) / 2, h, w};
    }

    static double uniform(Generator random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    @Override
    public Image apply(Image img, Generator random) {
        int[] b = params(img.width(), img.height(), random);
        return Functional.resizedCrop(img, b[0], b[1], b[2], b[3], height, width, interpolation);
    }

    @Override
    public String toString() {
        return "RandomResizedCrop(" + height + "x" + width + ", scale=(" + scaleMin + ", " + scaleMax + "), ratio=("
                + ratioMin + ", " + ratioMax + "), " + interpolation + ")";
    }
}
