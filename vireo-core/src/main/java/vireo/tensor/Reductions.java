package vireo.tensor;

import java.util.Arrays;

/** Sums, means, variances, maxima and log-sum-exp over dimensions, with their derivative rules. */
final class Reductions {

    private Reductions() {
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        if (x.dtype == DType.INT64) {
            return longSum(x, dims, keepdim);
        }
        boolean[] reduce = dimsMask("sum", dims, x.dim());
        int[] keptShape = keptShape(x.shape, reduce);
        Tensor c = x.isContiguous() ? x : Views.copyDense(x);
        Tensor out = sumContiguous(c, reduce, keptShape);
        int[] outShape = keepdim ? keptShape : squeezedShape(x.shape, reduce);
        Tensor r = Tensor.wrap(out.f, outShape);
        int[] inShape = x.shape;
        return Tensor.record("sum", r, new Tensor[]{x}, g -> new Tensor[]{g.reshape(keptShape).expand(inShape)});
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        boolean[] reduce = dimsMask("mean", dims, x.dim());
        long count = 1;
        for (int i = 0; i < x.dim(); i++) {
            if (reduce[i]) {
                count *= x.shape[i];
            }
        }
        return sum(x.toFloat(), dims, keepdim).div((float) count);
    }

    static Tensor var(Tensor x, int[] dims, int correction, boolean keepdim) {
        boolean[] reduce = dimsMask("var", dims, x.dim());
        long count = 1;
        for (int i = 0; i < x.dim(); i++) {
            if (reduce[i]) {
                count *= x.shape[i];
            }
        }
        Tensor diff = x.sub(mean(x, dims, true));
        return sum(diff.mul(diff), dims, keepdim).div((float) Math.max(0, count - correction));
    }

