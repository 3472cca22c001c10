package vireo.io.torch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Builds a dense Vireo tensor from a {@link TensorRef} and the bytes of its root storage: applies the storage
 * offset and strides (views of a shared storage, transposes and slices come out as their own contiguous copies)
 * and converts the element type ({@link StorageType}). Everything is bounds-checked against the storage first.
 */
final class TensorDecoder {

    private TensorDecoder() {
    }

    /**
     * @param data the whole root storage, positioned at 0, with the file's byte order set
     * @param what names the tensor in messages ({@code file: tensor 'conv1.weight'} or the storage key)
     */
    static Tensor decode(TensorRef r, ByteBuffer data, String what) throws TorchFormatException {
        StorageType type = r.storage.type();
        int[] shape = new int[r.size.length];
        long numel = 1;
        for (int d = 0; d < shape.length; d++) {
            if (r.size[d] < 0 || r.size[d] > Integer.MAX_VALUE) {
                throw new TorchFormatException(what + ": size " + Arrays.toString(r.size) + " has an invalid dimension");
            }
            if (r.stride[d] < 0) {
                throw new TorchFormatException(what + ": stride " + Arrays.toString(r.stride)
                        + " is negative; torch never writes negative strides");
            }
            shape[d] = (int) r.size[d];
            numel = Math.multiplyExact(numel, r.size[d]);
        }
        if (numel > Integer.MAX_VALUE - 8) {
            throw new TorchFormatException(what + ": " + numel + " elements, more than one Vireo tensor holds");
        }
        if (r.offset < 0) {
            throw new TorchFormatException(what + ": negative storage offset " + r.offset);
        }
        long last = r.offset; // the highest element index the view touches
        if (numel > 0) {
            for (int d = 0; d < shape.length; d++) {
                last = Math.addExact(last, Math.multiplyExact(r.size[d] - 1, r.stride[d]));
            }
            if (last >= r.storage.numel()) {
                throw new TorchFormatException(what + ": storage '" + r.storage.key() + "' holds "
                        + r.storage.numel() + " elements of torch." + type.className + ", too few for offset "
                        + r.offset + ", size " + Arrays.toString(r.size) + " and stride "
                        + Arrays.toString(r.stride) + " (needs " + (last + 1) + ")");
            }
        }
        long base = r.storage.viewOffset() + r.offset;
        int n = (int) numel;
        return switch (type.loadsAs) {
            case FLOAT32 -> {
                Tensor t = Tensor.zeros(shape);
                float[] dst = t.floats(); // the fresh tensor's own storage: filled in place, no extra copy
                if (type == StorageType.FLOAT && isContiguous(r) && n > 0) {
                    data.slice(Math.toIntExact(base * 4), n * 4).order(data.order()).asFloatBuffer().get(dst);
                } else {
                    Offsets it = new Offsets(r, base);
                    for (int i = 0; i < n; i++) {
                        dst[i] = type.getFloat(data, Math.toIntExact(it.next() * type.size));
                    }
                }
                yield t;
            }
            case BOOL -> {
                Tensor t = Tensor.zeros(shape).toType(DType.BOOL);
                float[] dst = t.floats(); // BOOL is stored as 0/1 floats
                Offsets it = new Offsets(r, base);
                for (int i = 0; i < n; i++) {
                    dst[i] = type.getFloat(data, Math.toIntExact(it.next()));
                }
                yield t;
            }
            case INT64 -> {
                long[] dst = new long[n];
                Offsets it = new Offsets(r, base);
                for (int i = 0; i < n; i++) {
                    dst[i] = type.getLong(data, Math.toIntExact(it.next() * type.size));
                }
                yield Tensor.fromArray(dst, shape);
            }
        };
    }

    /** Row-major with the usual strides; dimensions of size 1 may carry any stride. */
    private static boolean isContiguous(TensorRef r) {
        long expected = 1;
        for (int d = r.size.length - 1; d >= 0; d--) {
            if (r.size[d] != 1 && r.stride[d] != expected) {
                return false;
            }
            expected *= r.size[d];
        }
        return true;
    }

    /** The storage element index of each tensor element, in row-major order (an odometer over the strides). */
    private static final class Offsets {
        private final long[] size;
        private final long[] stride;
        private final long[] index;
        private long at;
        private boolean started;

        Offsets(TensorRef r, long base) {
            this.size = r.size;
            this.stride = r.stride;
            this.index = new long[size.length];
            this.at = base;
        }

        long next() {
            if (!started) {
                started = true;
                return at;
            }
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    at += stride[d];
                    return at;
                }
                at -= stride[d] * (size[d] - 1);
                index[d] = 0;
            }
            throw new IllegalStateException("past the last element");
        }
    }
}
