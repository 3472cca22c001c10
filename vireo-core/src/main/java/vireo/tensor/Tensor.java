package vireo.tensor;

import java.util.Arrays;
import java.util.List;
import vireo.autograd.Engine;
import vireo.autograd.GradMode;
import vireo.autograd.Node;

/**
 * An n-dimensional array with autograd: storage plus shape, strides and offset, so that views share storage.
 *
 * <p>The facade for every op; the work is done by {@code Pointwise}, {@code Reductions}, {@code Views},
 * {@code Linalg}, {@code NNOps} and {@code Indexing}, which also hold each op's derivative rule next to its forward.
 * Method names follow PyTorch's ({@code logSoftmax} for {@code log_softmax}). Dimensions may be negative.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(3, 2).requiresGrad(true);
 * Tensor loss = Tensor.ones(4, 3).matmul(w).relu().sum();
 * loss.backward();
 * w.grad();   // [3, 2]
 * }</pre>
 */
public final class Tensor {

    final DType dtype;
    final float[] f;   // FLOAT32 and BOOL storage
    final long[] l;    // INT64 storage
    final int[] shape;
    final int[] strides;
    final int offset;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    Tensor(DType dtype, float[] f, long[] l, int[] shape, int[] strides, int offset) {
        this.dtype = dtype;
        this.f = f;
        this.l = l;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /**
     * A float32 tensor over {@code data} itself, not a copy (like {@code torch.from_numpy}): later writes to the array
     * show in the tensor. For loaders and decoders that fill a fresh array. Shapes: {@code data.length == prod(shape)}.
     */
    public static Tensor wrap(float[] data, int... shape) {
        if (data.length != Shape.numel(shape)) {
            checkLength("wrap", data.length, shape);
        }
        return new Tensor(DType.FLOAT32, data, null, shape, Shape.contiguousStrides(shape), 0);
    }

    static Tensor wrapBool(float[] data, int... shape) {
        return new Tensor(DType.BOOL, data, null, shape, Shape.contiguousStrides(shape), 0);
    }

    /** An int64 tensor over {@code data} itself, not a copy. */
    public static Tensor wrapLong(long[] data, int... shape) {
        if (data.length != Shape.numel(shape)) {
            checkLength("wrapLong", data.length, shape);
        }
        return new Tensor(DType.INT64, null, data, shape, Shape.contiguousStrides(shape), 0);
    }

    // ---------------------------------------------------------------- creation

    /** A float32 tensor holding a copy of {@code data}. Shapes: {@code data.length == prod(shape)}. */
    public static Tensor fromArray(float[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        return wrap(data.clone(), shape.clone());
    }

    /** An int64 tensor holding a copy of {@code data}. */
    public static Tensor fromArray(long[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        return wrapLong(data.clone(), shape.clone());
    }

    /** A 1-D float32 tensor of the given values. */
    public static Tensor of(float... values) {
        return wrap(values.clone(), values.length);
    }

    /** A 0-d float32 tensor. */
    public static Tensor scalar(float value) {
        return wrap(new float[]{value});
    }

    /** A 0-d int64 tensor. */
    public static Tensor scalarLong(long value) {
        return wrapLong(new long[]{value});
    }

    private static void checkLength(String op, int length, int[] shape) {
        int n = Shape.numel(shape);
        if (n != length) {
            throw new IllegalArgumentException(op + ": shape " + Shape.str(shape) + " needs " + n
                    + " values, received " + length);
        }
    }

    public static Tensor zeros(int... shape) {
        return wrap(new float[Shape.numel(shape)], shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        Arrays.fill(d, value);
        return wrap(d, shape.clone());
    }

    public static Tensor zerosLike(Tensor t) {
        return t.dtype == DType.INT64 ? wrapLong(new long[t.numel()], t.shape.clone())
                : new Tensor(t.dtype, new float[t.numel()], null, t.shape.clone(), Shape.contiguousStrides(t.shape), 0);
    }

    public static Tensor onesLike(Tensor t) {
        return full(1f, t.shape);
    }

    /** {@code [0, end)} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** {@code start, start+step, ...} below {@code end}, as int64. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must be nonzero");
        }
        int n = (int) Math.max(0, Math.ceilDiv(end - start, step));
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return wrapLong(d, n);
    }

    /** Float values {@code start, start+step, ...} below {@code end}, like {@code torch.arange(0., 1., 0.1)}. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must be nonzero");
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (start + i * step);
        }
        return wrap(d, n);
    }

    /** The n×n identity. */
    public static Tensor eye(int n) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1f;
        }
        return wrap(d, n, n);
    }

    /** Uniform [0, 1) from the default generator ({@link Vireo#manualSeed}). */
    public static Tensor rand(int... shape) {
        return rand(Vireo.defaultGenerator(), shape);
    }

    public static Tensor rand(Generator g, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = g.nextFloat();
        }
        return wrap(d, shape.clone());
    }

    /** Uniform in [low, high). */
    public static Tensor uniform(Generator g, float low, float high, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        float span = high - low;
        for (int i = 0; i < d.length; i++) {
            d[i] = low + span * g.nextFloat();
        }
        return wrap(d, shape.clone());
    }

    /** Standard normal from the default generator. */
    public static Tensor randn(int... shape) {
        return randn(Vireo.defaultGenerator(), shape);
    }

    public static Tensor randn(Generator g, int... shape) {
        float[] d = new float[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) g.nextGaussian();
        }
        return wrap(d, shape.clone());
    }

