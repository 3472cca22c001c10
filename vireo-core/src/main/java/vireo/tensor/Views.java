package vireo.tensor;

import java.util.Arrays;

/** Zero-copy views (they share storage) and the few copies that materialise them, with their gradients. */
final class Views {

    private Views() {
    }

    static Tensor view(Tensor t, int[] requested, String op) {
        int[] newShape = Shape.inferSize(op, requested, t.numel());
        int[] newStrides = t.isContiguous() ? Shape.contiguousStrides(newShape) : computeStrides(t, newShape);
        if (newStrides == null) {
            throw new IllegalArgumentException(op + ": view size " + Shape.str(newShape) + " is not compatible with input "
                    + "tensor's size " + Shape.str(t.shape) + " and stride " + Shape.str(t.strides)
                    + " (at least one dimension spans across two contiguous subspaces); use reshape() instead");
        }
        Tensor out = new Tensor(t.dtype, t.f, t.l, newShape, newStrides, t.offset);
        int[] inShape = t.shape;
        return Tensor.record(op, out, new Tensor[]{t}, g -> new Tensor[]{g.reshape(inShape)});
    }

    static Tensor reshape(Tensor t, int[] requested) {
        int[] newShape = Shape.inferSize("reshape", requested, t.numel());
        if (t.isContiguous() || computeStrides(t, newShape) != null) {
            return view(t, newShape, "reshape");
        }
        return view(t.clone(), newShape, "reshape");
    }

    /** PyTorch's stride computation for views of non-contiguous tensors; null when the view is impossible. */
    private static int[] computeStrides(Tensor t, int[] newShape) {
        int[] oldShape = t.shape;
        int[] oldStrides = t.strides;
        if (oldShape.length == 0 || t.numel() == 0) {
            return Shape.contiguousStrides(newShape);
        }
        int[] newStrides = new int[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    static Tensor permute(Tensor t, int[] dims) {
        int rank = t.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: number of dims don't match: expected " + rank
                    + " for shape " + Shape.str(t.shape) + ", received " + dims.length + " " + Arrays.toString(dims));
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shape.wrapDim("permute", dims[i], rank);
            if (used[d]) {
                throw new IllegalArgumentException("permute: repeated dim " + d + " in " + Arrays.toString(dims));
            }
            used[d] = true;
            shape[i] = t.shape[d];
            strides[i] = t.strides[d];
            inverse[d] = i;
        }
        Tensor out = new Tensor(t.dtype, t.f, t.l, shape, strides, t.offset);
        return Tensor.record("permute", out, new Tensor[]{t}, g -> new Tensor[]{g.permute(inverse)});
    }

    static Tensor transpose(Tensor t, int d0, int d1) {
        int rank = t.dim();
        int[] dims = t.allDims();
        int a = Shape.wrapDim("transpose", d0, rank);
        int b = Shape.wrapDim("transpose", d1, rank);
        if (rank == 0) {
            return t;
        }
        dims[a] = b;
        dims[b] = a;
        return permute(t, dims);
    }

    static Tensor narrow(Tensor t, int dim, int start, int length) {
        int d = Shape.wrapDim("narrow", dim, t.dim());
        int size = t.shape[d];
        if (start < 0) {
            start += size;
        }
        if (start < 0 || length < 0 || start + length > size) {
            throw new IllegalArgumentException("narrow: start (" + start + ") + length (" + length
                    + ") exceeds dimension " + d + " of size " + size);
        }
        return slice(t, d, start, start + length, 1);
    }

