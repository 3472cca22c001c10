package vireo.backend;

/**
 * The geometry of one 2-D convolution, as the kernels need it.
 *
 * <p>Shapes: input {@code [n, cIn, h, w]}, weight {@code [cOut, cIn/groups, kh, kw]},
 * output {@code [n, cOut, outH, outW]}, all contiguous row-major (NCHW) from offset 0.
 * Padding may be asymmetric (TensorFlow's strided 'same'); padded cells read as zero.
 */
public record Conv2dShape(int n, int cIn, int h, int w, int cOut, int kh, int kw,
                          int strideH, int strideW, int padTop, int padLeft, int padBottom, int padRight,
                          int dilationH, int dilationW, int groups) {

    public Conv2dShape {
        if (groups <= 0 || cIn % groups != 0 || cOut % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups=" + groups + " must divide in_channels=" + cIn
                    + " and out_channels=" + cOut);
        }
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0) {
            throw new IllegalArgumentException("conv2d: stride and dilation must be positive, received stride=("
                    + strideH + ", " + strideW + ") dilation=(" + dilationH + ", " + dilationW + ")");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("conv2d: padding must be non-negative");
        }
    }

    public int outH() {
        return (h + padTop + padBottom - dilationH * (kh - 1) - 1) / strideH + 1;
    }

    public int outW() {
        return (w + padLeft + padRight - dilationW * (kw - 1) - 1) / strideW + 1;
    }

    /** Input channels seen by one output channel. */
    public int cInPerGroup() {
        return cIn / groups;
    }

    public int cOutPerGroup() {
        return cOut / groups;
    }
}
