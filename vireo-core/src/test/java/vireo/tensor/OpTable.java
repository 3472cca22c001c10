package vireo.tensor;

import static vireo.tensor.Ref.D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The op table shared by {@link OpHarnessTest} (backend parity, forward against the float64 oracle, dtypes and
 * shapes) and {@link GradCheckTest} (float64 finite differences), in the spirit of PyTorch's OpInfo: each entry
 * is an engine function, its float64 reference in {@link Ref}, and sample inputs with odd sizes (not multiples
 * of the vector width), broadcasting pairs, size-1 and empty dimensions, and strided views.
 */
final class OpTable {

    private OpTable() {
    }

    /** One op: engine function, float64 reference, and its samples. Outputs are lists (values and indices, splits). */
    static final class OpInfo {
        final String name;
        final Function<List<Tensor>, List<Tensor>> op;
        final Function<List<D>, List<D>> ref;
        final List<List<Tensor>> samples = new ArrayList<>();
        boolean differentiable = true;
        Set<Integer> noGrad = Set.of();

        OpInfo(String name, Function<List<Tensor>, List<Tensor>> op, Function<List<D>, List<D>> ref) {
            this.name = name;
            this.op = op;
            this.ref = ref;
        }

        OpInfo on(Tensor... inputs) {
            samples.add(List.of(inputs));
            return this;
        }

        /** Each pair of shapes as two standard-normal inputs. */
        OpInfo pairs(int[][][] shapes, Function<int[], Tensor> a, Function<int[], Tensor> b) {
            for (int[][] p : shapes) {
                on(a.apply(p[0]), b.apply(p[1]));
            }
            return this;
        }

        OpInfo shapes(Function<int[], Tensor> gen, int[]... shapes) {
            for (int[] s : shapes) {
                on(gen.apply(s));
            }
            return this;
        }

        OpInfo nondiff() {
            differentiable = false;
            return this;
        }

        OpInfo noGrad(Integer... inputs) {
            noGrad = Set.of(inputs);
            return this;
        }

        boolean gradInput(int i, Tensor t) {
            return differentiable && t.dtype() == DType.FLOAT32 && !noGrad.contains(i);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<OpInfo> OPS = new ArrayList<>();
    private static final Random R = new Random(20240611);

    // ------------------------------------------------------------ input generators

    static Tensor rn(int... shape) {
        float[] v = new float[Ref.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) R.nextGaussian();
        }
        return Tensor.fromArray(v, shape);
    }

    /** Uniform in [0.5, 2): safe for log, sqrt, division and fractional powers. */
    static Tensor pos(int... shape) {
        float[] v = new float[Ref.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5f + 1.5f * R.nextFloat();
        }
        return Tensor.fromArray(v, shape);
    }

    /** Small integers as floats, so that comparisons meet ties. */
    static Tensor ints(int... shape) {
        float[] v = new float[Ref.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = R.nextInt(5) - 2;
        }
        return Tensor.fromArray(v, shape);
    }

    static Tensor idx(long bound, int... shape) {
        long[] v = new long[Ref.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = R.nextInt((int) bound);
        }
        return Tensor.fromArray(v, shape);
    }

    static Tensor mask(int... shape) {
        return ints(shape).gt(0f);
    }

    static int[] s(int... shape) {
        return shape;
    }

    /** A fresh leaf with the same values and dtype, so every run starts from an unrecorded tensor. */
    static Tensor copyLeaf(Tensor t) {
        return switch (t.dtype()) {
            case INT64 -> Tensor.fromArray(t.toLongArray(), t.shape());
            case BOOL -> Tensor.fromArray(t.toFloatArray(), t.shape()).toType(DType.BOOL);
            case FLOAT32 -> Tensor.fromArray(t.toFloatArray(), t.shape());
        };
    }

    // ------------------------------------------------------------ table-building helpers

    interface Op1 {
        Tensor apply(List<Tensor> x);
    }

    interface Ref1 {
        D apply(List<D> x);
    }

    static OpInfo add(String name, Op1 op, Ref1 ref) {
        OpInfo info = new OpInfo(name, x -> List.of(op.apply(x)), x -> List.of(ref.apply(x)));
        OPS.add(info);
        return info;
    }

    static OpInfo addMulti(String name, Function<List<Tensor>, List<Tensor>> op, Function<List<D>, List<D>> ref) {
        OpInfo info = new OpInfo(name, op, ref);
        OPS.add(info);
        return info;
    }

    /** Same-shape, broadcasting, scalar, size-1 and empty pairs; 17 and 9 are deliberately not multiples of 8. */
    static final int[][][] BINARY = {
        {{5}, {5}}, {{3, 17}, {3, 17}}, {{4, 1, 9}, {3, 1}}, {{}, {2, 3}}, {{2, 3}, {}}, {{1}, {6, 1}},
        {{2, 0, 3}, {1, 3}}, {{17}, {1}}};

    static final int[][] UNARY = {{}, {1}, {9}, {3, 5}, {2, 1, 11}, {0, 4}};

    static final List<Tensor> NONE = List.of();

    private static List<D> vi(D values, D indices) {
        return List.of(values, indices.as(DType.INT64));
    }

    static {
        pointwise();
        reductions();
        linalg();
        indexing();
        nn();
        views();
    }

    // ------------------------------------------------------------ pointwise

