package vireo.tensor;

/** Arithmetic and comparisons between int64 tensors (labels, indices); never differentiable. */
final class LongOps {

    private LongOps() {
    }

    static Tensor binary(Pointwise.Op op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(op.name, a.shape, b.shape);
        long[] x = a.expand(shape).contiguous().toLongArray();
        long[] y = b.expand(shape).contiguous().toLongArray();
        int n = x.length;
        if (op.comparison()) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                boolean r = switch (op) {
                    case EQ -> x[i] == y[i];
                    case NE -> x[i] != y[i];
                    case LT -> x[i] < y[i];
                    case LE -> x[i] <= y[i];
                    case GT -> x[i] > y[i];
                    default -> x[i] >= y[i];
                };
                out[i] = r ? 1f : 0f;
            }
            return Tensor.wrapBool(out, shape);
        }
        if (op == Pointwise.Op.DIV || op == Pointwise.Op.POW) {
            return Pointwise.binary(op, a.toFloat(), b.toFloat());
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (op) {
                case ADD -> x[i] + y[i];
                case SUB -> x[i] - y[i];
                case MUL -> x[i] * y[i];
                case MAX -> Math.max(x[i], y[i]);
                case MIN -> Math.min(x[i], y[i]);
                default -> throw new IllegalStateException(op.name);
            };
        }
        return Tensor.wrapLong(out, shape);
    }
}
