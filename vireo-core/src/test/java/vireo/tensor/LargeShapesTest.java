package vireo.tensor;

import static vireo.tensor.Ref.D;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vireo.backend.Parallel;

/**
 * Shapes large enough that softmax, batch norm and element-wise ops split their work over the compute pool (the op table's
 * samples are small so that finite differences stay cheap), checked against the float64 reference.
 */
class LargeShapesTest {

    @Test
    void softmaxAndLogSoftmaxOverManyRowsRunInParallelAndMatchTheReference() {
        Tensor x = OpTable.rn(4099, 9).mul(3f);
        for (int dim : new int[]{1, 0}) {
            OpRuns.assertClose("softmax(" + dim + ")", Ref.lanes(D.of(x), dim, Ref::softmax), x.softmax(dim), 1e-4, 1e-6);
            OpRuns.assertClose("logSoftmax(" + dim + ")", Ref.lanes(D.of(x), dim, Ref::logSoftmax), x.logSoftmax(dim),
                    1e-4, 1e-5);
        }
    }

    @Test
    void batchNormOverManyChannelsMatchesTheReference() {
        Tensor x = OpTable.rn(16, 37, 11);
        Tensor w = OpTable.rn(37);
        Tensor b = OpTable.rn(37);
        D expected = Ref.batchNorm(D.of(x), null, null, D.of(w), D.of(b), true, 1e-5);
        OpRuns.assertClose("batchNorm", expected, NNOps.batchNorm(x, null, null, w, b, true, 0.1, 1e-5), 1e-4, 1e-5);
    }

    @Test
    void sumAndMatmulOfLongRowsStayAccurate() {
        Tensor x = OpTable.rn(3, 100_003);
        OpRuns.assertClose("sum(1)", Ref.reduce(D.of(x), new int[]{1}, false, Ref::sum), x.sum(1), 1e-4, 1e-4);
        OpRuns.assertClose("sum()", Ref.reduce(D.of(x), null, false, Ref::sum), x.sum(), 1e-4, 1e-4);
        Tensor a = OpTable.rn(33, 517);
        Tensor b = OpTable.rn(517, 65);
        OpRuns.assertClose("matmul", Ref.matmul(D.of(a), D.of(b)), a.matmul(b), 1e-4, 1e-4);
        OpRuns.assertClose("matmul(b.t(), a.t())", Ref.matmul(Ref.transpose(D.of(b), 0, 1), Ref.transpose(D.of(a), 0, 1)),
                b.t().matmul(a.t()), 1e-4, 1e-4);
    }

    @Test
    void elementWiseOpsOverManyElementsMatchTheReferenceWhateverTheThreadCount() {
        Tensor x = OpTable.rn(100_003).mul(3f); // several chunks of the element-wise grain, and a ragged end
        Tensor y = OpTable.rn(100_003);
        OpRuns.assertClose("sigmoid", Ref.map(D.of(x), v -> 1 / (1 + Math.exp(-v))), x.sigmoid(), 1e-5, 1e-6);
        OpRuns.assertClose("relu", Ref.map(D.of(x), v -> Math.max(v, 0)), x.relu(), 0, 0);
        OpRuns.assertClose("add", Ref.zip(D.of(x), D.of(y), Double::sum), x.add(y), 1e-6, 1e-6);
        OpRuns.assertClose("mul(scalar)", Ref.map(D.of(x), v -> v * 0.5), x.mul(0.5f), 0, 0);
        // The vector kernels and their scalar tails round differently; chunks end on whole vectors, so each
        // element gets the same bits on one thread as on three.
        for (Function<Tensor, Tensor> op : List.<Function<Tensor, Tensor>>of(Tensor::exp, Tensor::sigmoid, Tensor::tanh,
                Tensor::relu, t -> t.mul(y), t -> t.sub(2f), Tensor::neg)) {
            assertArrayEquals(onThreads(1, () -> op.apply(x)), onThreads(3, () -> op.apply(x)));
        }
        for (Function<Tensor, Tensor> op : List.<Function<Tensor, Tensor>>of(Tensor::sigmoid, Tensor::relu, Tensor::tanh)) {
            Supplier<Tensor> grad = () -> {
                Tensor leaf = x.detach().requiresGrad(true);
                op.apply(leaf).mul(y).sum().backward();
                return leaf.grad();
            };
            assertArrayEquals(onThreads(1, grad), onThreads(3, grad));
        }
    }

    private static float[] onThreads(int threads, Supplier<Tensor> op) {
        int saved = Parallel.numThreads();
        Parallel.setNumThreads(threads);
        try {
            return op.get().toFloatArray();
        } finally {
            Parallel.setNumThreads(saved);
        }
    }
}