    private static void pointwise() {
        add("add", x -> x.get(0).add(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Double::sum))
                .pairs(BINARY, OpTable::rn, OpTable::rn);
        add("sub", x -> x.get(0).sub(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a - b))
                .pairs(BINARY, OpTable::rn, OpTable::rn);
        add("mul", x -> x.get(0).mul(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a * b))
                .pairs(BINARY, OpTable::rn, OpTable::rn);
        add("div", x -> x.get(0).div(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a / b))
                .pairs(BINARY, OpTable::rn, OpTable::pos);
        add("pow", x -> x.get(0).pow(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Math::pow))
                .pairs(BINARY, OpTable::pos, OpTable::rn);
        add("maximum", x -> x.get(0).maximum(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Math::max))
                .pairs(BINARY, OpTable::rn, OpTable::rn);
        add("minimum", x -> x.get(0).minimum(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Math::min))
                .pairs(BINARY, OpTable::rn, OpTable::rn);
        add("add(a.t(), b)", x -> x.get(0).t().add(x.get(1)),
                r -> Ref.zip(Ref.transpose(r.get(0), 0, 1), r.get(1), Double::sum))
                .on(rn(5, 3), rn(3, 5)).on(rn(9, 2), rn(1)).on(rn(4, 6), rn(6, 1));
        add("mul(a.slice, b.t())", x -> x.get(0).slice(1, 1, 8, 2).mul(x.get(1).t()),
                r -> Ref.zip(Ref.slice(r.get(0), 1, 1, 8, 2), Ref.transpose(r.get(1), 0, 1), (a, b) -> a * b))
                .on(rn(3, 9), rn(4, 3));
        add("add int64", x -> x.get(0).add(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Double::sum).as(DType.INT64))
                .on(idx(9, 3, 4), idx(9, 4)).nondiff();
        add("mul int64*float", x -> x.get(0).mul(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a * b))
                .on(idx(9, 3, 4), rn(3, 1)).nondiff();
        // PyTorch's bool rules: add/maximum are "or", mul/minimum "and" (bool); with int64, int64; division, float.
        add("add bool", x -> x.get(0).add(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a + b != 0 ? 1 : 0)
                .as(DType.BOOL)).on(mask(3, 4), mask(4)).nondiff();
        add("mul bool", x -> x.get(0).mul(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a * b).as(DType.BOOL))
                .on(mask(3, 4), mask(3, 1)).nondiff();
        add("maximum bool", x -> x.get(0).maximum(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Math::max).as(DType.BOOL))
                .on(mask(5), mask(5)).nondiff();
        add("minimum bool", x -> x.get(0).minimum(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Math::min).as(DType.BOOL))
                .on(mask(5), mask(5)).nondiff();
        add("div bool", x -> x.get(0).div(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a / b))
                .on(mask(6), mask(6)).nondiff();
        add("add bool+int64", x -> x.get(0).add(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Double::sum).as(DType.INT64))
                .on(mask(3, 4), idx(9, 4)).nondiff();
        add("mul int64*bool", x -> x.get(0).mul(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), (a, b) -> a * b)
                .as(DType.INT64)).on(idx(9, 3, 4), mask(3, 1)).nondiff();
        add("add bool+float", x -> x.get(0).add(x.get(1)), r -> Ref.zip(r.get(0), r.get(1), Double::sum))
                .on(mask(3, 4), rn(4)).nondiff();

        add("add(scalar)", x -> x.get(0).add(2.5f), r -> Ref.map(r.get(0), v -> v + 2.5)).shapes(OpTable::rn, UNARY);
        add("rsub(scalar)", x -> x.get(0).rsub(1.5f), r -> Ref.map(r.get(0), v -> 1.5 - v)).shapes(OpTable::rn, UNARY);
        add("mul(scalar)", x -> x.get(0).mul(-3f), r -> Ref.map(r.get(0), v -> -3 * v)).shapes(OpTable::rn, UNARY);
        add("div(scalar)", x -> x.get(0).div(4f), r -> Ref.map(r.get(0), v -> v / 4)).shapes(OpTable::rn, UNARY);
        add("pow(3)", x -> x.get(0).pow(3f), r -> Ref.map(r.get(0), v -> v * v * v)).shapes(OpTable::rn, UNARY);
        add("pow(2)", x -> x.get(0).pow(2f), r -> Ref.map(r.get(0), v -> v * v)).shapes(OpTable::rn, UNARY);
        add("pow(0.5)", x -> x.get(0).pow(0.5f), r -> Ref.map(r.get(0), Math::sqrt)).shapes(OpTable::pos, UNARY);
        add("pow(-1.5)", x -> x.get(0).pow(-1.5f), r -> Ref.map(r.get(0), v -> Math.pow(v, -1.5)))
                .shapes(OpTable::pos, UNARY);