    static Tensor slice(Tensor t, int dim, int start, int end, int step) {
        int d = Shape.wrapDim("slice", dim, t.dim());
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, received " + step);
        }
        int size = t.shape[d];
        int s = clampIndex(start, size);
        int e = Math.max(clampIndex(end, size), s);
        int[] shape = t.shape.clone();
        int[] strides = t.strides.clone();
        shape[d] = (e - s + step - 1) / step;
        strides[d] = t.strides[d] * step;
        Tensor out = new Tensor(t.dtype, t.f, t.l, shape, strides, t.offset + s * t.strides[d]);
        int[] inShape = t.shape;
        return Tensor.record("slice", out, new Tensor[]{t}, g -> {
            Tensor z = Tensor.zeros(inShape);
            slice(z, d, s, e, step).copy_(g);
            return new Tensor[]{z};
        });
    }

    private static int clampIndex(int i, int size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(i, size));
    }

    static Tensor select(Tensor t, int dim, int index) {
        int d = Shape.wrapDim("select", dim, t.dim());
        int size = t.shape[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of bounds for dimension " + d
                    + " with size " + size);
        }
        int[] shape = remove(t.shape, d);
        int[] strides = remove(t.strides, d);
        Tensor out = new Tensor(t.dtype, t.f, t.l, shape, strides, t.offset + i * t.strides[d]);
        int[] inShape = t.shape;
        return Tensor.record("select", out, new Tensor[]{t}, g -> {
            Tensor z = Tensor.zeros(inShape);
            select(z, d, i).copy_(g);
            return new Tensor[]{z};
        });
    }

    static Tensor expand(Tensor t, int[] requested) {
        int rank = requested.length;
        if (rank < t.dim()) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + rank + ") must be greater or "
                    + "equal to the number of dimensions in the tensor (" + t.dim() + ")");
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int shift = rank - t.dim();
        for (int i = rank - 1; i >= 0; i--) {
            int j = i - shift;
            int want = requested[i];
            if (j < 0) {
                if (want < 0) {
                    throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension");
                }
                shape[i] = want;
                strides[i] = 0;
            } else if (want == -1 || want == t.shape[j]) {
                shape[i] = t.shape[j];
                strides[i] = t.strides[j];
            } else if (t.shape[j] == 1) {
                shape[i] = want;
                strides[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: the expanded size of the tensor (" + want + ") must match "
                        + "the existing size (" + t.shape[j] + ") at non-singleton dimension " + i + ". Target sizes: "
                        + Arrays.toString(requested) + ". Tensor sizes: " + Shape.str(t.shape));
            }
        }
        Tensor out = new Tensor(t.dtype, t.f, t.l, shape, strides, t.offset);
        int[] inShape = t.shape;
        return Tensor.record("expand", out, new Tensor[]{t}, g -> new Tensor[]{Reductions.sumTo(g, inShape)});
    }

    static Tensor squeeze(Tensor t) {
        int n = 0;
        for (int s : t.shape) {
            if (s != 1) {
                n++;
            }
        }
        int[] shape = new int[n];
        int k = 0;
        for (int s : t.shape) {
            if (s != 1) {
                shape[k++] = s;
            }
        }
        return view(t, shape, "squeeze");
    }

    static Tensor squeeze(Tensor t, int dim) {
        int d = Shape.wrapDim("squeeze", dim, t.dim());
        if (t.dim() == 0 || t.shape[d] != 1) {
            return t;
        }
        return view(t, remove(t.shape, d), "squeeze");
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int d = Shape.wrapDim("unsqueeze", dim, t.dim() + 1);
        int[] shape = new int[t.dim() + 1];
        int[] strides = new int[t.dim() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == d) {
                shape[i] = 1;
                strides[i] = j < t.dim() ? t.strides[j] * t.shape[j] : 1;
            } else {
                shape[i] = t.shape[j];
                strides[i] = t.strides[j];
                j++;
            }
        }
        Tensor out = new Tensor(t.dtype, t.f, t.l, shape, strides, t.offset);
        int[] inShape = t.shape;
        return Tensor.record("unsqueeze", out, new Tensor[]{t}, g -> new Tensor[]{g.reshape(inShape)});
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        if (t.dim() == 0) {
            return reshape(t, new int[]{1});
        }
        int s = Shape.wrapDim("flatten", startDim, t.dim());
        int e = Shape.wrapDim("flatten", endDim, t.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten: start_dim (" + startDim + ") cannot come after end_dim (" + endDim + ")");
        }
        int[] shape = new int[t.dim() - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) {
            shape[k++] = t.shape[i];
        }
        int prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= t.shape[i];
        }
        shape[k++] = prod;
        for (int i = e + 1; i < t.dim(); i++) {
            shape[k++] = t.shape[i];
        }
        return reshape(t, shape);
    }

    static int[] remove(int[] a, int index) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, index);
        System.arraycopy(a, index + 1, out, index, a.length - index - 1);
        return out;
    }

    // ------------------------------------------------------------ copies

    /** A dense copy (own storage, contiguous), not recorded. */
    static Tensor copyDense(Tensor t) {
        int n = t.numel();
        if (t.dtype == DType.INT64) {
            long[] out = new long[n];
            if (t.isContiguous()) {
                System.arraycopy(t.l, t.offset, out, 0, n);
            } else {
                Strided.copy(t, out);
            }
            return new Tensor(DType.INT64, null, out, t.shape.clone(), Shape.contiguousStrides(t.shape), 0);
        }
        float[] out = new float[n];
        if (t.isContiguous()) {
            System.arraycopy(t.f, t.offset, out, 0, n);
        } else {
            Strided.copy(t, out);
        }
        return new Tensor(t.dtype, out, null, t.shape.clone(), Shape.contiguousStrides(t.shape), 0);
    }

    static Tensor convert(Tensor t, DType target) {
        Tensor src = t.isContiguous() ? t : copyDense(t);
        int n = src.numel();
        int o = src.offset;
        if (target == DType.INT64) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = (long) src.f[o + i];
            }
            return Tensor.wrapLong(out, t.shape.clone());
        }
        float[] out = new float[n];
        if (src.dtype == DType.INT64) {
            for (int i = 0; i < n; i++) {
                out[i] = target == DType.BOOL ? (src.l[o + i] != 0 ? 1f : 0f) : (float) src.l[o + i];
            }
        } else if (target == DType.BOOL) {
            for (int i = 0; i < n; i++) {
                out[i] = src.f[o + i] != 0f ? 1f : 0f;
            }
        } else {
            System.arraycopy(src.f, o, out, 0, n);
        }
        return new Tensor(target, out, null, t.shape.clone(), Shape.contiguousStrides(t.shape), 0);
    }

    /** Writes {@code src}, broadcast to {@code dst}'s shape and converted to its dtype, into {@code dst}'s elements. */
    static void copyInto(Tensor src, Tensor dst) {
        Tensor s = src.dtype == dst.dtype ? src : src.toType(dst.dtype);
        if (!Arrays.equals(s.shape, dst.shape)) {
            Shape.broadcast("copy_", dst.shape, s.shape);
            try (var scope = vireo.autograd.GradMode.noGrad()) {
                s = s.expand(dst.shape);
            }
        }
        Strided.copyInto(s, dst);
    }

    static void fill(Tensor t, float value) {
        if (t.dtype == DType.INT64) {
            Strided.copyInto(Tensor.scalarLong((long) value).expand(t.shape), t);
        } else if (t.isDense()) {
            Arrays.fill(t.f, value);
        } else {
            Strided.copyInto(Tensor.scalar(value).expand(t.shape), t);
        }
    }
}