    /** Uniform int64 in {@code [low, high)}. */
    public static Tensor randint(long low, long high, int... shape) {
        return randint(Vireo.defaultGenerator(), low, high, shape);
    }

    public static Tensor randint(Generator g, long low, long high, int... shape) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: expected low < high, received low=" + low + ", high=" + high);
        }
        long[] d = new long[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + g.nextLong(high - low);
        }
        return wrapLong(d, shape.clone());
    }

    /** A random permutation of {@code 0..n-1} (int64), Fisher–Yates. */
    public static Tensor randperm(int n) {
        return randperm(Vireo.defaultGenerator(), n);
    }

    public static Tensor randperm(Generator g, int n) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            long t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return wrapLong(d, n);
    }

    // ---------------------------------------------------------------- metadata and data access

    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code d} (negative counts from the end). */
    public int size(int d) {
        return shape[Shape.wrapDim("size", d, shape.length)];
    }

    public int[] strides() {
        return strides.clone();
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public DType dtype() {
        return dtype;
    }

    public boolean isContiguous() {
        if (numel() == 0) {
            return true;
        }
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** True when the elements are exactly the storage array, in order, from index 0. */
    boolean isDense() {
        return offset == 0 && isContiguous() && (dtype == DType.INT64 ? l.length : f.length) == numel();
    }

    /** The values in row-major order, as floats (int64 values converted). */
    public float[] toFloatArray() {
        Tensor c = dtype == DType.INT64 ? toType(DType.FLOAT32) : this;
        return c.isDense() ? c.f.clone() : Views.copyDense(c).f;
    }

    /** The values in row-major order, as longs (floats truncated toward zero). */
    public long[] toLongArray() {
        Tensor c = dtype == DType.INT64 ? this : toType(DType.INT64);
        return c.isDense() ? c.l.clone() : Views.copyDense(c).l;
    }

    /**
     * The backing array of a dense float tensor (contiguous from index 0), for optimizers and kernels that update
     * values in place. Writes bypass autograd. Fails on views and int64 tensors.
     */
    public float[] floats() {
        if (dtype == DType.INT64 || !isDense()) {
            throw new IllegalStateException("floats: needs a dense float tensor, received " + describe()
                    + (dtype == DType.INT64 ? "" : " (call contiguous() first)"));
        }
        return f;
    }

    /** The backing array of a dense int64 tensor. */
    public long[] longs() {
        if (dtype != DType.INT64 || !isDense()) {
            throw new IllegalStateException("longs: needs a dense int64 tensor, received " + describe());
        }
        return l;
    }

    /** The one value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: a Tensor with " + numel() + " elements cannot be converted to a "
                    + "scalar (shape " + Shape.str(shape) + ")");
        }
        return dtype == DType.INT64 ? l[offset] : f[offset];
    }

    /** The int64 value of a one-element tensor. */
    public long itemLong() {
        if (numel() != 1) {
            throw new IllegalStateException("itemLong: a Tensor with " + numel() + " elements cannot be converted to a scalar");
        }
        return dtype == DType.INT64 ? l[offset] : (long) f[offset];
    }

    /** One element by full index. */
    public float get(int... index) {
        return dtype == DType.INT64 ? l[flatIndex(index)] : f[flatIndex(index)];
    }

    /** One int64 element by full index. */
    public long getLong(int... index) {
        return dtype == DType.INT64 ? l[flatIndex(index)] : (long) f[flatIndex(index)];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape "
                    + Shape.str(shape) + ", received " + index.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            int ix = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (ix < 0 || ix >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " is out of bounds for dimension " + i
                        + " with size " + shape[i]);
            }
            p += ix * strides[i];
        }
        return p;
    }

    /** {@code "float32 [2, 3]"}: for error messages. */
    public String describe() {
        return dtype.pythonName() + " " + Shape.str(shape);
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as needing a gradient (like {@code requires_grad_}); returns this. */
    public Tensor requiresGrad(boolean value) {
        if (value && dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("requiresGrad: only float tensors can require gradients, received " + describe());
        }
        if (!value && gradFn != null) {
            throw new IllegalStateException("requiresGrad(false): this tensor is computed by '" + gradFn.op()
                    + "'; use detach() to cut it from the graph");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient of a leaf, or null before any backward. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (null clears it, like {@code p.grad = None}). */
    public void setGrad(Tensor g) {
        this.grad = g;
    }

    /** Clears the gradient (sets it to null, PyTorch's default {@code set_to_none=True}). */
    public void zeroGrad() {
        this.grad = null;
    }

    /** The node that computed this tensor, or null for leaves. */
    public Node gradFn() {
        return gradFn;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Backpropagates from a one-element tensor (usually a loss). */
    public void backward() {
        backward(false);
    }

    /** Backpropagates {@code gradient} (same shape as this). */
    public void backward(Tensor gradient, boolean retainGraph) {
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shape.str(gradient.shape)
                    + " does not match tensor shape " + Shape.str(shape));
        }
        Engine.backward(this, gradient, retainGraph);
    }

    /** Like {@link #backward()} but keeps the graph for another backward. */
    public void backward(boolean retainGraph) {
        if (numel() != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for scalar outputs, received "
                    + "shape " + Shape.str(shape) + "; pass a gradient: backward(grad, retainGraph)");
        }
        Engine.backward(this, onesLike(this), retainGraph);
    }

    /** Adds a gradient into this leaf's {@code grad()} (called by the engine). */
    public void accumulateGrad(Tensor g) {
        if (!Arrays.equals(g.shape, shape)) {
            throw new IllegalStateException("autograd: gradient of shape " + Shape.str(g.shape)
                    + " for a tensor of shape " + Shape.str(shape));
        }
        if (grad == null) {
            // Own the storage: the incoming gradient may be shared with other parts of the graph.
            if (g.gradFn == null && !g.requiresGrad) {
                grad = Views.copyDense(g);  // one copy, whatever the layout
            } else {
                grad = g.isContiguous() ? g.clone() : g.contiguous();  // contiguous() of a view is already a copy
            }
        } else {
            Pointwise.addInPlace(grad, g);
        }
    }

    /** A tensor sharing storage but cut from the graph. */
    public Tensor detach() {
        return new Tensor(dtype, f, l, shape, strides, offset);
    }

    /** A dense copy with its own storage (recorded: gradients flow through). */
    @Override
    public Tensor clone() {
        Tensor out = Views.copyDense(this);
        return record("clone", out, new Tensor[]{this}, g -> new Tensor[]{g});
    }

    /**
     * Attaches a node to {@code out} when grad mode is on and some input requires a gradient. Package-private:
     * every op class calls it right after computing its forward.
     */
    static Tensor record(String op, Tensor out, Tensor[] inputs, Node.Rule rule) {
        if (!GradMode.isEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad) {
                out.requiresGrad = true;
                out.gradFn = new Node(op, inputs, rule);
                return out;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- dtype

    /** Converts to another dtype (a copy; a no-op when it already has it). */
    public Tensor toType(DType target) {
        if (target == dtype) {
            return this;
        }
        return Views.convert(this, target);
    }

    public Tensor toFloat() {
        return toType(DType.FLOAT32);
    }

    public Tensor toLong() {
        return toType(DType.INT64);
    }

    // ---------------------------------------------------------------- views (zero copy)

    /** Same elements, new shape (one {@code -1} inferred); needs a compatible layout, like {@code torch.view}. */
    public Tensor view(int... newShape) {
        return Views.view(this, newShape, "view");
    }

    /** {@link #view} when possible, otherwise a copy. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape);
    }

    /** Reorders dimensions. Shapes: {@code out[i] = in[dims[i]]}. */
    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    public Tensor transpose(int d0, int d1) {
        return Views.transpose(this, d0, d1);
    }

    /** Transpose of a matrix ({@code .T} for 2-D, identity for 0/1-D). */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor with <= 2 dimensions, but self is " + shape.length + "D");
        }
        return shape.length < 2 ? this : transpose(0, 1);
    }

    /** Elements {@code [start, start+length)} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** Python's {@code x[..., start:end:step, ...]} along one dimension (negative and out-of-range bounds clamp). */
    public Tensor slice(int dim, int start, int end, int step) {
        return Views.slice(this, dim, start, end, step);
    }

    /** {@code x[..., index, ...]}: removes {@code dim}. */
    public Tensor select(int dim, int index) {
        return Views.select(this, dim, index);
    }

    /** Broadcasts size-1 dimensions to {@code newShape} without copying ({@code -1} keeps a size). */
    public Tensor expand(int... newShape) {
        return Views.expand(this, newShape);
    }

    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** Flattens dimensions {@code start..end} (inclusive) into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** This tensor when contiguous, else a contiguous copy (recorded). */
    public Tensor contiguous() {
        return isContiguous() ? this : clone();
    }

    // ---------------------------------------------------------------- pointwise

    public Tensor add(Tensor other) {
        return Pointwise.binary(Pointwise.Op.ADD, this, other);
    }

    public Tensor add(float v) {
        return add(scalar(v));
    }

    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, float alpha) {
        return alpha == 1f ? add(other) : add(other.mul(alpha));
    }

    public Tensor sub(Tensor other) {
        return Pointwise.binary(Pointwise.Op.SUB, this, other);
    }

    public Tensor sub(float v) {
        return sub(scalar(v));
    }

    /** {@code v - this}. */
    public Tensor rsub(float v) {
        return scalar(v).sub(this);
    }

    public Tensor mul(Tensor other) {
        return Pointwise.binary(Pointwise.Op.MUL, this, other);
    }

    public Tensor mul(float v) {
        return mul(scalar(v));
    }

    public Tensor div(Tensor other) {
        return Pointwise.binary(Pointwise.Op.DIV, this, other);
    }

    public Tensor div(float v) {
        return div(scalar(v));
    }

    public Tensor pow(Tensor exponent) {
        return Pointwise.binary(Pointwise.Op.POW, this, exponent);
    }

    public Tensor pow(float exponent) {
        return Pointwise.powScalar(this, exponent);
    }

    /** Element-wise maximum (gradient split evenly on ties, as PyTorch). */
    public Tensor maximum(Tensor other) {
        return Pointwise.binary(Pointwise.Op.MAX, this, other);
    }

    public Tensor minimum(Tensor other) {
        return Pointwise.binary(Pointwise.Op.MIN, this, other);
    }

    public Tensor eq(Tensor other) {
        return Pointwise.binary(Pointwise.Op.EQ, this, other);
    }

    public Tensor eq(float v) {
        return eq(scalar(v));
    }

    public Tensor ne(Tensor other) {
        return Pointwise.binary(Pointwise.Op.NE, this, other);
    }

    public Tensor lt(Tensor other) {
        return Pointwise.binary(Pointwise.Op.LT, this, other);
    }

    public Tensor lt(float v) {
        return lt(scalar(v));
    }

    public Tensor le(Tensor other) {
        return Pointwise.binary(Pointwise.Op.LE, this, other);
    }

    public Tensor gt(Tensor other) {
        return Pointwise.binary(Pointwise.Op.GT, this, other);
    }

    public Tensor gt(float v) {
        return gt(scalar(v));
    }

    public Tensor ge(Tensor other) {
        return Pointwise.binary(Pointwise.Op.GE, this, other);
    }

    /** {@code condition ? a : b} element-wise, with broadcasting. Shapes: all three broadcast together. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Pointwise.where(condition, a, b);
    }

    public Tensor neg() {
        return Pointwise.unary(Pointwise.Unary.NEG, this);
    }

    public Tensor exp() {
        return Pointwise.unary(Pointwise.Unary.EXP, this);
    }

    public Tensor log() {
        return Pointwise.unary(Pointwise.Unary.LOG, this);
    }

    public Tensor sqrt() {
        return Pointwise.unary(Pointwise.Unary.SQRT, this);
    }

    public Tensor abs() {
        return Pointwise.unary(Pointwise.Unary.ABS, this);
    }

    public Tensor relu() {
        return Pointwise.unary(Pointwise.Unary.RELU, this);
    }

    public Tensor sigmoid() {
        return Pointwise.unary(Pointwise.Unary.SIGMOID, this);
    }

    public Tensor tanh() {
        return Pointwise.unary(Pointwise.Unary.TANH, this);
    }

    /** The exact (erf) GELU, PyTorch's default. */
    public Tensor gelu() {
        return Pointwise.unary(Pointwise.Unary.GELU, this);
    }

    /** Limits values to {@code [min, max]}; either bound may be NaN-free infinity to leave that side open. */
    public Tensor clamp(float min, float max) {
        return Pointwise.clamp(this, min, max);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    /** Sum over {@code dims}; {@code keepdim} keeps them as size 1. */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    public Tensor sum(int dim) {
        return sum(new int[]{dim}, false);
    }

    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    public Tensor mean(int dim) {
        return mean(new int[]{dim}, false);
    }

    /** Variance over {@code dims} with Bessel's correction when {@code unbiased} (PyTorch's default). */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
        return Reductions.var(this, dims, unbiased ? 1 : 0, keepdim);
    }

    public Tensor var() {
        return var(allDims(), true, false);
    }

    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
        return var(dims, unbiased, keepdim).sqrt();
    }

    public Tensor std() {
        return var().sqrt();
    }

    /** Maximum of all elements (gradient shared evenly among ties). */
    public Tensor max() {
        return Reductions.maxAll(this, true);
    }

    public Tensor min() {
        return Reductions.maxAll(this, false);
    }

    /** Maximum along {@code dim}: values and their (first) indices. */
    public ValuesIndices max(int dim, boolean keepdim) {
        return Reductions.maxDim(this, dim, keepdim, true);
    }

    public ValuesIndices min(int dim, boolean keepdim) {
        return Reductions.maxDim(this, dim, keepdim, false);
    }

    public Tensor argmax(int dim, boolean keepdim) {
        return max(dim, keepdim).indices();
    }

    public Tensor argmax(int dim) {
        return argmax(dim, false);
    }

    /** Index of the maximum of the flattened tensor. */
    public Tensor argmax() {
        return reshape(-1).argmax(0, false);
    }

    public Tensor logsumexp(int dim, boolean keepdim) {
        return Reductions.logsumexp(this, dim, keepdim);
    }

    int[] allDims() {
        int[] d = new int[shape.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's rules: 1-D·1-D dot, 2-D·2-D, 1-D promoted and squeezed, and batched with
     * broadcast batch dimensions. Shapes: {@code [..., n, k] · [..., k, m] -> [..., n, m]}.
     */
    public Tensor matmul(Tensor other) {
        return Linalg.matmul(this, other);
    }

    /** Batched product. Shapes: {@code [b, n, k] · [b, k, m] -> [b, n, m]}. */
    public Tensor bmm(Tensor other) {
        return Linalg.bmm(this, other);
    }

    // ---------------------------------------------------------------- neural-network functions

    /** Softmax along {@code dim}. */
    public Tensor softmax(int dim) {
        return NNOps.softmax(this, dim, false);
    }

    /** Log-softmax along {@code dim} (numerically stable). */
    public Tensor logSoftmax(int dim) {
        return NNOps.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- indexing and joining

    /** Concatenates along {@code dim}; all other sizes must match. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Indexing.cat(tensors, dim);
    }

    /** Stacks equal-shaped tensors along a new dimension {@code dim}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Indexing.stack(tensors, dim);
    }

    /** Splits into views of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) {
        return Indexing.split(this, splitSize, dim);
    }

    /** Splits into views of the given sizes along {@code dim}. */
    public List<Tensor> split(int[] sizes, int dim) {
        return Indexing.split(this, sizes, dim);
    }

    /** {@code out[i][j] = this[i][index[i][j]]} for dim 1 (and likewise for any dim). Shapes: out = index's shape. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** Picks entries of {@code dim} listed by a 1-D int64 {@code index}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** int64 class indices to a one-hot int64 tensor with a new last dimension of {@code numClasses}. */
    public Tensor oneHot(int numClasses) {
        return Indexing.oneHot(this, numClasses);
    }

    /** The {@code k} largest (or smallest) entries along {@code dim}, sorted, with their indices. */
    public ValuesIndices topk(int k, int dim, boolean largest) {
        return Indexing.topk(this, k, dim, largest);
    }

    // ---------------------------------------------------------------- in place (not recorded by autograd)

    /** Copies {@code src} (broadcast to this shape) into this tensor's elements; not recorded. */
    public Tensor copy_(Tensor src) {
        Views.copyInto(src, this);
        return this;
    }

    /** Sets every element to {@code value}; not recorded. */
    public Tensor fill_(float value) {
        Views.fill(this, value);
        return this;
    }

    public Tensor zero_() {
        return fill_(0f);
    }

    /**
     * ReLU in place, PyTorch's {@code relu_}: overwrites this tensor's elements and returns it. Not recorded: it
     * refuses a tensor that autograd {@linkplain #isTracked tracks}, and, as Vireo keeps no
     * version counters, it must not overwrite a tensor that a recorded operation saved for its backward pass.
     */
    public Tensor relu_() {
        requireUntracked("relu_");
        Pointwise.reluInPlace(this);
        return this;
    }

    /**
     * {@code this += other} in place ({@code other} broadcast to this shape), PyTorch's {@code add_}; not recorded,
     * with {@link #relu_}'s rules, and refusing a tracked {@code other} too (its gradient would be lost).
     */
    public Tensor add_(Tensor other) {
        requireUntracked("add_");
        if (other.isTracked()) {
            throw new IllegalStateException("add_: cannot add a tensor that autograd tracks in place: its gradient "
                    + "would be lost; use add");
        }
        Pointwise.addInPlace(this, other);
        return this;
    }

    /**
     * Whether autograd records the operations applied to this tensor: it requires grad and grad mode is on. The
     * in-place ops refuse such a tensor.
     */
    public boolean isTracked() {
        return requiresGrad && GradMode.isEnabled();
    }

    private void requireUntracked(String op) {
        if (isTracked()) {
            throw new IllegalStateException(op + ": cannot overwrite a tensor that autograd tracks (it requires grad); "
                    + "use the out-of-place op, or run under GradMode.noGrad()");
        }
    }
}
