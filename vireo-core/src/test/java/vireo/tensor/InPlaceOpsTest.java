package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.autograd.GradMode;

/** {@link Tensor#relu_} and {@link Tensor#add_}: the out-of-place values, written into the tensor itself. */
class InPlaceOpsTest {

    @Test
    void reluInPlaceGivesReluValuesInTheSameTensor() {
        for (int n : new int[] {7, 100_003}) { // one chunk; several chunks of the element-wise grain
            Tensor x = OpTable.rn(n).mul(3f);
            float[] expected = x.relu().toFloatArray();
            assertSame(x, x.relu_());
            assertArrayEquals(expected, x.toFloatArray());
        }
    }

    @Test
    void reluInPlaceOnAViewWritesThroughToItsBase() {
        Tensor base = Tensor.of(-1, 2, -3, 4, -5, 6).view(2, 3);
        base.t().relu_(); // not contiguous
        assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6}, base.toFloatArray());
    }

    @Test
    void addInPlaceAddsAndBroadcastsTheOtherOperand() {
        Tensor a = OpTable.rn(4, 50_000);
        Tensor b = OpTable.rn(4, 50_000);
        float[] expected = a.add(b).toFloatArray();
        assertSame(a, a.add_(b));
        assertArrayEquals(expected, a.toFloatArray());

        Tensor m = Tensor.of(1, 2, 3, 4, 5, 6).view(2, 3);
        m.add_(Tensor.of(10, 20, 30));
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, m.toFloatArray());
        Tensor small = Tensor.of(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.add_(m));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void trackedTensorsAreRefusedAndUntrackedOnesAccepted() {
        Tensor leaf = OpTable.rn(5).requiresGrad(true);
        Tensor y = leaf.mul(2f);
        assertTrue(y.isTracked());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::relu_);
        assertTrue(e.getMessage().startsWith("relu_: cannot overwrite a tensor that autograd tracks"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> y.add_(leaf));
        Tensor plain = OpTable.rn(5);
        IllegalStateException lost = assertThrows(IllegalStateException.class, () -> plain.add_(y));
        assertTrue(lost.getMessage().contains("gradient would be lost"), lost.getMessage());
        try (var g = GradMode.noGrad()) {
            Tensor z = leaf.mul(2f);
            float[] expected = z.relu().toFloatArray();
            assertArrayEquals(expected, z.relu_().toFloatArray()); // with grad mode off nothing is tracked
        }
    }
}
