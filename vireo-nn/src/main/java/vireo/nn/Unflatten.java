package vireo.nn;

import java.util.Arrays;
import vireo.tensor.Tensor;

/**
 * Splits dimension {@code dim} into {@code sizes}, PyTorch's {@code nn.Unflatten} (one size may be −1).
 * Shapes: {@code Unflatten(1, 2, 5)}: {@code [N, 10] -> [N, 2, 5]}.
 */
public class Unflatten extends Module {

    private final int dim;
    private final int[] sizes;

    public Unflatten(int dim, int... sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("Unflatten: unflattened size must be non-empty");
        }
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        int rank = x.dim();
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new InputShapeException(this, "dim " + dim + " is out of range for input " + Shapes.str(x.shape()));
        }
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1 && inferred < 0) {
                inferred = i;
            } else {
                known *= sizes[i];
            }
        }
        int[] target = sizes.clone();
        int have = x.size(d);
        if (inferred >= 0 && known > 0 && have % known == 0) {
            target[inferred] = (int) (have / known);
        }
        if (Arrays.stream(target).asLongStream().reduce(1, (a, b) -> a * b) != have) {
            throw new InputShapeException(this, "cannot unflatten dimension " + d + " of size " + have + " into "
                    + Arrays.toString(sizes) + " (input " + Shapes.str(x.shape()) + ")");
        }
        int[] shape = new int[rank - 1 + target.length];
        int[] in = x.shape();
        System.arraycopy(in, 0, shape, 0, d);
        System.arraycopy(target, 0, shape, d, target.length);
        System.arraycopy(in, d + 1, shape, d + target.length, rank - d - 1);
        return x.reshape(shape);
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + PyRepr.tuple(sizes);
    }
}
