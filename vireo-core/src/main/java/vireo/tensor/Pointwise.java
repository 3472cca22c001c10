package vireo.tensor;

import java.util.Arrays;
import vireo.backend.Parallel;

/** Element-wise ops with NumPy broadcasting; their derivative rules are {@link PointwiseGradients}. */
final class Pointwise {

    enum Op {
        ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), POW("pow"), MAX("maximum"), MIN("minimum"),
        EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge");

        final String name;

        Op(String name) {
            this.name = name;
        }

        boolean comparison() {
            return ordinal() >= EQ.ordinal();
        }
    }

    enum Unary {
        NEG("neg"), EXP("exp"), LOG("log"), SQRT("sqrt"), ABS("abs"), RELU("relu"), SIGMOID("sigmoid"),
        TANH("tanh"), GELU("gelu");

        final String name;

        Unary(String name) {
            this.name = name;
        }
    }

    private Pointwise() {
    }

    // ------------------------------------------------------------ binary

    static Tensor binary(Op op, Tensor a, Tensor b) {
        if (a.dtype == DType.BOOL && b.dtype == DType.BOOL) {
            return boolBinary(op, a, b);
        }
        if (a.dtype != DType.FLOAT32 && b.dtype != DType.FLOAT32) { // int64 with int64 or bool: int64, as in PyTorch
            return LongOps.binary(op, a, b);
        }
        if (a.dtype == DType.INT64) {
            a = a.toFloat();
        }
        if (b.dtype == DType.INT64) {
            b = b.toFloat();
        }
        int[] outShape = Arrays.equals(a.shape, b.shape) ? a.shape.clone() : Shape.broadcast(op.name, a.shape, b.shape);
        int n = Shape.numel(outShape);
        float[] out = new float[n];
        compute(op, a, b, outShape, out);
        if (op.comparison()) {
            return Tensor.wrapBool(out, outShape);
        }
        Tensor r = Tensor.wrap(out, outShape);
        final Tensor x = a;
        final Tensor y = b;
        return Tensor.record(op.name, r, new Tensor[]{a, b}, g -> PointwiseGradients.binary(op, x, y, r, g));
    }

    /**
     * Two bool tensors, with PyTorch's type rules: {@code add} and {@code maximum} are "or" and {@code mul} and
     * {@code minimum} "and", with bool results; comparisons give bool and division float32; subtraction and
     * {@code pow} are refused, as PyTorch refuses them.
     */
    private static Tensor boolBinary(Op op, Tensor a, Tensor b) {
        return switch (op) {
            case SUB -> throw new IllegalArgumentException("sub: subtraction of two bool tensors is not supported, "
                    + "as in PyTorch; use ne for exclusive or, or convert one operand to float32 or int64 first");
            case POW -> throw new IllegalArgumentException("pow: not implemented for two bool tensors, as in PyTorch; "
                    + "convert one operand to float32 first");
            case ADD, MUL, MAX, MIN -> binary(op, a.toFloat(), b.toFloat()).ne(Tensor.scalar(0f));
            default -> binary(op, a.toFloat(), b.toFloat());
        };
    }

    private static void compute(Op op, Tensor a, Tensor b, int[] outShape, float[] out) {
        int n = out.length;
        if (n == 0) {
            return;
        }
        boolean aFull = Arrays.equals(a.shape, outShape) && a.isContiguous();
        boolean bFull = Arrays.equals(b.shape, outShape) && b.isContiguous();
        if (aFull && bFull) {
            Parallel.forElements(n,
                    (lo, hi) -> loop(op, a.f, a.offset + lo, 1, b.f, b.offset + lo, 1, out, lo, hi - lo));
            return;
        }
        if (aFull && b.numel() == 1) {
            Parallel.forElements(n, (lo, hi) -> loop(op, a.f, a.offset + lo, 1, b.f, b.offset, 0, out, lo, hi - lo));
            return;
        }
        if (bFull && a.numel() == 1) {
            Parallel.forElements(n, (lo, hi) -> loop(op, a.f, a.offset, 0, b.f, b.offset + lo, 1, out, lo, hi - lo));
            return;
        }
        int[][] merged = coalesce(outShape, Shape.broadcastStrides(a.shape, a.strides, outShape),
                Shape.broadcastStrides(b.shape, b.strides, outShape));
        int[] shape = merged[0];
        int[] as = merged[1];
        int[] bs = merged[2];
        int rank = shape.length;
        int inner = shape[rank - 1];
        int rows = n / inner;
        int chunks = Math.min(Parallel.numThreads(), Math.ceilDiv(n, Parallel.ELEMENT_GRAIN));
        Parallel.forChunks(rows, chunks, (lo, hi) -> {
            int[] idx = new int[rank];
            for (int d = rank - 2, r = lo; d >= 0; d--) {
                idx[d] = r % shape[d];
                r /= shape[d];
            }
            for (int r = lo; r < hi; r++) {
                int ap = a.offset;
                int bp = b.offset;
                for (int d = 0; d < rank - 1; d++) {
                    ap += idx[d] * as[d];
                    bp += idx[d] * bs[d];
                }
                loop(op, a.f, ap, as[rank - 1], b.f, bp, bs[rank - 1], out, r * inner, inner);
                Strided.next(idx, shape, rank - 2);
            }
        });
    }

    /**
     * The output shape and both operands' strides with each pair of neighbouring dimensions that both operands step
     * through as one merged into one ({@code stride[d] == stride[d+1] * shape[d+1]} for both, broadcast strides of
     * 0 included), and dimensions of size 1 dropped; at least one dimension remains. The loop above then runs rows
     * as long as the layout allows: a {@code [N, C, 1, 1]} channel mask over {@code [N, C, 8, 8]} (the MNIST
     * {@code Net}'s {@code Dropout2d}, forward and backward) is 64-element runs of one scalar instead of 8-element
     * rows; with the rows split over the threads, its multiplication went from 88 to 21 µs (batch 64, 2 threads).
     */
    static int[][] coalesce(int[] shape, int[] as, int[] bs) {
        int[] sh = new int[shape.length];
        int[] sa = new int[shape.length];
        int[] sb = new int[shape.length];
        int m = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (m > 0 && sa[m - 1] == as[d] * shape[d] && sb[m - 1] == bs[d] * shape[d]) {
                sh[m - 1] *= shape[d];
                sa[m - 1] = as[d];
                sb[m - 1] = bs[d];
                continue;
            }
            sh[m] = shape[d];
            sa[m] = as[d];
            sb[m] = bs[d];
            m++;
        }
        if (m == 0) {
            return new int[][] {{1}, {0}, {0}};
        }
        return new int[][] {Arrays.copyOf(sh, m), Arrays.copyOf(sa, m), Arrays.copyOf(sb, m)};
    }

    /** One run of {@code n} outputs; the common strides (1,1) and (1,0) get loops the JIT vectorises. */
    static void loop(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        if (as == 1 && bs == 1) {
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] + b[bo + i];
                    }
                    return;
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] - b[bo + i];
                    }
                    return;
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] * b[bo + i];
                    }
                    return;
                }
                case DIV -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] / b[bo + i];
                    }
                    return;
                }
                default -> {
                }
            }
        } else if (as == 1 && bs == 0) {
            float bv = b[bo];
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] + bv;
                    }
                    return;
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] - bv;
                    }
                    return;
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] * bv;
                    }
                    return;
                }
                case DIV -> {
                    for (int i = 0; i < n; i++) {
                        o[oo + i] = a[ao + i] / bv;
                    }
                    return;
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < n; i++) {
            o[oo + i] = apply(op, a[ao + i * as], b[bo + i * bs]);
        }
    }

    static float apply(Op op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> y == 2f ? x * x : (float) Math.pow(x, y);
            case MAX -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.max(x, y);
            case MIN -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.min(x, y);
            case EQ -> x == y ? 1f : 0f;
            case NE -> x != y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
        };
    }

    /** {@code x = max(x, 0)} element by element, in place; NaN kept. */
    static void reluInPlace(Tensor x) {
        requireFloat("relu_", x);
        if (!x.isContiguous()) {
            x.copy_(unary(Unary.RELU, x));
            return;
        }
        float[] f = x.f;
        int o = x.offset;
        Parallel.forElements(x.numel(), (lo, hi) -> unaryRange(Unary.RELU, f, o, f, o, lo, hi));
    }

    /**
     * {@code dst += src} in place, {@code src} broadcast to {@code dst}'s shape: {@code add_}, and the engine's
     * gradient accumulation (same shapes, dense {@code dst}: the parallel loop).
     */
    static void addInPlace(Tensor dst, Tensor src) {
        requireFloat("add_", dst);
        int[] shape = Shape.broadcast("add_", dst.shape, src.shape);
        if (!Arrays.equals(shape, dst.shape)) {
            throw new IllegalArgumentException("add_: cannot broadcast " + Shape.str(src.shape) + " to the shape "
                    + Shape.str(dst.shape) + " of the tensor added to, which an in-place op cannot change");
        }
        Tensor s = src.dtype == DType.FLOAT32 ? src : src.toFloat();
        if (!dst.isContiguous() || !Arrays.equals(s.shape, dst.shape)) { // a strided target, or broadcasting
            dst.copy_(binary(Op.ADD, dst, s));
            return;
        }
        if (!s.isContiguous()) {
            s = Views.copyDense(s);
        }
        float[] d = dst.f;
        int dOff = dst.offset;
        float[] v = s.f;
        int vOff = s.offset;
        Parallel.forElements(dst.numel(),
                (lo, hi) -> loop(Op.ADD, d, dOff + lo, 1, v, vOff + lo, 1, d, dOff + lo, hi - lo));
    }

    private static void requireFloat(String op, Tensor x) {
        if (x.dtype != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 tensor to overwrite, received "
                    + x.describe());
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (a.dtype == DType.INT64) {
            a = a.toFloat();
        }
        if (b.dtype == DType.INT64) {
            b = b.toFloat();
        }
        Tensor c = cond.dtype == DType.INT64 ? cond.toType(DType.BOOL) : cond;
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", c.shape, a.shape), b.shape);
        Tensor ce;
        Tensor ae;
        Tensor be;
        try (var scope = vireo.autograd.GradMode.noGrad()) {
            ce = c.expand(shape).contiguous();
            ae = a.expand(shape).contiguous();
            be = b.expand(shape).contiguous();
        }
        int n = Shape.numel(shape);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ce.f[ce.offset + i] != 0f ? ae.f[ae.offset + i] : be.f[be.offset + i];
        }
        Tensor r = Tensor.wrap(out, shape);
        final Tensor x = a;
        final Tensor y = b;
        return Tensor.record("where", r, new Tensor[]{null, a, b}, g -> {
            Tensor mask = c.toFloat();
            return new Tensor[]{null,
                    x.requiresGrad() ? Reductions.sumTo(g.mul(mask), x.shape) : null,
                    y.requiresGrad() ? Reductions.sumTo(g.mul(mask.rsub(1f)), y.shape) : null};
        });
    }

    // ------------------------------------------------------------ unary

    static Tensor unary(Unary op, Tensor x) {
        if (x.dtype == DType.INT64) {
            x = x.toFloat();
        }
        Tensor c = x.isContiguous() ? x : Views.copyDense(x);
        int n = c.numel();
        float[] in = c.f;
        int io = c.offset;
        float[] out = new float[n];
        Parallel.forElements(n, (lo, hi) -> unaryRange(op, in, io, out, 0, lo, hi));
        Tensor y = Tensor.wrap(out, x.shape.clone());
        return Tensor.record(op.name, y, new Tensor[]{x}, g -> new Tensor[]{PointwiseGradients.unary(op, c, y, g)});
    }

    /** {@code out[oo + i] = op(in[io + i])} for {@code i} in {@code [lo, hi)} (in place when the two coincide). */
    private static void unaryRange(Unary op, float[] in, int io, float[] out, int oo, int lo, int hi) {
        switch (op) {
            case NEG -> {
                for (int i = lo; i < hi; i++) {
                    out[oo + i] = -in[io + i];
                }
            }
            case EXP -> {
                if (FastPointwise.enabled()) {
                    VectorMath.exp(in, io + lo, out, oo + lo, hi - lo);
                } else {
                    for (int i = lo; i < hi; i++) {
                        out[oo + i] = (float) Math.exp(in[io + i]);
                    }
                }
            }
            case LOG -> {
                for (int i = lo; i < hi; i++) {
                    out[oo + i] = (float) Math.log(in[io + i]);
                }
            }
            case SQRT -> {
                for (int i = lo; i < hi; i++) {
                    out[oo + i] = (float) Math.sqrt(in[io + i]);
                }
            }
            case ABS -> {
                for (int i = lo; i < hi; i++) {
                    out[oo + i] = Math.abs(in[io + i]);
                }
            }
            case RELU -> {
                if (FastPointwise.enabled()) {
                    VectorMath.relu(in, io + lo, out, oo + lo, hi - lo);
                } else {
                    for (int i = lo; i < hi; i++) {
                        float v = in[io + i];
                        out[oo + i] = v > 0f ? v : (Float.isNaN(v) ? v : 0f);
                    }
                }
            }
            case SIGMOID -> {
                if (FastPointwise.enabled()) {
                    VectorMath.sigmoid(in, io + lo, out, oo + lo, hi - lo);
                } else {
                    for (int i = lo; i < hi; i++) {
                        out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-in[io + i])));
                    }
                }
            }
            case TANH -> {
                if (FastPointwise.enabled()) {
                    VectorMath.tanh(in, io + lo, out, oo + lo, hi - lo);
                } else {
                    for (int i = lo; i < hi; i++) {
                        out[oo + i] = (float) Math.tanh(in[io + i]);
                    }
                }
            }
            case GELU -> {
                for (int i = lo; i < hi; i++) {
                    double v = in[io + i];
                    out[oo + i] = (float) (0.5 * v * Erf.erfc(-v / Math.sqrt(2.0)));
                }
            }
        }
    }

    static Tensor clamp(Tensor x, float min, float max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min (" + min + ") must not exceed max (" + max + ")");
        }
        if (x.dtype == DType.INT64) {
            return clamp(x.toFloat(), min, max).toLong();
        }
        Tensor c = x.isContiguous() ? x : Views.copyDense(x);
        int n = c.numel();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float v = c.f[c.offset + i];
            out[i] = Float.isNaN(v) ? v : Math.min(Math.max(v, min), max);
        }
        Tensor y = Tensor.wrap(out, x.shape.clone());
        return Tensor.record("clamp", y, new Tensor[]{x}, g -> {
            Tensor gc = g.contiguous();
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                float v = c.f[c.offset + i];
                d[i] = v >= min && v <= max ? gc.f[gc.offset + i] : 0f;
            }
            return new Tensor[]{Tensor.wrap(d, y.shape.clone())};
        });
    }

    static Tensor powScalar(Tensor x, float e) {
        Tensor c = x.isContiguous() ? x.toFloat() : Views.copyDense(x.toFloat());
        int n = c.numel();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float v = c.f[c.offset + i];
            out[i] = e == 2f ? v * v : (float) Math.pow(v, e);
        }
        Tensor y = Tensor.wrap(out, x.shape.clone());
        return Tensor.record("pow", y, new Tensor[]{x}, g -> {
            if (e == 0f) {
                return new Tensor[]{Tensor.zeros(y.shape)};
            }
            Tensor gc = g.contiguous();
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                float v = c.f[c.offset + i];
                d[i] = gc.f[gc.offset + i] * e * (e == 2f ? v : (float) Math.pow(v, e - 1f));
            }
            return new Tensor[]{Tensor.wrap(d, y.shape.clone())};
        });
    }
}
