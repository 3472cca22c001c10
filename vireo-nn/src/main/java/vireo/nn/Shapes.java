package vireo.nn;

import java.util.Arrays;

/** Shape text for error messages: {@code [64, 500]}. */
final class Shapes {

    private Shapes() {
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
