package vireo.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class Transpose16Test {

    @Test
    void aBlockLandsTransposedAndNothingElseIsWritten() {
        assumeTrue(Transpose16.SUPPORTED, "16-lane vectors (AVX-512) only");
        int lds = 37;
        int ldd = 21;
        float[] src = new float[3 + 16 * lds];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[2 + 16 * ldd + 5];
        java.util.Arrays.fill(dst, -1f);
        Transpose16.block(src, 3, lds, dst, 2, ldd);
        float[] expected = new float[dst.length];
        java.util.Arrays.fill(expected, -1f);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                expected[2 + j * ldd + i] = src[3 + i * lds + j];
            }
        }
        for (int k = 0; k < dst.length; k++) {
            assertEquals(expected[k], dst[k], "dst[" + k + "]");
        }
    }
}
