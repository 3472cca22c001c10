package vireo.keras.layers;

import java.util.ArrayList;
import java.util.List;
import vireo.tensor.Tensor;

/** TensorFlow's 'valid' / 'same' padding arithmetic, which Keras layers use. */
final class Padding {

    private Padding() {
    }

    static String check(String padding, String layer) {
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            throw new IllegalArgumentException(layer + ": padding must be 'valid' or 'same', received '" + padding + "'");
        }
        return padding;
    }

    /** Output size along one axis: 'valid' {@code floor((in − k_eff)/s) + 1}, 'same' {@code ceil(in/s)}. */
    static int outSize(String padding, int in, int k, int s, int d) {
        int keff = (k - 1) * d + 1;
        return padding.equals("same") ? (in + s - 1) / s : (in - keff) / s + 1;
    }

    /**
     * {@code {before, after}} for one axis. For 'same' the total is {@code max((out−1)·s + k_eff − in, 0)} with the
     * odd pixel after (bottom/right), as TensorFlow does — with stride 2 on an even input that is (0, 1), not the
     * (1, 1) a symmetric padding would use.
     */
    static int[] amounts(String padding, int in, int k, int s, int d) {
        if (padding.equals("valid")) {
            return new int[]{0, 0};
        }
        int out = outSize(padding, in, k, s, d);
        int total = Math.max((out - 1) * s + (k - 1) * d + 1 - in, 0);
        return new int[]{total / 2, total - total / 2};
    }

    /** {@code {top, left, bottom, right}} for an {@code h × w} input. */
    static int[] amounts2d(String padding, int h, int w, int[] k, int[] s, int[] d) {
        int[] ph = amounts(padding, h, k[0], s[0], d[0]);
        int[] pw = amounts(padding, w, k[1], s[1], d[1]);
        return new int[]{ph[0], pw[0], ph[1], pw[1]};
    }

    /** {@code x [N, C, H, W]} padded with {@code value} by {@code {top, left, bottom, right}}, differentiably. */
    static Tensor constant(Tensor x, int[] p, float value) {
        Tensor y = x;
        if (p[0] > 0 || p[2] > 0) {
            List<Tensor> parts = new ArrayList<>();
            int[] s = y.shape();
            if (p[0] > 0) {
                parts.add(Tensor.full(value, s[0], s[1], p[0], s[3]));
            }
            parts.add(y);
            if (p[2] > 0) {
                parts.add(Tensor.full(value, s[0], s[1], p[2], s[3]));
            }
            y = Tensor.cat(parts, 2);
        }
        if (p[1] > 0 || p[3] > 0) {
            List<Tensor> parts = new ArrayList<>();
            int[] s = y.shape();
            if (p[1] > 0) {
                parts.add(Tensor.full(value, s[0], s[1], s[2], p[1]));
            }
            parts.add(y);
            if (p[3] > 0) {
                parts.add(Tensor.full(value, s[0], s[1], s[2], p[3]));
            }
            y = Tensor.cat(parts, 3);
        }
        return y;
    }

    static boolean any(int[] p) {
        return p[0] != 0 || p[1] != 0 || p[2] != 0 || p[3] != 0;
    }
}
