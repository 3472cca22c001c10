package vireo.tensor;

import static vireo.tensor.Ref.D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import vireo.backend.Backend;
import vireo.backend.Backends;

/** Runs one {@link OpTable} entry on one sample: forward, then backward of {@code sum(out_k * w_k)}. */
final class OpRuns {

    private OpRuns() {
    }

    /** The outputs, and per input its gradient (null for inputs that are not differentiated). */
    record Result(List<Tensor> outputs, List<Tensor> grads) {
    }

    /** Runs {@code body}, prefixing any exception with the test's name (surefire reports only the factory's). */
    static void named(String name, Runnable body) {
        try {
            body.run();
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": " + e, e);
        }
    }

    static List<D> refInputs(List<Tensor> sample) {
        List<D> out = new ArrayList<>();
        for (Tensor t : sample) {
            out.add(D.of(t));
        }
        return out;
    }

    /** Fixed random weights for each float output, so that every output element gets its own gradient. */
    static List<float[]> weights(List<D> refOutputs, String seed) {
        Random r = new Random(seed.hashCode());
        List<float[]> w = new ArrayList<>();
        for (D d : refOutputs) {
            float[] v = new float[d.numel()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            w.add(d.dtype() == DType.FLOAT32 ? v : null);
        }
        return w;
    }

    static Result run(OpTable.OpInfo op, List<Tensor> sample, List<float[]> weights, Backend backend) {
        Backend saved = Backends.current();
        Backends.use(backend);
        try {
            List<Tensor> leaves = new ArrayList<>();
            boolean anyGrad = false;
            for (int i = 0; i < sample.size(); i++) {
                Tensor leaf = OpTable.copyLeaf(sample.get(i));
                if (op.gradInput(i, leaf)) {
                    leaf.requiresGrad(true);
                    anyGrad = true;
                }
                leaves.add(leaf);
            }
            List<Tensor> outs = op.op.apply(leaves);
            List<Tensor> grads = new ArrayList<>();
            if (anyGrad) {
                backward(outs, weights);
                for (int i = 0; i < leaves.size(); i++) {
                    Tensor leaf = leaves.get(i);
                    grads.add(!leaf.requiresGrad() ? null : leaf.grad() != null ? leaf.grad() : Tensor.zerosLike(leaf));
                }
            }
            return new Result(outs, grads);
        } finally {
            Backends.use(saved);
        }
    }

    private static void backward(List<Tensor> outs, List<float[]> weights) {
        List<Integer> live = new ArrayList<>();
        for (int k = 0; k < outs.size(); k++) {
            if (weights.get(k) != null && outs.get(k).requiresGrad()) {
                live.add(k);
            }
        }
        if (live.size() == 1) {
            Tensor out = outs.get(live.get(0));
            out.backward(Tensor.fromArray(weights.get(live.get(0)), out.shape()), false);
            return;
        }
        Tensor loss = null;
        for (int k : live) {
            Tensor term = outs.get(k).mul(Tensor.fromArray(weights.get(k), outs.get(k).shape())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        if (loss != null) {
            loss.backward();
        }
    }

    /** {@code sum_k sum(ref_k(x) * w_k)} in float64. */
    static double refLoss(OpTable.OpInfo op, List<D> inputs, List<float[]> weights) {
        List<D> outs = op.ref.apply(inputs);
        double s = 0;
        for (int k = 0; k < outs.size(); k++) {
            float[] w = weights.get(k);
            if (w == null) {
                continue;
            }
            double[] v = outs.get(k).v();
            for (int i = 0; i < v.length; i++) {
                s += v[i] * w[i];
            }
        }
        return s;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /**
     * Fails unless {@code actual} has {@code expected}'s shape and dtype and every element is within
     * {@code atol * max(1, max|expected|) + rtol * |expected|} (NaN and infinities must match exactly).
     */
    static void assertClose(String what, D expected, Tensor actual, double rtol, double atol) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(what + ": expected shape " + Arrays.toString(expected.shape()) + ", received "
                    + Arrays.toString(actual.shape()));
        }
        if (expected.dtype() != actual.dtype()) {
            throw new AssertionError(what + ": expected dtype " + expected.dtype() + ", received " + actual.dtype());
        }
        float[] a = actual.toFloatArray();
        double scale = Math.max(1, maxAbs(expected.v()));
        for (int i = 0; i < a.length; i++) {
            double e = expected.v()[i];
            boolean ok = Double.isNaN(e) ? Float.isNaN(a[i])
                    : Double.isInfinite(e) ? a[i] == e
                    : Math.abs(a[i] - e) <= atol * scale + rtol * Math.abs(e);
            if (!ok) {
                throw new AssertionError(what + ": element " + i + " " + Arrays.toString(Ref.unravel(i, expected.shape()))
                        + " expected " + e + ", received " + a[i] + " (shape " + Arrays.toString(expected.shape()) + ")");
            }
        }
    }
}
