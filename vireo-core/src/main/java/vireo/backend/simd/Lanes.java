package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;

/** Lane reductions in a fixed order. */
final class Lanes {

    private Lanes() {
    }

    /**
     * The sum of the lanes, left to right. {@code reduceLanes(ADD)} leaves the order unspecified, and the interpreted
     * and JIT-compiled forms really do differ, which would make a training run unrepeatable bit for bit.
     */
    static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