        add("neg", x -> x.get(0).neg(), r -> Ref.map(r.get(0), v -> -v)).shapes(OpTable::rn, UNARY);
        add("exp", x -> x.get(0).exp(), r -> Ref.map(r.get(0), Math::exp)).shapes(OpTable::rn, UNARY);
        add("exp(a.t())", x -> x.get(0).t().exp(), r -> Ref.map(Ref.transpose(r.get(0), 0, 1), Math::exp))
                .on(rn(4, 7));
        add("log", x -> x.get(0).log(), r -> Ref.map(r.get(0), Math::log)).shapes(OpTable::pos, UNARY);
        add("sqrt", x -> x.get(0).sqrt(), r -> Ref.map(r.get(0), Math::sqrt)).shapes(OpTable::pos, UNARY);
        add("abs", x -> x.get(0).abs(), r -> Ref.map(r.get(0), Math::abs)).shapes(OpTable::rn, UNARY);
        add("relu", x -> x.get(0).relu(), r -> Ref.map(r.get(0), v -> Math.max(v, 0))).shapes(OpTable::rn, UNARY);
        add("sigmoid", x -> x.get(0).sigmoid(), r -> Ref.map(r.get(0), v -> 1 / (1 + Math.exp(-v))))
                .shapes(OpTable::rn, UNARY);
        add("tanh", x -> x.get(0).tanh(), r -> Ref.map(r.get(0), Math::tanh)).shapes(OpTable::rn, UNARY);
        add("gelu", x -> x.get(0).gelu(), r -> Ref.map(r.get(0), Ref::gelu)).shapes(OpTable::rn, UNARY)
                .on(rn(40).mul(3f));
        add("relu(a.t())", x -> x.get(0).t().relu(), r -> Ref.map(Ref.transpose(r.get(0), 0, 1), v -> Math.max(v, 0)))
                .on(rn(3, 6));
        add("clamp(-0.5, 0.7)", x -> x.get(0).clamp(-0.5f, 0.7f), r -> Ref.map(r.get(0), v -> Math.min(Math.max(v, -0.5), 0.7)))
                .shapes(OpTable::rn, UNARY);
        add("clamp(-inf, 0.3)", x -> x.get(0).clamp(Float.NEGATIVE_INFINITY, 0.3f), r -> Ref.map(r.get(0), v -> Math.min(v, 0.3)))
                .shapes(OpTable::rn, s(4, 9));

        String[] cmp = {"eq", "ne", "lt", "le", "gt", "ge"};
        for (String c : cmp) {
            add(c, x -> switch (c) {
                case "eq" -> x.get(0).eq(x.get(1));
                case "ne" -> x.get(0).ne(x.get(1));
                case "lt" -> x.get(0).lt(x.get(1));
                case "le" -> x.get(0).le(x.get(1));
                case "gt" -> x.get(0).gt(x.get(1));
                default -> x.get(0).ge(x.get(1));
            }, r -> Ref.compare(r.get(0), r.get(1), (a, b) -> switch (c) {
                case "eq" -> a == b ? 1 : 0;
                case "ne" -> a != b ? 1 : 0;
                case "lt" -> a < b ? 1 : 0;
                case "le" -> a <= b ? 1 : 0;
                case "gt" -> a > b ? 1 : 0;
                default -> a >= b ? 1 : 0;
            })).pairs(BINARY, OpTable::ints, OpTable::ints).on(idx(3, 4, 5), idx(3, 5)).nondiff();
        }

        add("where", x -> Tensor.where(x.get(0), x.get(1), x.get(2)), r -> Ref.where(r.get(0), r.get(1), r.get(2)))
                .on(mask(3, 4), rn(3, 4), rn(3, 4))
                .on(mask(3, 1), rn(5), rn())
                .on(mask(7), rn(2, 1), rn(7))
                .on(mask(0, 2), rn(2), rn(1, 2));
    }

    // ------------------------------------------------------------ reductions

