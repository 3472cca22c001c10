package vireo.tensor;

import static vireo.tensor.Ref.D;

import org.junit.jupiter.api.Test;

/**
 * Shapes large enough that softmax and batch norm split their work over the compute pool (the op table's
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
}
