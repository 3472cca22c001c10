package vireo.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Runs the block of this machine's vector width (AVX2: 8, AVX-512: 16; {@code -XX:UseAVX=2} tests the other). */
class RegisterTransposeTest {

    @Test
    void aBlockLandsTransposedAndNothingElseIsWritten() {
        assumeTrue(RegisterTranspose.EIGHT || RegisterTranspose.SIXTEEN, "8- or 16-lane vectors only");
        int n = RegisterTranspose.EIGHT ? 8 : 16;
        int lds = 37;
        int ldd = 21;
        float[] src = new float[3 + n * lds];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[2 + n * ldd + 5];
        Arrays.fill(dst, -1f);
        if (n == 8) {
            RegisterTranspose.block8(src, 3, lds, dst, 2, ldd);
        } else {
            RegisterTranspose.block16(src, 3, lds, dst, 2, ldd);
        }
        float[] expected = new float[dst.length];
        Arrays.fill(expected, -1f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[2 + j * ldd + i] = src[3 + i * lds + j];
            }
        }
        for (int k = 0; k < dst.length; k++) {
            assertEquals(expected[k], dst[k], "dst[" + k + "]");
        }
    }
}
