package vireo.tensor;

/** PyTorch-like printing: {@code tensor([[1.0000, 2.0000], ...])}, summarised past 1,000 elements. */
final class TensorFormat {

    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean summarise = t.numel() > 1000;
        append(sb, t, 0, new int[t.dim()], summarise, 7);
        if (t.dtype != DType.FLOAT32) {
            sb.append(", dtype=").append(t.dtype.pythonName());
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=<").append(t.gradFn().op()).append(">");
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, Tensor t, int d, int[] idx, boolean summarise, int indent) {
        if (d == t.dim()) {
            if (t.dtype == DType.INT64) {
                sb.append(t.getLong(idx));
            } else if (t.dtype == DType.BOOL) {
                sb.append(t.get(idx) != 0 ? "True" : "False");
            } else {
                sb.append(String.format("%.4f", t.get(idx)));
            }
            return;
        }
        sb.append('[');
        int n = t.shape[d];
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append("...");
                i = n - EDGE - 1;
                sb.append(d == t.dim() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
                continue;
            }
            idx[d] = i;
            append(sb, t, d + 1, idx, summarise, indent);
            if (i < n - 1) {
                sb.append(d == t.dim() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
            }
        }
        sb.append(']');
    }
}
