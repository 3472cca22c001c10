package vireo.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Joining, splitting, gathering and selecting by index, with their derivative rules. */
final class Indexing {

    private Indexing() {
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = tensors.get(0);
        int rank = first.dim();
        if (rank == 0) {
            throw new IllegalArgumentException("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
        }
        int d = Shape.wrapDim("cat", dim, rank);
        DType dtype = first.dtype;
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() != rank) {
                throw new IllegalArgumentException("cat: tensors must have the same number of dimensions: expected "
                        + rank + ", received " + t.dim() + " at position " + i);
            }
            if (t.dtype != dtype) {
                throw new IllegalArgumentException("cat: expected all tensors to be " + dtype.pythonName()
                        + ", received " + t.dtype.pythonName() + " at position " + i);
            }
            for (int k = 0; k < rank; k++) {
                if (k != d && t.shape[k] != first.shape[k]) {
                    throw new IllegalArgumentException("cat: sizes of tensors must match except in dimension " + d
                            + ". Expected size " + first.shape[k] + " but got size " + t.shape[k] + " for tensor number "
                            + i + " in the list");
                }
            }
            total += t.shape[d];
        }
        int[] shape = first.shape.clone();
        shape[d] = total;
        Tensor out = dtype == DType.INT64 ? Tensor.wrapLong(new long[Shape.numel(shape)], shape)
                : new Tensor(dtype, new float[Shape.numel(shape)], null, shape, Shape.contiguousStrides(shape), 0);
        int[] sizes = new int[tensors.size()];
        int at = 0;
        try (var scope = vireo.autograd.GradMode.noGrad()) {
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                sizes[i] = t.shape[d];
                Strided.copyInto(t, out.narrow(d, at, sizes[i]));
                at += sizes[i];
            }
        }
        if (dtype != DType.FLOAT32) {
            return out;
        }
        return Tensor.record("cat", out, tensors.toArray(new Tensor[0]), g -> split(g, sizes, d).toArray(new Tensor[0]));
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        int d = Shape.wrapDim("stack", dim, tensors.get(0).dim() + 1);
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape, tensors.get(0).shape)) {
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got "
                        + Shape.str(tensors.get(0).shape) + " at entry 0 and " + Shape.str(t.shape) + " at entry " + i);
            }
            expanded.add(t.unsqueeze(d));
        }
        return cat(expanded, d);
    }

    static List<Tensor> split(Tensor t, int splitSize, int dim) {
        int d = Shape.wrapDim("split", dim, t.dim());
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: expected a positive split size, received " + splitSize);
        }
        int size = t.shape[d];
        int parts = Math.max(1, Math.ceilDiv(size, splitSize));
        int[] sizes = new int[parts];
        for (int i = 0; i < parts; i++) {
            sizes[i] = Math.min(splitSize, size - i * splitSize);
        }
        return split(t, sizes, d);
    }

    static List<Tensor> split(Tensor t, int[] sizes, int dim) {
        int d = Shape.wrapDim("split", dim, t.dim());
        int sum = 0;
        for (int s : sizes) {
            sum += s;
        }
        if (sum != t.shape[d]) {
            throw new IllegalArgumentException("split: split sizes " + Arrays.toString(sizes) + " must sum to the size "
                    + t.shape[d] + " of dimension " + d);
        }
        List<Tensor> out = new ArrayList<>(sizes.length);
        int at = 0;
        for (int s : sizes) {
            out.add(t.narrow(d, at, s));
            at += s;
        }
        return out;
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        if (index.dtype != DType.INT64) {
            throw new IllegalArgumentException("gather: expected an int64 index, received " + index.describe());
        }
        int d = Shape.wrapDim("gather", dim, x.dim());
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException("gather: index " + Shape.str(index.shape) + " must have the same number "
                    + "of dimensions as input " + Shape.str(x.shape));
        }
        for (int k = 0; k < x.dim(); k++) {
            if (k != d && index.shape[k] > x.shape[k]) {
                throw new IllegalArgumentException("gather: size of index " + Shape.str(index.shape) + " does not fit "
                        + "input " + Shape.str(x.shape) + " at dimension " + k);
            }
        }
        long[] ix = index.toLongArray();
        // Positions are in x's own storage (its strides and offset), so read x itself, in its own dtype.
        int[] pos = positions("gather", x, d, index.shape, ix);
        if (x.dtype == DType.INT64) {
            long[] out = new long[ix.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = x.l[pos[i]];
            }
            return Tensor.wrapLong(out, index.shape.clone());
        }
        float[] out = new float[ix.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.f[pos[i]];
        }
        Tensor r = x.dtype == DType.BOOL ? Tensor.wrapBool(out, index.shape.clone()) : Tensor.wrap(out, index.shape.clone());
        int[] inShape = x.shape;
        return Tensor.record("gather", r, new Tensor[]{x}, g -> {
            Tensor gc = g.contiguous();
            Tensor gx = Tensor.zeros(inShape);
            int[] dense = positions("gather", gx, d, index.shape, ix);
            for (int i = 0; i < dense.length; i++) {
                gx.f[dense[i]] += gc.f[gc.offset + i];
            }
            return new Tensor[]{gx};
        });
    }

    /** Storage positions in {@code x} of {@code x[i0..][index[i]][..]} for every position of the index. */
    private static int[] positions(String op, Tensor x, int d, int[] indexShape, long[] ix) {
        int[] pos = new int[ix.length];
        int[] idx = new int[indexShape.length];
        int size = x.shape[d];
        for (int i = 0; i < ix.length; i++) {
            long v = ix[i];
            if (v < 0 || v >= size) {
                throw new IndexOutOfBoundsException(op + ": index " + v + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
            int p = x.offset;
            for (int k = 0; k < idx.length; k++) {
                int c = k == d ? (int) v : idx[k];
                p += c * x.strides[k];
            }
            pos[i] = p;
            Strided.next(idx, indexShape, idx.length - 1);
        }
        return pos;
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dtype != DType.INT64 || index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: expected a 1-D int64 index, received " + index.describe());
        }
        int d = Shape.wrapDim("indexSelect", dim, x.dim());
        long[] ix = index.toLongArray();
        int size = x.shape[d];
        List<Tensor> rows = new ArrayList<>(ix.length);
        for (long v : ix) {
            if (v < 0 || v >= size) {
                throw new IndexOutOfBoundsException("indexSelect: index " + v + " is out of range for dimension " + d
                        + " with size " + size);
            }
        }
        if (ix.length == 0) {
            int[] shape = x.shape.clone();
            shape[d] = 0;
            return Tensor.zeros(shape).toType(x.dtype);
        }
        for (long v : ix) {
            rows.add(x.narrow(d, (int) v, 1));
        }
        return cat(rows, d);
    }

    static Tensor oneHot(Tensor labels, int numClasses) {
        if (labels.dtype != DType.INT64) {
            throw new IllegalArgumentException("oneHot: expected int64 class indices, received " + labels.describe());
        }
        long[] v = labels.toLongArray();
        int c = numClasses;
        if (c < 0) {
            long max = -1;
            for (long x : v) {
                max = Math.max(max, x);
            }
            c = (int) max + 1;
        }
        long[] out = new long[v.length * c];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= c) {
                throw new IllegalArgumentException("oneHot: class values must be in [0, " + c + "), received " + v[i]);
            }
            out[i * c + (int) v[i]] = 1;
        }
        int[] shape = Arrays.copyOf(labels.shape, labels.dim() + 1);
        shape[labels.dim()] = c;
        return Tensor.wrapLong(out, shape);
    }

    static ValuesIndices topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shape.wrapDim("topk", dim, x.dim());
        int size = x.dim() == 0 ? 1 : x.shape[d];
        if (k < 0 || k > size) {
            throw new IllegalArgumentException("topk: k (" + k + ") is out of range for dimension " + d + " of size " + size);
        }
        Tensor moved = x.dim() == 0 ? x.reshape(1) : x.transpose(d, -1).contiguous();
        Tensor c = moved.toFloat();
        int rows = c.numel() / Math.max(1, size);
        float[] vals = new float[rows * k];
        long[] idx = new long[rows * k];
        Integer[] order = new Integer[size];
        for (int r = 0; r < rows; r++) {
            int base = c.offset + r * size;
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            // NaN sorts as the largest value, as in PyTorch; ties keep the lower index first.
            Arrays.sort(order, (p, q) -> {
                int cmp = Float.compare(c.f[base + q], c.f[base + p]);
                return largest ? cmp : -cmp;
            });
            for (int i = 0; i < k; i++) {
                vals[r * k + i] = c.f[base + order[i]];
                idx[r * k + i] = order[i];
            }
        }
        int[] movedShape = moved.shape.clone();
        movedShape[movedShape.length - 1] = k;
        Tensor values = Tensor.wrap(vals, movedShape);
        Tensor indices = Tensor.wrapLong(idx, movedShape.clone());
        if (x.dim() == 0) {
            return new ValuesIndices(values.reshape(), indices.reshape());
        }
        values = values.transpose(d, -1).contiguous();
        indices = indices.transpose(d, -1).contiguous();
        Tensor valuesOut = values.detach();
        Tensor finalIndices = indices;
        int[] inShape = x.shape;
        Tensor.record("topk", valuesOut, new Tensor[]{x}, g -> {
            Tensor gx = Tensor.zeros(inShape);
            long[] ix = finalIndices.toLongArray();
            int[] dense = positions("topk", gx, d, finalIndices.shape, ix);
            Tensor gc = g.contiguous();
            for (int i = 0; i < dense.length; i++) {
                gx.f[dense[i]] += gc.f[gc.offset + i];
            }
            return new Tensor[]{gx};
        });
        return new ValuesIndices(valuesOut, indices);
    }
}
