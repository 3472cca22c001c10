package vireo.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;

/** The engine's contract: deep graphs, accumulation, detaching, no-grad scopes, freed graphs, IEEE specials. */
class AutogradTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    @Test
    void maximumAndMinimumGradientsFollowPyTorchOnTiesAndNaN() {
        // torch.maximum / torch.minimum(a, b).sum().backward() on these values (PyTorch 1.13).
        float nan = Float.NaN;
        Tensor a = Tensor.of(nan, 1, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(1, nan, 2, 1).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new float[] {1, 1, 0.5f, 1}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0.5f, 0}, b.grad().toFloatArray());
        Tensor c = Tensor.of(nan, 1, 2, 3).requiresGrad(true);
        Tensor d = Tensor.of(1, nan, 2, 1).requiresGrad(true);
        c.minimum(d).sum().backward();
        assertArrayEquals(new float[] {1, 1, 0.5f, 0}, c.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0.5f, 1}, d.grad().toFloatArray());
    }

    @Test
    void tenThousandNodeChainBackpropagatesWithoutStackOverflow() {
        Tensor x = Tensor.of(2f, -1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 5_000; i++) {
            y = y.mul(1.0001f).add(0.5f); // two nodes per step
        }
        y.sum().backward();
        float expected = (float) Math.pow(1.0001, 5_000);
        assertArrayEquals(new float[]{expected, expected}, x.grad().toFloatArray(), expected * 1e-4f);
    }

    @Test
    void twoBackwardCallsAccumulateIntoGrad() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        x.mul(x).sum().backward();
        assertArrayEquals(new float[]{2f, 4f, 6f}, x.grad().toFloatArray());
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[]{5f, 7f, 9f}, x.grad().toFloatArray());
    }

    @Test
    void gradientsFromTwoPathsAddUp() {
        Tensor x = Tensor.of(1f, -2f).requiresGrad(true);
        Tensor y = x.mul(2f);
        y.add(y.mul(x)).sum().backward(); // d/dx (2x + 2x²) = 2 + 4x
        assertArrayEquals(new float[]{6f, -6f}, x.grad().toFloatArray());
    }

    @Test
    void zeroGradClearsAndTheNextBackwardStartsFresh() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        x.mul(x).sum().backward();
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(5f).sum().backward();
        assertArrayEquals(new float[]{5f, 5f}, x.grad().toFloatArray());
    }

    @Test
    void detachCutsTheGraphButSharesValues() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(3f);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.gradFn());
        assertTrue(d.isLeaf());
        assertArrayEquals(y.toFloatArray(), d.toFloatArray());
        d.mul(x).sum().backward(); // d is a constant: the gradient is d itself
        assertArrayEquals(new float[]{3f, 6f}, x.grad().toFloatArray());
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor inside;
        Tensor nested;
        try (var scope = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            inside = x.mul(2f);
            try (var enable = GradMode.enableGrad()) {
                nested = x.mul(2f);
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(inside.requiresGrad());
        assertNull(inside.gradFn());
        assertTrue(nested.requiresGrad());
        assertTrue(x.mul(2f).requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> inside.sum().backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void secondBackwardThroughAFreedGraphFailsClearly() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
        assertArrayEquals(new float[]{2f, 4f}, x.grad().toFloatArray(), "the failed call must not change grad");
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(true);
        loss.backward(true);
        assertArrayEquals(new float[]{4f, 8f}, x.grad().toFloatArray());
        loss.backward(false);
        assertArrayEquals(new float[]{6f, 12f}, x.grad().toFloatArray());
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void backwardNeedsAScalarOrAnExplicitGradient() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> y.backward(true));
        y.backward(Tensor.of(1f, 10f), false);
        assertArrayEquals(new float[]{2f, 20f}, x.grad().toFloatArray());
    }

    @Test
    void onlyFloatTensorsRequireGrad() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(3).requiresGrad(true));
        Tensor y = Tensor.of(1f).requiresGrad(true).mul(2f);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    }

    @Test
    void leafGradIsOwnedStorageNotAViewOfTheUpstreamGradient() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        Tensor g = Tensor.of(1f, 1f, 1f);
        x.add(0f).backward(g, false);
        g.fill_(7f);
        assertArrayEquals(new float[]{1f, 1f, 1f}, x.grad().toFloatArray());
        assertTrue(x.grad().isContiguous());
        assertSame(x.grad(), x.grad());
    }

    @Test
    void nanAndInfinityPropagateLikeIeee() {
        Tensor x = Tensor.of(NAN, INF, -INF, 1f, 0f);
        assertArrayEquals(new float[]{NAN, INF, -INF, 2f, 1f}, x.add(1f).toFloatArray());
        assertArrayEquals(new float[]{NAN, NAN, NAN, 0f, 0f}, x.mul(0f).toFloatArray());
        assertArrayEquals(new float[]{NAN, INF, 0f, 1f, 0f}, x.relu().toFloatArray());
        assertArrayEquals(new float[]{NAN, INF, 0f, (float) Math.E, 1f}, x.exp().toFloatArray());
        assertArrayEquals(new float[]{NAN, INF, NAN, 0f, -INF}, x.log().toFloatArray());
        assertArrayEquals(new float[]{NAN, INF, -INF, INF, NAN}, x.div(0f).toFloatArray());
        assertArrayEquals(new float[]{NAN, 1f, 0f, 1f, 0f}, x.clamp(0f, 1f).toFloatArray());
        assertArrayEquals(new float[]{NAN, INF, 0.5f, 1f, 0.5f}, x.maximum(Tensor.scalar(0.5f)).toFloatArray());
        assertTrue(Float.isNaN(x.sum().item()));
        assertTrue(Float.isNaN(x.max().item()));
        assertTrue(Float.isNaN(x.min().item()));
        assertEquals(0L, x.argmax().itemLong(), "NaN is the maximum, as in PyTorch");
        assertEquals(INF, Tensor.of(INF, 1f).sum().item());
        assertTrue(Float.isNaN(Tensor.of(INF, -INF).sum().item()));
        assertArrayEquals(new float[]{0f, 1f}, Tensor.of(-INF, 0f).softmax(0).toFloatArray());
        assertArrayEquals(new float[]{-INF, 0f}, Tensor.of(-INF, 0f).logSoftmax(0).toFloatArray());
        Tensor m = Tensor.fromArray(new float[]{1f, NAN, 2f, 3f}, 2, 2).matmul(Tensor.fromArray(new float[]{1f, 0f, 0f, 1f}, 2, 2));
        assertArrayEquals(new float[]{NAN, NAN, 2f, 3f}, m.toFloatArray());
    }

    @Test
    void nanGradientsStayWhereTheNanIs() {
        Tensor x = Tensor.of(NAN, 2f, 3f).requiresGrad(true);
        x.mul(x).sum().backward();
        assertArrayEquals(new float[]{NAN, 4f, 6f}, x.grad().toFloatArray());
        Tensor y = Tensor.of(1f, NAN, 3f).requiresGrad(true);
        y.max().backward(); // PyTorch routes the gradient of a NaN maximum to the NaN element
        assertArrayEquals(new float[]{0f, 1f, 0f}, y.grad().toFloatArray());
        Tensor z = Tensor.of(1f, INF, 3f).requiresGrad(true);
        z.max().backward();
        assertArrayEquals(new float[]{0f, 1f, 0f}, z.grad().toFloatArray());
    }
}