    private static void reductions() {
        add("sum()", x -> x.get(0).sum(), r -> Ref.reduce(r.get(0), null, false, Ref::sum))
                .shapes(OpTable::rn, s(), s(7), s(3, 5), s(2, 3, 4), s(0, 3), s(1, 33));
        add("sum(1)", x -> x.get(0).sum(1), r -> Ref.reduce(r.get(0), new int[]{1}, false, Ref::sum))
                .shapes(OpTable::rn, s(3, 5), s(2, 3, 4), s(4, 0), s(3, 17), s(0, 3));
        add("sum([0,2], keepdim)", x -> x.get(0).sum(new int[]{0, 2}, true),
                r -> Ref.reduce(r.get(0), new int[]{0, 2}, true, Ref::sum))
                .shapes(OpTable::rn, s(2, 3, 4), s(1, 5, 9), s(3, 1, 1));
        add("sum(-1, keepdim)", x -> x.get(0).sum(new int[]{-1}, true),
                r -> Ref.reduce(r.get(0), new int[]{-1}, true, Ref::sum))
                .shapes(OpTable::rn, s(3, 5), s(2, 3, 9));
        add("sum(a.t(), 0)", x -> x.get(0).t().sum(0), r -> Ref.reduce(Ref.transpose(r.get(0), 0, 1), new int[]{0}, false, Ref::sum))
                .on(rn(4, 6));
        add("sum int64", x -> x.get(0).sum(new int[]{0}, false),
                r -> Ref.reduce(r.get(0), new int[]{0}, false, Ref::sum).as(DType.INT64))
                .on(idx(50, 3, 4)).nondiff();
        add("mean()", x -> x.get(0).mean(), r -> Ref.reduce(r.get(0), null, false, Ref::mean))
                .shapes(OpTable::rn, s(7), s(3, 5), s(2, 3, 4));
        add("mean([1], keepdim)", x -> x.get(0).mean(new int[]{1}, true),
                r -> Ref.reduce(r.get(0), new int[]{1}, true, Ref::mean))
                .shapes(OpTable::rn, s(2, 3, 4), s(5, 9));
        add("mean([0,1])", x -> x.get(0).mean(new int[]{0, 1}, false),
                r -> Ref.reduce(r.get(0), new int[]{0, 1}, false, Ref::mean))
                .shapes(OpTable::rn, s(3, 5, 2), s(2, 9));
        add("var()", x -> x.get(0).var(), r -> Ref.reduce(r.get(0), null, false, v -> Ref.var(v, 1)))
                .shapes(OpTable::rn, s(7), s(3, 5));
        add("var([1], biased, keepdim)", x -> x.get(0).var(new int[]{1}, false, true),
                r -> Ref.reduce(r.get(0), new int[]{1}, true, v -> Ref.var(v, 0)))
                .shapes(OpTable::rn, s(2, 3, 4), s(4, 9));
        add("var([0])", x -> x.get(0).var(new int[]{0}, true, false),
                r -> Ref.reduce(r.get(0), new int[]{0}, false, v -> Ref.var(v, 1)))
                .shapes(OpTable::rn, s(5, 3), s(9));
        add("std()", x -> x.get(0).std(), r -> Ref.reduce(r.get(0), null, false, v -> Math.sqrt(Ref.var(v, 1))))
                .shapes(OpTable::rn, s(7), s(3, 5));
        add("std([1])", x -> x.get(0).std(new int[]{1}, true, false),
                r -> Ref.reduce(r.get(0), new int[]{1}, false, v -> Math.sqrt(Ref.var(v, 1))))
                .shapes(OpTable::rn, s(4, 6), s(2, 9, 3));
        add("max()", x -> x.get(0).max(), r -> Ref.reduce(r.get(0), null, false, Ref::max))
                .shapes(OpTable::rn, s(), s(7), s(3, 5), s(2, 3, 4));
        add("min()", x -> x.get(0).min(), r -> Ref.reduce(r.get(0), null, false, Ref::min))
                .shapes(OpTable::rn, s(7), s(3, 5), s(2, 3, 4));
        addMulti("max(1)", x -> {
            ValuesIndices m = x.get(0).max(1, false);
            return List.of(m.values(), m.indices());
        }, r -> vi(Ref.reduce(r.get(0), new int[]{1}, false, Ref::max), Ref.reduce(r.get(0), new int[]{1}, false, Ref::argmax)))
                .shapes(OpTable::rn, s(3, 5), s(2, 9, 4), s(4, 1));
        addMulti("max(-1, keepdim)", x -> {
            ValuesIndices m = x.get(0).max(-1, true);
            return List.of(m.values(), m.indices());
        }, r -> vi(Ref.reduce(r.get(0), new int[]{-1}, true, Ref::max), Ref.reduce(r.get(0), new int[]{-1}, true, Ref::argmax)))
                .shapes(OpTable::rn, s(3, 5), s(2, 3, 17));
        addMulti("min(0)", x -> {
            ValuesIndices m = x.get(0).min(0, false);
            return List.of(m.values(), m.indices());
        }, r -> vi(Ref.reduce(r.get(0), new int[]{0}, false, Ref::min), Ref.reduce(r.get(0), new int[]{0}, false, Ref::argmin)))
                .shapes(OpTable::rn, s(5, 3), s(9));
        add("argmax(1)", x -> x.get(0).argmax(1), r -> Ref.reduce(r.get(0), new int[]{1}, false, Ref::argmax).as(DType.INT64))
                .shapes(OpTable::rn, s(3, 5), s(2, 9, 4)).nondiff();
        add("argmax()", x -> x.get(0).argmax(), r -> Ref.reduce(r.get(0), null, false, Ref::argmax).as(DType.INT64))
                .shapes(OpTable::rn, s(3, 5), s(11)).nondiff();
        add("logsumexp(1)", x -> x.get(0).logsumexp(1, false), r -> Ref.reduce(r.get(0), new int[]{1}, false, Ref::logsumexp))
                .shapes(OpTable::rn, s(3, 5), s(2, 9, 4)).on(rn(3, 6).mul(40f));
        add("logsumexp(0, keepdim)", x -> x.get(0).logsumexp(0, true),
                r -> Ref.reduce(r.get(0), new int[]{0}, true, Ref::logsumexp))
                .shapes(OpTable::rn, s(4, 3), s(7));
    }

    // ------------------------------------------------------------ linear algebra

