package vireo.keras.layers;

import java.util.Map;
import vireo.nn.InputShapeException;
import vireo.tensor.Tensor;

/** Keras's {@code GlobalAveragePooling2D()}: the mean over H and W. Shapes: {@code (None, H, W, C) -> (None, C)}. */
public final class GlobalAveragePooling2D extends Layer {

    private GlobalAveragePooling2D() {
    }

    public static GlobalAveragePooling2D of() {
        return new GlobalAveragePooling2D();
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length != 3) {
            throw new InputShapeException(this, "expected an image input (None, H, W, C), received " + Shapes.keras(in));
        }
        return new int[]{in[0]};
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        if (x.dim() != 4) {
            throw new InputShapeException(this, "expected input [N, C, H, W], received " + Shapes.str(x.shape()));
        }
        return x.mean(new int[]{2, 3}, false);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
    }
}
