package vireo.backend;

/**
 * The geometry of one 2-D pooling window sweep (max or average), PyTorch's rules.
 *
 * <p>Shapes: input {@code [n, c, h, w]}, output {@code [n, c, outH, outW]}, contiguous NCHW from offset 0.
 * Output size is {@code floor} or {@code ceil} of {@code (in + 2p - d(k-1) - 1)/s + 1}; with
 * {@code ceilMode} a window that would start inside the right/bottom padding is dropped.
 */
public record Pool2dShape(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW,
                          int padH, int padW, int dilationH, int dilationW, boolean ceilMode) {

    public Pool2dShape {
        if (kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("pool2d: kernel and stride must be positive, received kernel=("
                    + kh + ", " + kw + ") stride=(" + strideH + ", " + strideW + ")");
        }
        if (padH > kh / 2 || padW > kw / 2) {
            throw new IllegalArgumentException("pool2d: padding should be at most half of kernel size, received padding=("
                    + padH + ", " + padW + ") kernel=(" + kh + ", " + kw + ")");
        }
    }

    public int outH() {
        return outSize(h, kh, strideH, padH, dilationH);
    }

    public int outW() {
        return outSize(w, kw, strideW, padW, dilationW);
    }

    private int outSize(int in, int k, int s, int p, int d) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceilMode ? Math.ceilDiv(span, s) : Math.floorDiv(span, s)) + 1;
        // PyTorch: the last window must start inside the input or left padding.
        if (ceilMode && (out - 1) * s >= in + p) {
            out--;
        }
        if (out <= 0) {
            throw new IllegalArgumentException("pool2d: input " + in + " is too small for kernel " + k
                    + " (stride " + s + ", padding " + p + ", dilation " + d + ")");
        }
        return out;
    }
}