    private static void linalg() {
        add("matmul", x -> x.get(0).matmul(x.get(1)), r -> Ref.matmul(r.get(0), r.get(1)))
                .pairs(new int[][][]{
                    {{3, 5}, {5, 4}}, {{1, 7}, {7, 1}}, {{9, 17}, {17, 10}}, {{7}, {7}}, {{5}, {5, 3}}, {{4, 5}, {5}},
                    {{2, 3, 4}, {4, 5}}, {{2, 3, 4}, {4}}, {{4}, {2, 4, 3}}, {{2, 1, 3, 4}, {5, 4, 2}}, {{3, 4}, {2, 4, 5}},
                    {{2, 3, 4}, {2, 4, 5}}, {{0, 3}, {3, 4}}, {{3, 0}, {0, 4}}, {{2, 0, 3}, {3, 2}}, {{2, 3, 0}, {0, 4}},
                    {{2, 3, 0}, {2, 0, 4}}}, OpTable::rn, OpTable::rn);
        add("matmul(a.t(), b)", x -> x.get(0).t().matmul(x.get(1)),
                r -> Ref.matmul(Ref.transpose(r.get(0), 0, 1), r.get(1)))
                .on(rn(5, 3), rn(5, 4)).on(rn(17, 9), rn(17, 2)).on(rn(1, 3), rn(1, 6));
        add("matmul(a, b.t())", x -> x.get(0).matmul(x.get(1).t()),
                r -> Ref.matmul(r.get(0), Ref.transpose(r.get(1), 0, 1)))
                .on(rn(3, 5), rn(4, 5)).on(rn(9, 17), rn(10, 17)).on(rn(6, 1), rn(2, 1));
        add("matmul(a.t(), b.t())", x -> x.get(0).t().matmul(x.get(1).t()),
                r -> Ref.matmul(Ref.transpose(r.get(0), 0, 1), Ref.transpose(r.get(1), 0, 1)))
                .on(rn(5, 3), rn(4, 5)).on(rn(2, 9), rn(9, 2));
        add("matmul(slices)", x -> x.get(0).slice(1, 0, 9, 2).matmul(x.get(1).slice(0, 1, 6, 1)),
                r -> Ref.matmul(Ref.slice(r.get(0), 1, 0, 9, 2), Ref.slice(r.get(1), 0, 1, 6, 1)))
                .on(rn(3, 9), rn(7, 4));
        add("matmul(batched a.mT, b)", x -> x.get(0).transpose(-1, -2).matmul(x.get(1)),
                r -> Ref.matmul(Ref.transpose(r.get(0), -1, -2), r.get(1)))
                .on(rn(2, 4, 3), rn(2, 4, 5)).on(rn(3, 5, 2), rn(5, 4));
        add("bmm", x -> x.get(0).bmm(x.get(1)), r -> Ref.matmul(r.get(0), r.get(1)))
                .pairs(new int[][][]{{{2, 3, 4}, {2, 4, 5}}, {{1, 1, 1}, {1, 1, 2}}, {{3, 5, 8}, {3, 8, 9}}},
                        OpTable::rn, OpTable::rn);
    }

    // ------------------------------------------------------------ joining and indexing

    private static void indexing() {
        add("cat(0)", x -> Tensor.cat(x, 0), r -> Ref.cat(r, 0))
                .on(rn(2, 3), rn(4, 3)).on(rn(1, 5), rn(1, 5), rn(3, 5)).on(rn(0, 2), rn(3, 2)).on(rn(3), rn(6));
        add("cat(1)", x -> Tensor.cat(x, 1), r -> Ref.cat(r, 1))
                .on(rn(2, 3), rn(2, 1), rn(2, 5)).on(rn(2, 3, 4), rn(2, 5, 4));
        add("cat(-1)", x -> Tensor.cat(x, -1), r -> Ref.cat(r, -1))
                .on(rn(2, 0), rn(2, 3)).on(rn(3, 2, 2), rn(3, 2, 7));
        add("cat(int64)", x -> Tensor.cat(x, 0), r -> Ref.cat(r, 0).as(DType.INT64)).on(idx(5, 2, 3), idx(5, 1, 3)).nondiff();
        for (int dim : new int[]{0, 1, -1}) {
            add("stack(" + dim + ")", x -> Tensor.stack(x, dim), r -> {
                List<D> parts = new ArrayList<>();
                for (D d : r) {
                    parts.add(Ref.unsqueeze(d, dim));
                }
                return Ref.cat(parts, dim);
            }).on(rn(3, 4), rn(3, 4), rn(3, 4)).on(rn(5), rn(5));
        }
        addMulti("split(2, 1)", x -> x.get(0).split(2, 1), r -> Ref.split(r.get(0), new int[]{2, 2, 2, 1}, 1))
                .on(rn(3, 7));
        addMulti("split([1,3,2], 0)", x -> x.get(0).split(new int[]{1, 3, 2}, 0),
                r -> Ref.split(r.get(0), new int[]{1, 3, 2}, 0))
                .on(rn(6, 2)).on(rn(6));
        add("gather(1)", x -> x.get(0).gather(1, x.get(1)), r -> Ref.gather(r.get(0), 1, r.get(1)))
                .on(rn(3, 5), idx(5, 3, 4)).on(rn(4, 9), idx(9, 2, 1)).on(rn(2, 3), idx(3, 2, 0));
        add("gather int64 of a.t()", x -> x.get(0).t().gather(1, x.get(1)),
                r -> Ref.gather(Ref.transpose(r.get(0), 0, 1), 1, r.get(1)).as(DType.INT64))
                .on(idx(100, 5, 3), idx(5, 3, 4)).nondiff();
        add("gather(0)", x -> x.get(0).gather(0, x.get(1)), r -> Ref.gather(r.get(0), 0, r.get(1)))
                .on(rn(4, 3), idx(4, 2, 3)).on(rn(2, 3, 2), idx(2, 5, 3, 2));
        add("indexSelect(0)", x -> x.get(0).indexSelect(0, x.get(1)), r -> {
            D a = r.get(0);
            List<D> rows = new ArrayList<>();
            for (double i : r.get(1).v()) {
                rows.add(Ref.slice(a, 0, (int) i, (int) i + 1, 1));
            }
            return Ref.cat(rows, 0);
        }).on(rn(4, 3), Tensor.fromArray(new long[]{3, 0, 3, 1, 2}, 5)).on(rn(9), idx(9, 4));
        add("indexSelect(-1, [])", x -> x.get(0).indexSelect(-1, x.get(1)), r -> Ref.slice(r.get(0), -1, 0, 0, 1))
                .on(rn(4, 3), Tensor.fromArray(new long[0], 0));
        add("oneHot(5)", x -> x.get(0).oneHot(5), r -> oneHotRef(r.get(0), 5)).on(idx(5, 4)).on(idx(5, 2, 3)).nondiff();
        add("oneHot(-1)", x -> x.get(0).oneHot(-1), r -> oneHotRef(r.get(0), (int) Ref.max(r.get(0).v()) + 1))
                .on(Tensor.fromArray(new long[]{0, 3, 1}, 3)).nondiff();
        for (boolean largest : new boolean[]{true, false}) {
            for (int[] kd : new int[][]{{3, 1}, {2, 0}, {1, -1}}) {
                int k = kd[0];
                int dim = kd[1];
                addMulti("topk(" + k + ", " + dim + ", " + (largest ? "largest" : "smallest") + ")", x -> {
                    ValuesIndices t = x.get(0).topk(k, dim, largest);
                    return List.of(t.values(), t.indices());
                }, r -> {
                    D v = Ref.lanes(r.get(0), dim, lane -> {
                        int[] o = Ref.topkOrder(lane, k, largest);
                        double[] out = new double[k];
                        for (int i = 0; i < k; i++) {
                            out[i] = lane[o[i]];
                        }
                        return out;
                    });
                    D i = Ref.lanes(r.get(0), dim, lane -> Arrays.stream(Ref.topkOrder(lane, k, largest)).asDoubleStream().toArray());
                    return vi(v, i);
                }).on(rn(4, 7)).on(rn(3, 5, 6));
            }
        }
    }

