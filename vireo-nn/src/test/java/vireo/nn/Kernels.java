package vireo.nn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Until the conv/pool kernels are merged into this branch the backend holds placeholders that throw
 * {@code UnsupportedOperationException("TODO ...")}; tests that run convolutions skip (not pass) then.
 */
final class Kernels {

    private Kernels() {
    }

    static void assumeConvAndPool() {
        boolean ok;
        try {
            F.maxPool2d(F.conv2d(Tensor.ones(1, 1, 4, 4), Tensor.ones(1, 1, 2, 2), null), 2);
            F.avgPool2d(Tensor.ones(1, 1, 4, 4), 2);
            ok = true;
        } catch (UnsupportedOperationException e) {
            ok = !String.valueOf(e.getMessage()).startsWith("TODO");
        }
        assumeTrue(ok, "conv/pool kernels are still placeholders in vireo-core on this branch");
    }
}
