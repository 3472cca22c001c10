package vireo.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Float64 reference implementations of the tensor ops, written as plain loops over row-major arrays and
 * independent of the engine's code: the forward oracle of {@link OpHarnessTest} and the function that
 * {@link GradCheckTest} differentiates by central finite differences.
 */
final class Ref {

    private Ref() {
    }

    /** A dense row-major float64 array with the dtype the engine's result should have. */
    record D(double[] v, int[] shape, DType dtype) {
        D(double[] v, int... shape) {
            this(v, shape, DType.FLOAT32);
        }

        static D of(Tensor t) {
            float[] f = t.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return new D(d, t.shape(), t.dtype());
        }

        D as(DType t) {
            return new D(v, shape, t);
        }

        int numel() {
            return v.length;
        }

        double at(int... idx) {
            return v[ravel(idx, shape)];
        }
    }

    // ------------------------------------------------------------ index arithmetic

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                idx[d] = flat % shape[d];
                flat /= shape[d];
            }
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + idx[d];
        }
        return flat;
    }

    static int wrap(int dim, int rank) {
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("ref: cannot broadcast " + Arrays.toString(a) + " " + Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Flat index into {@code shape} of the element that broadcasts to {@code outIdx}. */
    static int broadcastIndex(int[] outIdx, int[] shape) {
        int shift = outIdx.length - shape.length;
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + (shape[d] == 1 ? 0 : outIdx[d + shift]);
        }
        return flat;
    }

    // ------------------------------------------------------------ element-wise

    static D map(D a, DoubleUnaryOperator f) {
        double[] out = new double[a.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a.v[i]);
        }
        return new D(out, a.shape.clone());
    }

    static D zip(D a, D b, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape, b.shape);
        double[] out = new double[numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, shape);
            out[i] = f.applyAsDouble(a.v[broadcastIndex(idx, a.shape)], b.v[broadcastIndex(idx, b.shape)]);
        }
        return new D(out, shape);
    }

    static D compare(D a, D b, DoubleBinaryOperator f) {
        return zip(a, b, f).as(DType.BOOL);
    }

    static D where(D c, D a, D b) {
        int[] shape = broadcastShape(broadcastShape(c.shape, a.shape), b.shape);
        double[] out = new double[numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, shape);
            out[i] = c.v[broadcastIndex(idx, c.shape)] != 0 ? a.v[broadcastIndex(idx, a.shape)]
                    : b.v[broadcastIndex(idx, b.shape)];
        }
        return new D(out, shape);
    }

    static D expand(D a, int... shape) {
        return zip(a, new D(new double[numel(shape)], shape), (x, y) -> x).as(a.dtype);
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Maclaurin series (|x| < 3) or the continued fraction of erfc: ~1e-15, independent of the engine's fit. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 60; n >= 1; n--) {
                f = n / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }

    // ------------------------------------------------------------ reductions and lanes

    /** Reduces the listed dimensions (all when {@code dims} is null) with {@code f} over each block's values. */
    static D reduce(D a, int[] dims, boolean keepdim, ToDoubleFunction<double[]> f) {
        int r = a.shape.length;
        boolean[] red = new boolean[r];
        if (dims == null) {
            Arrays.fill(red, true);
        } else {
            for (int d : dims) {
                if (r > 0) {
                    red[wrap(d, r)] = true;
                }
            }
        }
        int[] kept = a.shape.clone();
        for (int d = 0; d < r; d++) {
            if (red[d]) {
                kept[d] = 1;
            }
        }
        int outN = numel(kept);
        int cnt = outN == 0 ? 0 : a.numel() / outN;
        double[][] buf = new double[outN][cnt];
        int[] fill = new int[outN];
        for (int i = 0; i < a.numel(); i++) {
            int[] idx = unravel(i, a.shape);
            for (int d = 0; d < r; d++) {
                if (red[d]) {
                    idx[d] = 0;
                }
            }
            int o = ravel(idx, kept);
            buf[o][fill[o]++] = a.v[i];
        }
        double[] out = new double[outN];
        for (int o = 0; o < outN; o++) {
            out[o] = f.applyAsDouble(buf[o]);
        }
        if (keepdim) {
            return new D(out, kept);
        }
        int[] squeezed = new int[r];
        int k = 0;
        for (int d = 0; d < r; d++) {
            if (!red[d]) {
                squeezed[k++] = a.shape[d];
            }
        }
        return new D(out, Arrays.copyOf(squeezed, k));
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double mean(double[] v) {
        return sum(v) / v.length;
    }

    static double var(double[] v, int correction) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - correction);
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double argmax(double[] v) {
        int at = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[at]) {
                at = i;
            }
        }
        return at;
    }

    static double argmin(double[] v) {
        int at = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[at]) {
                at = i;
            }
        }
        return at;
    }

    static double logsumexp(double[] v) {
        double m = max(v);
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    /** Applies {@code f} to every 1-D lane along {@code dim}; the lanes it returns may have another length. */
    static D lanes(D a, int dim, Function<double[], double[]> f) {
        if (a.shape.length == 0) {
            double[] r = f.apply(a.v.clone());
            return new D(r, r.length == 1 ? new int[0] : new int[]{r.length});
        }
        int d = wrap(dim, a.shape.length);
        int size = a.shape[d];
        int inner = 1;
        for (int i = d + 1; i < a.shape.length; i++) {
            inner *= a.shape[i];
        }
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= a.shape[i];
        }
        int newSize = -1;
        double[][] results = new double[outer * inner][];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double[] lane = new double[size];
                for (int s = 0; s < size; s++) {
                    lane[s] = a.v[(o * size + s) * inner + i];
                }
                results[o * inner + i] = f.apply(lane);
                newSize = results[o * inner + i].length;
            }
        }
        if (newSize < 0) {
            newSize = f.apply(new double[size]).length;
        }
        int[] shape = a.shape.clone();
        shape[d] = newSize;
        double[] out = new double[numel(shape)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int s = 0; s < newSize; s++) {
                    out[(o * newSize + s) * inner + i] = results[o * inner + i][s];
                }
            }
        }
        return new D(out, shape);
    }

    static double[] softmax(double[] v) {
        double m = max(v);
        double s = 0;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i] - m);
            s += out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= s;
        }
        return out;
    }

    static double[] logSoftmax(double[] v) {
        double lse = logsumexp(v);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - lse;
        }
        return out;
    }

    /** Sorted top-k positions (ties: lower index first). */
    static int[] topkOrder(double[] v, int k, boolean largest) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> largest ? Double.compare(v[q], v[p]) : Double.compare(v[p], v[q]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    // ------------------------------------------------------------ views and joins

    static D reshape(D a, int... shape) {
        return new D(a.v.clone(), shape, a.dtype);
    }

    static D permute(D a, int... perm) {
        int r = perm.length;
        int[] shape = new int[r];
        for (int i = 0; i < r; i++) {
            shape[i] = a.shape[perm[i]];
        }
        double[] out = new double[a.numel()];
        int[] in = new int[r];
        for (int j = 0; j < out.length; j++) {
            int[] o = unravel(j, shape);
            for (int i = 0; i < r; i++) {
                in[perm[i]] = o[i];
            }
            out[j] = a.v[ravel(in, a.shape)];
        }
        return new D(out, shape, a.dtype);
    }

    static D transpose(D a, int d0, int d1) {
        int r = a.shape.length;
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        d0 = wrap(d0, r);
        d1 = wrap(d1, r);
        perm[d0] = d1;
        perm[d1] = d0;
        return permute(a, perm);
    }

    /** {@code a[..., start:end:step, ...]} with in-range bounds. */
    static D slice(D a, int dim, int start, int end, int step) {
        int d = wrap(dim, a.shape.length);
        int[] shape = a.shape.clone();
        shape[d] = Math.max(0, (end - start + step - 1) / step);
        double[] out = new double[numel(shape)];
        for (int j = 0; j < out.length; j++) {
            int[] idx = unravel(j, shape);
            idx[d] = start + idx[d] * step;
            out[j] = a.v[ravel(idx, a.shape)];
        }
        return new D(out, shape, a.dtype);
    }

    static D cat(List<D> parts, int dim) {
        int d = wrap(dim, parts.get(0).shape.length);
        int[] shape = parts.get(0).shape.clone();
        shape[d] = 0;
        for (D p : parts) {
            shape[d] += p.shape[d];
        }
        double[] out = new double[numel(shape)];
        int at = 0;
        for (D p : parts) {
            for (int j = 0; j < p.numel(); j++) {
                int[] idx = unravel(j, p.shape);
                idx[d] += at;
                out[ravel(idx, shape)] = p.v[j];
            }
            at += p.shape[d];
        }
        return new D(out, shape, parts.get(0).dtype);
    }

    static D unsqueeze(D a, int dim) {
        int d = wrap(dim, a.shape.length + 1);
        int[] shape = new int[a.shape.length + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == d ? 1 : a.shape[j++];
        }
        return reshape(a, shape);
    }

    static List<D> split(D a, int[] sizes, int dim) {
        List<D> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(slice(a, dim, at, at + s, 1));
            at += s;
        }
        return out;
    }

    static D gather(D a, int dim, D index) {
        int d = wrap(dim, a.shape.length);
        double[] out = new double[index.numel()];
        for (int j = 0; j < out.length; j++) {
            int[] idx = unravel(j, index.shape);
            idx[d] = (int) index.v[j];
            out[j] = a.v[ravel(idx, a.shape)];
        }
        return new D(out, index.shape.clone());
    }

    // ------------------------------------------------------------ linear algebra

    static D matmul(D a, D b) {
        if (a.shape.length == 1 && b.shape.length == 1) {
            double s = 0;
            for (int i = 0; i < a.numel(); i++) {
                s += a.v[i] * b.v[i];
            }
            return new D(new double[]{s});
        }
        if (a.shape.length == 1) {
            D r = matmul(reshape(a, 1, a.shape[0]), b);
            int[] shape = r.shape;
            int[] s2 = new int[shape.length - 1];
            System.arraycopy(shape, 0, s2, 0, shape.length - 2);
            s2[s2.length - 1] = shape[shape.length - 1];
            return reshape(r, s2);
        }
        if (b.shape.length == 1) {
            D r = matmul(a, reshape(b, b.shape[0], 1));
            return reshape(r, Arrays.copyOf(r.shape, r.shape.length - 1));
        }
        int ra = a.shape.length;
        int rb = b.shape.length;
        int n = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int m = b.shape[rb - 1];
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = broadcastShape(batchA, batchB);
        int nb = numel(batch);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = n;
        shape[batch.length + 1] = m;
        double[] out = new double[nb * n * m];
        for (int bi = 0; bi < nb; bi++) {
            int[] idx = unravel(bi, batch);
            int ao = broadcastIndex(idx, batchA) * n * k;
            int bo = broadcastIndex(idx, batchB) * k * m;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a.v[ao + i * k + p] * b.v[bo + p * m + j];
                    }
                    out[(bi * n + i) * m + j] = s;
                }
            }
        }
        return new D(out, shape);
    }

    // ------------------------------------------------------------ neural-network ops

    /** Cross-correlation; padding {@code {top, left, bottom, right}}; bias may be null. */
    static D conv2d(D x, D w, D bias, int[] stride, int[] pad, int[] dil, int groups) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
        int co = w.shape[0], cig = w.shape[1], kh = w.shape[2], kw = w.shape[3];
        int oh = (h + pad[0] + pad[2] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (wd + pad[1] + pad[3] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        int cog = co / groups;
        double[] out = new double[n * co * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < co; o++) {
                int g = o / cog;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = bias == null ? 0 : bias.v[o];
                        for (int ci = 0; ci < cig; ci++) {
                            int cin = g * cig + ci;
                            for (int i = 0; i < kh; i++) {
                                int ih = y * stride[0] - pad[0] + i * dil[0];
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int iw = xx * stride[1] - pad[1] + j * dil[1];
                                    if (iw < 0 || iw >= wd) {
                                        continue;
                                    }
                                    s += x.v[((b * c + cin) * h + ih) * wd + iw] * w.v[((o * cig + ci) * kh + i) * kw + j];
                                }
                            }
                        }
                        out[((b * co + o) * oh + y) * ow + xx] = s;
                    }
                }
            }
        }
        return new D(out, n, co, oh, ow);
    }

    /** PyTorch's pooled output size, including the ceil-mode rule that the last window starts inside the input. */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? Math.ceilDiv(span, s) : Math.floorDiv(span, s)) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }

    static D maxPool2d(D x, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = poolOut(h, k[0], s[0], p[0], d[0], ceil);
        int ow = poolOut(w, k[1], s[1], p[1], d[1], ceil);
        double[] out = new double[n * c * oh * ow];
        for (int pl = 0; pl < n * c; pl++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < k[0]; i++) {
                        int ih = y * s[0] - p[0] + i * d[0];
                        for (int j = 0; j < k[1]; j++) {
                            int iw = xx * s[1] - p[1] + j * d[1];
                            if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                m = Math.max(m, x.v[(pl * h + ih) * w + iw]);
                            }
                        }
                    }
                    out[(pl * oh + y) * ow + xx] = m;
                }
            }
        }
        return new D(out, n, c, oh, ow);
    }

    static D avgPool2d(D x, int[] k, int[] s, int[] p, boolean ceil, boolean countIncludePad) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = poolOut(h, k[0], s[0], p[0], 1, ceil);
        int ow = poolOut(w, k[1], s[1], p[1], 1, ceil);
        double[] out = new double[n * c * oh * ow];
        for (int pl = 0; pl < n * c; pl++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    int h0 = y * s[0] - p[0];
                    int w0 = xx * s[1] - p[1];
                    int h1 = Math.min(h0 + k[0], h + p[0]);
                    int w1 = Math.min(w0 + k[1], w + p[1]);
                    int padded = (h1 - h0) * (w1 - w0);
                    h0 = Math.max(h0, 0);
                    w0 = Math.max(w0, 0);
                    h1 = Math.min(h1, h);
                    w1 = Math.min(w1, w);
                    double sum = 0;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            sum += x.v[(pl * h + ih) * w + iw];
                        }
                    }
                    out[(pl * oh + y) * ow + xx] = sum / (countIncludePad ? padded : (h1 - h0) * (w1 - w0));
                }
            }
        }
        return new D(out, n, c, oh, ow);
    }

    static D adaptiveAvgPool2d(D x, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        double[] out = new double[n * c * oh * ow];
        for (int pl = 0; pl < n * c; pl++) {
            for (int y = 0; y < oh; y++) {
                int h0 = (int) Math.floor((double) y * h / oh);
                int h1 = (int) Math.ceil((double) (y + 1) * h / oh);
                for (int xx = 0; xx < ow; xx++) {
                    int w0 = (int) Math.floor((double) xx * w / ow);
                    int w1 = (int) Math.ceil((double) (xx + 1) * w / ow);
                    double sum = 0;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            sum += x.v[(pl * h + ih) * w + iw];
                        }
                    }
                    out[(pl * oh + y) * ow + xx] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        return new D(out, n, c, oh, ow);
    }

    /** Batch norm over channel dim 1: batch statistics (biased variance) when training, else the running ones. */
    static D batchNorm(D x, D runningMean, D runningVar, D weight, D bias, boolean training, double eps) {
        int n = x.shape[0], c = x.shape[1];
        int spatial = x.numel() / (n * c);
        double[] out = new double[x.numel()];
        for (int ch = 0; ch < c; ch++) {
            double m;
            double v;
            if (training) {
                double[] vals = new double[n * spatial];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x.v, (i * c + ch) * spatial, vals, i * spatial, spatial);
                }
                m = mean(vals);
                v = var(vals, 0);
            } else {
                m = runningMean.v[ch];
                v = runningVar.v[ch];
            }
            double inv = 1 / Math.sqrt(v + eps);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < spatial; k++) {
                    int at = (i * c + ch) * spatial + k;
                    double y = (x.v[at] - m) * inv;
                    out[at] = y * (weight == null ? 1 : weight.v[ch]) + (bias == null ? 0 : bias.v[ch]);
                }
            }
        }
        return new D(out, x.shape.clone());
    }
}