    private static D oneHotRef(D labels, int classes) {
        int[] shape = Arrays.copyOf(labels.shape(), labels.shape().length + 1);
        shape[shape.length - 1] = classes;
        double[] out = new double[labels.numel() * classes];
        for (int i = 0; i < labels.numel(); i++) {
            out[i * classes + (int) labels.v()[i]] = 1;
        }
        return new D(out, shape, DType.INT64);
    }

    // ------------------------------------------------------------ neural-network ops

    private static D opt(List<D> r, int i) {
        return r.size() > i ? r.get(i) : null;
    }

    private static Tensor opt(List<Tensor> x, int i, boolean unused) {
        return x.size() > i ? x.get(i) : null;
    }

    /** Cross-entropy in float64: mean (or sum) over the rows not ignored of {@code logsumexp(row) - row[target]}. */
    private static D crossEntropyRef(D logits, D target, long ignoreIndex, boolean mean) {
        int n = logits.shape()[0];
        int c = logits.shape()[1];
        double total = 0;
        int counted = 0;
        for (int r = 0; r < n; r++) {
            long k = (long) target.v()[r];
            if (k == ignoreIndex) {
                continue;
            }
            double[] row = java.util.Arrays.copyOfRange(logits.v(), r * c, (r + 1) * c);
            total += Ref.logsumexp(row) - row[(int) k];
            counted++;
        }
        return new D(new double[]{mean ? total / counted : total});
    }

    private static void nn() {
        for (int[] log : new int[][]{{0}, {1}}) {
            boolean isLog = log[0] == 1;
            for (int dim : new int[]{1, 0, -1}) {
                add((isLog ? "logSoftmax(" : "softmax(") + dim + ")",
                        x -> isLog ? x.get(0).logSoftmax(dim) : x.get(0).softmax(dim),
                        r -> Ref.lanes(r.get(0), dim, isLog ? Ref::logSoftmax : Ref::softmax))
                        .shapes(OpTable::rn, s(4, 7), s(2, 3, 5), s(1, 9), s(0, 5)).on(rn(3, 4).mul(30f));
            }
        }
        add("softmax(scalar)", x -> x.get(0).softmax(0), r -> Ref.map(r.get(0), v -> 1)).on(rn());
        for (boolean mean : new boolean[]{true, false}) {
            add("crossEntropy(" + (mean ? "mean" : "sum") + ")",
                    x -> NNOps.crossEntropy(x.get(0), x.get(1), -100, mean),
                    r -> crossEntropyRef(r.get(0), r.get(1), -100, mean))
                    .on(rn(4, 7), idx(7, 4)).on(rn(1, 3), idx(3, 1)).on(rn(5, 3).mul(30f), idx(3, 5))
                    .on(rn(7, 4).t(), idx(7, 4)).noGrad(1);
        }
        add("crossEntropy(mean, ignoreIndex 2)", x -> NNOps.crossEntropy(x.get(0), x.get(1), 2, true),
                r -> crossEntropyRef(r.get(0), r.get(1), 2, true))
                .on(rn(6, 4), Tensor.fromArray(new long[]{2, 0, 3, 2, 1, 0}, 6)).noGrad(1);

        // conv2d: {stride}, {top, left, bottom, right}, {dilation}, groups, per sample (x, w, bias?)
        convCase("conv2d", new int[]{1, 1}, new int[]{0, 0, 0, 0}, new int[]{1, 1}, 1)
                .on(rn(2, 3, 7, 6), rn(4, 3, 3, 3), rn(4)).on(rn(1, 1, 5, 5), rn(2, 1, 1, 1)).on(rn(1, 2, 4, 9), rn(3, 2, 2, 3));
        convCase("conv2d stride(2,1) pad(1,2,0,1) bias", new int[]{2, 1}, new int[]{1, 2, 0, 1}, new int[]{1, 1}, 1)
                .on(rn(2, 3, 7, 6), rn(5, 3, 3, 2), rn(5));
        convCase("conv2d dilation(2,1) stride 2 pad 2", new int[]{2, 2}, new int[]{2, 2, 2, 2}, new int[]{2, 1}, 1)
                .on(rn(1, 2, 9, 8), rn(3, 2, 3, 3), rn(3));
        convCase("conv2d groups=2 pad 1", new int[]{1, 1}, new int[]{1, 1, 1, 1}, new int[]{1, 1}, 2)
                .on(rn(2, 4, 6, 5), rn(6, 2, 3, 2));
        convCase("conv2d depthwise stride 2", new int[]{2, 2}, new int[]{1, 1, 1, 1}, new int[]{1, 1}, 3)
                .on(rn(2, 3, 7, 7), rn(3, 1, 3, 3), rn(3));

        poolCase("maxPool2d k2 s2", true, new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1}, false, false)
                .shapes(OpTable::rn, s(2, 3, 7, 6), s(1, 1, 2, 2), s(1, 9, 4, 5));
        poolCase("maxPool2d k3 s2 p1 ceil", true, new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, true, false)
                .shapes(OpTable::rn, s(1, 2, 8, 7), s(2, 1, 6, 6));
        poolCase("maxPool2d k(2,3) s(1,2) dilation(2,1)", true, new int[]{2, 3}, new int[]{1, 2}, new int[]{1, 0},
                new int[]{2, 1}, false, false).shapes(OpTable::rn, s(1, 3, 7, 9));
        for (boolean ceil : new boolean[]{false, true}) {
            for (boolean cip : new boolean[]{true, false}) {
                poolCase("avgPool2d k3 s2 p1" + (ceil ? " ceil" : "") + (cip ? " countIncludePad" : ""), false,
                        new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, null, ceil, cip)
                        .shapes(OpTable::rn, s(2, 3, 8, 7), s(1, 2, 6, 6));
            }
        }
        poolCase("avgPool2d k(2,3) s(1,2) p(1,1)", false, new int[]{2, 3}, new int[]{1, 2}, new int[]{1, 1}, null, true, false)
                .shapes(OpTable::rn, s(1, 2, 5, 8));
        for (int[] o : new int[][]{{3, 2}, {4, 3}, {1, 1}}) {
            add("adaptiveAvgPool2d(" + o[0] + "," + o[1] + ")", x -> NNOps.adaptiveAvgPool2d(x.get(0), o[0], o[1]),
                    r -> Ref.adaptiveAvgPool2d(r.get(0), o[0], o[1]))
                    .shapes(OpTable::rn, s(2, 3, 7, 5), s(1, 2, 8, 6));
        }

