package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.tensor.Tensor;

/**
 * {@code transforms.Normalize(mean, std)}: {@code (x - mean[c]) / std[c]} per channel, on a tensor (after
 * {@link ToTensor}).
 *
 * <p>Shapes: {@code [C, H, W]} → same.
 */
public final class Normalize implements Transform<Tensor, Tensor> {

    /** The ImageNet statistics torchvision's pretrained weights expect (RGB). */
    public static final Normalize IMAGENET = new Normalize(new double[]{0.485, 0.456, 0.406},
            new double[]{0.229, 0.224, 0.225});

    private final double[] mean;
    private final double[] std;

    public Normalize(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("Normalize: expected as many means as stds (at least one), received "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (s == 0) {
                throw new IllegalArgumentException("Normalize: std evaluated to zero, leading to division by zero");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public Tensor apply(Tensor t, Generator random) {
        return Functional.normalize(t, mean, std);
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + java.util.Arrays.toString(mean) + ", std=" + java.util.Arrays.toString(std) + ")";
    }
}
