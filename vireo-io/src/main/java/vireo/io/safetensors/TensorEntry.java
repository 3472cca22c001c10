package vireo.io.safetensors;

import java.util.Arrays;

/** One tensor's header record: its dtype, shape and byte range {@code [begin, end)} inside the data section. */
record TensorEntry(String name, StDType dtype, int[] shape, long begin, long end) {

    int numel() {
        int n = 1;
        for (int d : shape) {
            n *= d; // validated by Header not to overflow
        }
        return n;
    }

    String range() {
        return "[" + begin + ", " + end + ")";
    }

    String describe() {
        return "'" + name + "' (" + dtype + " " + Arrays.toString(shape) + ")";
    }
}