        // batchNorm inputs: x, runningMean, runningVar, weight, bias (the running stats are not differentiated)
        add("batchNorm train", x -> NNOps.batchNorm(x.get(0), x.get(1), x.get(2), opt(x, 3, true), opt(x, 4, true),
                        true, 0.1, 1e-5),
                r -> Ref.batchNorm(r.get(0), null, null, opt(r, 3), opt(r, 4), true, 1e-5))
                .on(rn(4, 3, 5), rn(3), pos(3), rn(3), rn(3)).on(rn(6, 4), rn(4), pos(4), rn(4), rn(4))
                .on(rn(3, 2, 3, 3), rn(2), pos(2)).noGrad(1, 2);
        add("batchNorm eval", x -> NNOps.batchNorm(x.get(0), x.get(1), x.get(2), opt(x, 3, true), opt(x, 4, true),
                        false, 0.1, 1e-5),
                r -> Ref.batchNorm(r.get(0), r.get(1), r.get(2), opt(r, 3), opt(r, 4), false, 1e-5))
                .on(rn(3, 4, 2, 2), rn(4), pos(4), rn(4), rn(4)).on(rn(5, 3), rn(3), pos(3)).noGrad(1, 2);

        for (double p : new double[]{0.3, 0.0, 1.0}) {
            add("dropout(" + p + ")", x -> NNOps.dropout(x.get(0), p, true, new Generator(99)), r -> {
                Generator g = new Generator(99);
                double scale = p == 1 ? 0 : 1 / (1 - p);
                return Ref.map(r.get(0), v -> g.nextDouble() >= p ? v * scale : 0);
            }).shapes(OpTable::rn, s(4, 9), s(17));
        }
        add("dropout(eval)", x -> NNOps.dropout(x.get(0), 0.5, false, new Generator(1)), r -> r.get(0)).on(rn(3, 4));
    }

    private static OpInfo convCase(String name, int[] stride, int[] pad, int[] dil, int groups) {
        return add(name, x -> NNOps.conv2d(x.get(0), x.get(1), opt(x, 2, true), stride, pad, dil, groups),
                r -> Ref.conv2d(r.get(0), r.get(1), opt(r, 2), stride, pad, dil, groups));
    }

    private static OpInfo poolCase(String name, boolean max, int[] k, int[] s, int[] p, int[] d, boolean ceil, boolean cip) {
        return max
                ? add(name, x -> NNOps.maxPool2d(x.get(0), k, s, p, d, ceil), r -> Ref.maxPool2d(r.get(0), k, s, p, d, ceil))
                : add(name, x -> NNOps.avgPool2d(x.get(0), k, s, p, ceil, cip), r -> Ref.avgPool2d(r.get(0), k, s, p, ceil, cip));
    }

    // ------------------------------------------------------------ views

    private static void views() {
        add("view(2,6)", x -> x.get(0).view(2, 6), r -> Ref.reshape(r.get(0), 2, 6)).on(rn(3, 4)).on(rn(12));
        add("view(-1)", x -> x.get(0).view(-1), r -> Ref.reshape(r.get(0), r.get(0).numel()))
                .shapes(OpTable::rn, s(3, 4), s(), s(0, 3));
        add("transpose(0,1).view(3,2,2,2)", x -> x.get(0).transpose(0, 1).view(3, 2, 2, 2),
                r -> Ref.reshape(Ref.transpose(r.get(0), 0, 1), 3, 2, 2, 2)).on(rn(2, 3, 4));
        add("reshape(12) of a.t()", x -> x.get(0).t().reshape(12), r -> Ref.reshape(Ref.transpose(r.get(0), 0, 1), 12))
                .on(rn(3, 4));
        add("reshape(-1, 2)", x -> x.get(0).reshape(-1, 2), r -> Ref.reshape(r.get(0), r.get(0).numel() / 2, 2))
                .shapes(OpTable::rn, s(3, 4), s(2, 3, 2));
        add("permute(2,0,1)", x -> x.get(0).permute(2, 0, 1), r -> Ref.permute(r.get(0), 2, 0, 1))
                .shapes(OpTable::rn, s(2, 3, 4), s(1, 5, 9));
        add("permute(-1,0,1).contiguous()", x -> x.get(0).permute(-1, 0, 1).contiguous(), r -> Ref.permute(r.get(0), 2, 0, 1))
                .on(rn(2, 3, 4));
        add("transpose(0,2)", x -> x.get(0).transpose(0, 2), r -> Ref.transpose(r.get(0), 0, 2)).on(rn(2, 3, 4));
        add("t()", x -> x.get(0).t(), r -> r.get(0).shape().length < 2 ? r.get(0) : Ref.transpose(r.get(0), 0, 1))
                .shapes(OpTable::rn, s(3, 5), s(4));
        add("narrow(1,1,3)", x -> x.get(0).narrow(1, 1, 3), r -> Ref.slice(r.get(0), 1, 1, 4, 1))
                .shapes(OpTable::rn, s(3, 5), s(2, 4, 2));
        add("narrow(0,-2,2)", x -> x.get(0).narrow(0, -2, 2), r -> Ref.slice(r.get(0), 0, 3, 5, 1)).on(rn(5, 2));
        add("slice(1,1,7,2)", x -> x.get(0).slice(1, 1, 7, 2), r -> Ref.slice(r.get(0), 1, 1, 7, 2))
                .shapes(OpTable::rn, s(3, 8), s(2, 9, 2));
        add("slice(0,-3,100,1)", x -> x.get(0).slice(0, -3, 100, 1), r -> Ref.slice(r.get(0), 0, 2, 5, 1)).on(rn(5, 3));
        add("slice(0,4,2,1) empty", x -> x.get(0).slice(0, 4, 2, 1), r -> Ref.slice(r.get(0), 0, 4, 4, 1)).on(rn(5, 3));
        add("select(1,2)", x -> x.get(0).select(1, 2), r -> Ref.reshape(Ref.slice(r.get(0), 1, 2, 3, 1), 3, 2))
                .on(rn(3, 4, 2));
        add("expand(2,3,4)", x -> x.get(0).expand(2, 3, 4), r -> Ref.expand(r.get(0), 2, 3, 4))
                .shapes(OpTable::rn, s(3, 1), s(4), s(1, 3, 4), s());
        add("expand(-1,5)", x -> x.get(0).expand(-1, 5), r -> Ref.expand(r.get(0), r.get(0).shape()[0], 5)).on(rn(3, 1));
        add("expand(3,0)", x -> x.get(0).expand(3, 0), r -> Ref.expand(r.get(0), 3, 0)).on(rn(3, 1));
        add("expand(4,3).contiguous()", x -> x.get(0).expand(4, 3).contiguous(), r -> Ref.expand(r.get(0), 4, 3)).on(rn(3));
        add("squeeze()", x -> x.get(0).squeeze(), r -> squeezeRef(r.get(0))).shapes(OpTable::rn, s(1, 3, 1, 2), s(1), s(2, 3));
        add("squeeze(2)", x -> x.get(0).squeeze(2), r -> {
            int[] sh = r.get(0).shape();
            return sh[2] == 1 ? Ref.reshape(r.get(0), sh[0], sh[1], sh[3]) : r.get(0);
        }).shapes(OpTable::rn, s(1, 3, 1, 2), s(2, 3, 4, 1));
        add("unsqueeze(0)", x -> x.get(0).unsqueeze(0), r -> Ref.unsqueeze(r.get(0), 0)).shapes(OpTable::rn, s(3, 4), s());
        add("unsqueeze(-1) of a.t()", x -> x.get(0).t().unsqueeze(-1), r -> Ref.unsqueeze(Ref.transpose(r.get(0), 0, 1), -1))
                .on(rn(3, 4));
        add("flatten(1,2)", x -> x.get(0).flatten(1, 2), r -> {
            int[] sh = r.get(0).shape();
            return Ref.reshape(r.get(0), sh[0], sh[1] * sh[2], sh[3]);
        }).on(rn(2, 3, 4, 2));
        add("contiguous() of a.t()", x -> x.get(0).t().contiguous(), r -> Ref.transpose(r.get(0), 0, 1)).on(rn(5, 3));
        add("clone()", x -> x.get(0).clone(), r -> r.get(0)).shapes(OpTable::rn, s(3, 4), s());
    }

    private static D squeezeRef(D a) {
        return Ref.reshape(a, Arrays.stream(a.shape()).filter(v -> v != 1).toArray());
    }
}
