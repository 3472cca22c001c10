package vireo.nn.init;

/**
 * Fan-in and fan-out of a weight, PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight
 * {@code [out, in, k1, k2, ...]} the receptive field {@code k1·k2·...} multiplies both {@code in} and {@code out}
 * (so a grouped convolution's fan-in is {@code in/groups·kH·kW}, read off its weight shape).
 */
public record Fans(int fanIn, int fanOut) {

    /** Shapes: at least 2 dimensions. */
    public static Fans of(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("init: fan in and fan out can not be computed for a tensor with fewer "
                    + "than 2 dimensions, received shape " + java.util.Arrays.toString(shape));
        }
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new Fans(shape[1] * receptive, shape[0] * receptive);
    }

    int of(FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn : fanOut;
    }
}