    /** Reduces {@code g} (a broadcast result's gradient) to {@code shape} by summing the broadcast dimensions. */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) {
            return g;
        }
        int lead = g.dim() - shape.length;
        int[] dims = new int[g.dim()];
        int k = 0;
        for (int i = 0; i < g.dim(); i++) {
            if (i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)) {
                dims[k++] = i;
            }
        }
        Tensor s = k == 0 ? g : sum(g, Arrays.copyOf(dims, k), true);
        return s.reshape(shape);
    }

    /** Sums the marked dimensions of a contiguous tensor, one dimension at a time; result has {@code keptShape}. */
    private static Tensor sumContiguous(Tensor c, boolean[] reduce, int[] keptShape) {
        int n = c.numel();
        boolean all = true;
        for (int i = 0; i < reduce.length; i++) {
            all &= reduce[i] || c.shape[i] == 1;
        }
        if (all) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c.f[c.offset + i];
            }
            return Tensor.wrap(new float[]{(float) s}, keptShape);
        }
        float[] data = c.f;
        int off = c.offset;
        int[] shape = c.shape.clone();
        for (int d = reduce.length - 1; d >= 0; d--) {
            if (!reduce[d] || shape[d] == 1) {
                continue;
            }
            int outer = 1;
            for (int i = 0; i < d; i++) {
                outer *= shape[i];
            }
            int size = shape[d];
            int inner = 1;
            for (int i = d + 1; i < shape.length; i++) {
                inner *= shape[i];
            }
            float[] out = new float[outer * inner];
            reduceSum(data, off, outer, size, inner, out);
            data = out;
            off = 0;
            shape[d] = 1;
        }
        if (data == c.f) { // nothing to reduce (only size-1 dims): still return fresh storage
            data = Arrays.copyOfRange(c.f, off, off + n);
        }
        return Tensor.wrap(data, keptShape);
    }

    private static void reduceSum(float[] in, int off, int outer, int size, int inner, float[] out) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                int base = off + o * size;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int s = 0;
                for (; s + 3 < size; s += 4) {
                    s0 += in[base + s];
                    s1 += in[base + s + 1];
                    s2 += in[base + s + 2];
                    s3 += in[base + s + 3];
                }
                for (; s < size; s++) {
                    s0 += in[base + s];
                }
                out[o] = (s0 + s1) + (s2 + s3);
            }
            return;
        }
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            for (int s = 0; s < size; s++) {
                int ib = off + (o * size + s) * inner;
                for (int i = 0; i < inner; i++) {
                    out[ob + i] += in[ib + i];
                }
            }
        }
    }

    private static Tensor longSum(Tensor x, int[] dims, boolean keepdim) {
        boolean[] reduce = dimsMask("sum", dims, x.dim());
        int[] keptShape = keptShape(x.shape, reduce);
        long[] v = x.toLongArray();
        long[] out = new long[Shape.numel(keptShape)];
        int[] idx = new int[x.dim()];
        int[] keptStrides = Shape.contiguousStrides(keptShape);
        for (int i = 0; i < v.length; i++) {
            int o = 0;
            for (int d = 0; d < idx.length; d++) {
                o += reduce[d] ? 0 : idx[d] * keptStrides[d];
            }
            out[o] += v[i];
            Strided.next(idx, x.shape, idx.length - 1);
        }
        return Tensor.wrapLong(out, keepdim ? keptShape : squeezedShape(x.shape, reduce));
    }

    /** Max (or min) of all elements; NaN wins; the gradient is shared evenly among tied maxima. */
    static Tensor maxAll(Tensor x, boolean isMax) {
        String op = isMax ? "max" : "min";
        if (x.numel() == 0) {
            throw new IllegalArgumentException(op + ": expected a non-empty tensor, received shape " + Shape.str(x.shape));
        }
        Tensor c = x.toFloat().contiguous();
        float best = c.f[c.offset];
        for (int i = 0, n = c.numel(); i < n; i++) {
            float v = c.f[c.offset + i];
            if (Float.isNaN(v)) {
                best = v;
                break;
            }
            if (isMax ? v > best : v < best) {
                best = v;
            }
        }
        Tensor r = Tensor.scalar(best);
        float value = best;
        return Tensor.record(op, r, new Tensor[]{x}, g -> {
            // NaN never equals itself: a NaN result's gradient goes to the NaN elements, as in PyTorch.
            Tensor mask = (Float.isNaN(value) ? c.ne(c) : c.eq(value)).toFloat();
            return new Tensor[]{mask.mul(g.div(mask.sum()))};
        });
    }

    /** Max (or min) along one dimension, with the index of the first extreme value (NaN counts as extreme). */
    static ValuesIndices maxDim(Tensor x, int dim, boolean keepdim, boolean isMax) {
        String op = isMax ? "max" : "min";
        int d = Shape.wrapDim(op, dim, x.dim());
        if (x.dim() > 0 && x.shape[d] == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over a zero-size dimension " + d
                    + " of shape " + Shape.str(x.shape));
        }
        Tensor c = x.toFloat().contiguous();
        int outer = outerSize(c.shape, d);
        int size = c.dim() == 0 ? 1 : c.shape[d];
        int inner = c.numel() / Math.max(1, outer * size);
        float[] vals = new float[outer * inner];
        long[] idx = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = c.offset + o * size * inner + i;
                float best = c.f[base];
                int at = 0;
                for (int s = 1; s < size && !Float.isNaN(best); s++) {
                    float v = c.f[base + s * inner];
                    if (Float.isNaN(v) || (isMax ? v > best : v < best)) {
                        best = v;
                        at = s;
                    }
                }
                vals[o * inner + i] = best;
                idx[o * inner + i] = at;
            }
        }
        boolean[] reduce = new boolean[c.dim()];
        if (c.dim() > 0) {
            reduce[d] = true;
        }
        int[] outShape = keepdim ? keptShape(c.shape, reduce) : squeezedShape(c.shape, reduce);
        Tensor values = Tensor.wrap(vals, outShape);
        Tensor indices = Tensor.wrapLong(idx, outShape.clone());
        int[] inShape = x.shape;
        int total = c.numel();
        Tensor.record(op, values, new Tensor[]{x}, g -> {
            Tensor gc = g.contiguous();
            float[] gx = new float[total];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int k = o * inner + i;
                    gx[(o * size + (int) idx[k]) * inner + i] += gc.f[gc.offset + k];
                }
            }
            return new Tensor[]{Tensor.wrap(gx, inShape.clone())};
        });
        return new ValuesIndices(values, indices);
    }

    static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
        Tensor m;
        try (var scope = vireo.autograd.GradMode.noGrad()) {
            m = maxDim(x, dim, true, true).values();
            m = Tensor.where(m.abs().eq(Float.POSITIVE_INFINITY), Tensor.scalar(0f), m);
        }
        Tensor s = x.sub(m).exp().sum(new int[]{dim}, true).log().add(m);
        return keepdim ? s : s.squeeze(dim);
    }

    private static int outerSize(int[] shape, int d) {
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= shape[i];
        }
        return outer;
    }

    /** Marks the reduced dimensions; an empty list means all of them, as in PyTorch. */
    static boolean[] dimsMask(String op, int[] dims, int rank) {
        boolean[] mask = new boolean[rank];
        if (dims.length == 0) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        for (int d : dims) {
            int w = Shape.wrapDim(op, d, rank);
            if (rank > 0) {
                if (mask[w]) {
                    throw new IllegalArgumentException(op + ": dim " + w + " appears multiple times in the list of dims");
                }
                mask[w] = true;
            }
        }
        return mask;
    }

    static int[] keptShape(int[] shape, boolean[] reduce) {
        int[] out = shape.clone();
        for (int i = 0; i < out.length; i++) {
            if (reduce[i]) {
                out[i] = 1;
            }
        }
        return out;
    }

    static int[] squeezedShape(int[] shape, boolean[] reduce) {
        int n = 0;
        for (boolean r : reduce) {
            if (!r) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!reduce[i]) {
                out[k++] = shape[i];
            }
        }
        return out;
    }
}
