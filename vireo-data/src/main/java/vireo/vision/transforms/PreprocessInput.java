package vireo.vision.transforms;

import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.io.Image;

/**
 * Keras's {@code preprocess_input} ({@code imagenet_utils._preprocess_numpy_input}) on one image with values
 * 0..255, RGB:
 * <ul>
 *   <li>{@link Mode#CAFFE} (ResNet50, VGG16): RGB to BGR, subtract {@code [103.939, 116.779, 123.68]} (B, G, R),
 *       no scaling;</li>
 *   <li>{@link Mode#TORCH}: {@code /255}, then the ImageNet mean and std, RGB;</li>
 *   <li>{@link Mode#TF}: {@code x / 127.5 - 1}.</li>
 * </ul>
 * Takes an {@link Image} or a float tensor. Channels are last by default, as Keras's {@code channels_last}.
 *
 * <p>Shapes: {@code [H, W, 3]} → {@code [H, W, 3]} (channels last) or {@code [3, H, W]} → same (channels first);
 * an image becomes {@code [H, W, 3]} or {@code [3, H, W]}.
 */
public final class PreprocessInput implements Transform<Object, Tensor> {

    public enum Mode {
        CAFFE,
        TORCH,
        TF
    }

    private static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};
    private static final double[] TORCH_MEAN = {0.485, 0.456, 0.406};
    private static final double[] TORCH_STD = {0.229, 0.224, 0.225};

    private final Mode mode;
    private final boolean channelsFirst;

    public PreprocessInput(Mode mode) {
        this(mode, false);
    }

    public PreprocessInput(Mode mode, boolean channelsFirst) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.channelsFirst = channelsFirst;
    }

    @Override
    public Tensor apply(Object input, Generator random) {
        Tensor x;
        if (input instanceof Image img) {
            x = channelsFirst ? Functional.toTensor(img).mul(255f) : Functional.toArray(img);
        } else if (input instanceof Tensor t) {
            x = t;
        } else {
            throw new IllegalArgumentException("PreprocessInput: expected an Image or a Tensor, received "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        if (x.dim() != 3 || x.size(channelsFirst ? 0 : 2) != 3) {
            throw new IllegalArgumentException("PreprocessInput: expected " + (channelsFirst ? "[3, H, W]" : "[H, W, 3]")
                    + ", received " + java.util.Arrays.toString(x.shape()));
        }
        float[] v = x.toFloatArray();
        int plane = channelsFirst ? x.size(1) * x.size(2) : 1;
        for (int i = 0; i < v.length; i++) {
            int c = channelsFirst ? i / plane : i % 3;
            v[i] = switch (mode) {
                case TF -> v[i] / 127.5f - 1f;
                case TORCH -> (v[i] / 255f - (float) TORCH_MEAN[c]) / (float) TORCH_STD[c];
                case CAFFE -> v[i];
            };
        }
        if (mode == Mode.CAFFE) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                int c = channelsFirst ? i / plane : i % 3;
                int src = channelsFirst ? (2 - c) * plane + i % plane : i - c + (2 - c); // channel reversed
                out[i] = v[src] - (float) CAFFE_MEAN_BGR[c];
            }
            v = out;
        }
        return Tensor.wrap(v, x.shape()); // v is this method's own copy of x's values
    }

    @Override
    public String toString() {
        return "PreprocessInput(" + mode + (channelsFirst ? ", channels_first" : "") + ")";
    }
}
