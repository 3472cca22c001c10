package vireo.backend.simd;

/**
 * Where {@link SimdGemm} reads its {@code op(B)} operand from: a stored matrix ({@link #matrix}), or a source that
 * forms B as it packs it (convolution's column matrix, {@link ConvPanels}), which spares writing B out in full and
 * reading it back.
 *
 * <p>Shapes: {@code op(B)} is {@code [k, n]}; a panel is {@code kc} steps of at most {@code NR} columns.
 */
interface GemmBSource {

    /**
     * Writes {@code op(B)[p0 + p, j0 + j]} to {@code dst[dOff + p*NR + j]} for {@code p < kc}, {@code j < cols}
     * ({@code cols <= NR}), and zero to the columns {@code cols..NR} of each step.
     */
    void packPanel(int p0, int kc, int j0, int cols, float[] dst, int dOff);

    /** A stored row-major matrix {@code b} ({@code op(B) = B} or {@code B^T}, leading dimension {@code ldb}). */
    static GemmBSource matrix(boolean transB, float[] b, int bOff, int ldb) {
        return (p0, kc, j0, cols, dst, dOff) -> GemmPacking.packB(transB, b, bOff, ldb, p0, kc, j0, cols, dst, dOff);
    }
}
