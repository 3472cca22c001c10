package vireo.cli.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;
import vireo.vision.transforms.CenterCrop;
import vireo.vision.transforms.ColorJitter;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Interpolation;
import vireo.vision.transforms.RandomHorizontalFlip;
import vireo.vision.transforms.RandomResizedCrop;
import vireo.vision.transforms.RandomRotation;
import vireo.vision.transforms.Resize;
import vireo.vision.transforms.ToTensor;
import vireo.vision.transforms.Transform;

/**
 * How an image becomes a model input, saved with the model so {@code evaluate} and {@code predict} feed it exactly
 * what training did: resize the shorter side to {@code resize}, center-crop {@code size}, scale to [0, 1], average
 * to one channel when {@code channels == 1}, then normalise per channel. torchvision's ImageNet preset is
 * {@code resize 256, size 224, mean/std ImageNet's}.
 *
 * <p>Shapes: an image of any size → {@code [channels, size, size]} float32.
 */
public record Preprocessing(int channels, int size, int resize, double[] mean, double[] std) {

    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    /** torchvision's ImageNet evaluation preset at {@code size} (resize {@code size * 256 / 224}). */
    public static Preprocessing imagenet(int size) {
        return new Preprocessing(3, size, (int) Math.round(size * 256.0 / 224.0), IMAGENET_MEAN, IMAGENET_STD);
    }

    /** One channel in [0, 1] (no normalisation), as the MNIST-style tutorials feed their CNNs. */
    public static Preprocessing grayscale(int size) {
        return new Preprocessing(1, size, size, new double[]{0}, new double[]{1});
    }

    /** The deterministic pipeline: resize, center crop, tensor, normalise. */
    public Transform<Image, Tensor> eval() {
        Transform<Image, Image> geometry = Compose.of(new Resize(resize), new CenterCrop(size));
        return geometry.andThen(this::toInput);
    }

    /**
     * The training pipeline for {@code augment}: {@code none} is {@link #eval()}; {@code light} adds a horizontal
     * flip; {@code strong} a random resized crop (scale 0.6–1), flip, rotation up to 15° and colour jitter 0.2.
     */
    public Transform<Image, Tensor> train(String augment) {
        return switch (augment) {
            case "none" -> eval();
            case "light" -> {
                Transform<Image, Image> t = Compose.of(new Resize(resize), new CenterCrop(size),
                        new RandomHorizontalFlip());
                yield t.andThen(this::toInput);
            }
            case "strong" -> {
                Transform<Image, Image> t = Compose.of(new RandomResizedCrop(size, size, 0.6, 1.0, 3.0 / 4, 4.0 / 3,
                        Interpolation.BILINEAR), new RandomHorizontalFlip(), new RandomRotation(15),
                        new ColorJitter(0.2, 0.2, 0.2, 0));
                yield t.andThen(this::toInput);
            }
            default -> throw new IllegalArgumentException("augment: expected none, light or strong, received "
                    + augment);
        };
    }

    private Tensor toInput(Image img, Generator random) {
        float[] rgb = new ToTensor().apply(img, random).contiguous().floats();
        int h = img.height();
        int w = img.width();
        int plane = h * w;
        float[] out = new float[channels * plane];
        if (channels == 1) {
            for (int i = 0; i < plane; i++) {
                out[i] = (float) (((rgb[i] + rgb[plane + i] + rgb[2 * plane + i]) / 3f - mean[0]) / std[0]);
            }
        } else {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    out[c * plane + i] = (float) ((rgb[c * plane + i] - mean[c]) / std[c]);
                }
            }
        }
        return Tensor.wrap(out, channels, h, w);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("size", size);
        m.put("resize", resize);
        m.put("mean", mean);
        m.put("std", std);
        return m;
    }

    public static Preprocessing fromJson(Map<?, ?> m) {
        return new Preprocessing(((Number) m.get("channels")).intValue(), ((Number) m.get("size")).intValue(),
                ((Number) m.get("resize")).intValue(), doubles(m.get("mean")), doubles(m.get("std")));
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }
}
