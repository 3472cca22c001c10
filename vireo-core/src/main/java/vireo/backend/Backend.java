package vireo.backend;

/**
 * The small set of compute primitives every backend implements; {@code Tensor} composes the wide API from them.
 *
 * <p>All arrays are float32, contiguous row-major, and owned by the caller. Kernels never allocate
 * per call what could be reused, and never keep references to the arrays after returning.
 * Library code never names a concrete backend: it asks {@link Backends#current()}.
 */
public interface Backend {

    /** A short name for logs and benchmarks ("reference", "simd"). */
    String name();

    /**
     * {@code C = op(A) * op(B)} (or {@code C += ...} when {@code accumulate}), row-major.
     *
     * <p>Shapes: {@code op(A)} is {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}.
     * {@code op(A)} is A when {@code !transA}, else A stored as {@code [k, m]}. Leading dimensions are row strides.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Convolution forward: {@code y = conv(x, w) + bias}. {@code bias} may be null. {@code y} is overwritten.
     * Shapes: see {@link Conv2dShape}; bias {@code [cOut]}.
     */
    void conv2dForward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y);

    /** Gradient of the input: {@code gx} (shape of x) is overwritten from {@code gy} (shape of y). */
    void conv2dBackwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx);

    /**
     * Gradient of the weight and bias: {@code gw} (shape of w) and {@code gb} ({@code [cOut]}, may be null)
     * are overwritten.
     */
    void conv2dBackwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb);

    /**
     * Max pooling; {@code argmax} receives, per output cell, the flat index {@code ih*w+iw} of the winner in its plane.
     * {@code argmax} may be null when no gradient will be needed: then only {@code y} is written.
     */
    void maxPool2dForward(Pool2dShape s, float[] x, float[] y, int[] argmax);

    /** Scatters {@code gy} to the winners; {@code gx} is overwritten. */
    void maxPool2dBackward(Pool2dShape s, float[] gy, int[] argmax, float[] gx);

    /** Average pooling with PyTorch's {@code count_include_pad} rule (padding counted, windows clipped at the padded edge). */
    void avgPool2dForward(Pool2dShape s, boolean countIncludePad, float[] x, float[] y);

    /** Gradient of average pooling; {@code gx} is overwritten. */
    void avgPool2dBackward(Pool2dShape s, boolean countIncludePad, float[] gy, float[] gx);
}
