package vireo.bench;

import java.util.Random;

/** Benchmark inputs. */
final class Data {
    private Data() {
    }

    /** {@code size} standard-normal floats, like {@code torch.randn}. */
    static float[] gaussian(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
