package vireo.io.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Reads the data section of a validated file tensor by tensor through one reusable 1 MiB buffer, decoding
 * straight into each tensor's storage. Peak memory is the tensors themselves plus the buffer, never a second copy
 * of the file; and no mapping is left open, so the file can be replaced right after reading (even on Windows).
 */
final class SafeTensorsReader {

    /** A multiple of 8, so a chunk never splits an element. */
    private static final int CHUNK = 1 << 20;

    private final FileChannel ch;
    private final String file;
    private final ByteBuffer buf;

    SafeTensorsReader(FileChannel ch, String file) {
        this.ch = ch;
        this.file = file;
        this.buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    }

    Map<String, Tensor> readAll(Header h) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorEntry e : h.tensors) {
            out.put(e.name(), read(e, h.dataStart));
        }
        return out;
    }

    private Tensor read(TensorEntry e, long dataStart) throws IOException {
        int n = e.numel();
        return switch (e.dtype().loadsAs) {
            case FLOAT32 -> {
                Tensor t = Tensor.zeros(e.shape());
                readFloats(e, dataStart, t.floats()); // fills the fresh tensor's own storage: no extra copy
                yield t;
            }
            case BOOL -> {
                float[] v = new float[n];
                readFloats(e, dataStart, v);
                yield Tensor.fromArray(v, e.shape()).toType(vireo.tensor.DType.BOOL);
            }
            case INT64 -> {
                long[] v = new long[n];
                readLongs(e, dataStart, v);
                yield Tensor.fromArray(v, e.shape());
            }
        };
    }

    /** Reads the next chunk of {@code e} (at most {@code CHUNK} bytes) and returns its element count. */
    private int nextChunk(TensorEntry e, long at, long remainingBytes) throws IOException {
        int bytes = (int) Math.min(CHUNK, remainingBytes);
        buf.clear().limit(bytes);
        Header.readFully(ch, buf, at, file, "tensor '" + e.name() + "'");
        buf.flip();
        return bytes / e.dtype().size;
    }

    private void readFloats(TensorEntry e, long dataStart, float[] dst) throws IOException {
        long at = dataStart + e.begin();
        long remaining = e.end() - e.begin();
        int idx = 0;
        while (remaining > 0) {
            int count = nextChunk(e, at, remaining);
            decodeFloats(e.dtype(), count, dst, idx);
            idx += count;
            at += (long) count * e.dtype().size;
            remaining -= (long) count * e.dtype().size;
        }
    }

    private void decodeFloats(StDType type, int count, float[] dst, int idx) {
        switch (type) {
            case F32 -> buf.asFloatBuffer().get(dst, idx, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = (float) buf.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = Float.float16ToFloat(buf.getShort());
                }
            }
            case BF16 -> {
                // bfloat16 is the top half of a float32: widening is exact.
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                }
            }
            case F8_E5M2 -> {
                // E5M2 is the top byte of an IEEE half.
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = Float.float16ToFloat((short) ((buf.get() & 0xff) << 8));
                }
            }
            case F8_E4M3 -> {
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = e4m3(buf.get());
                }
            }
            case BOOL -> {
                for (int i = 0; i < count; i++) {
                    dst[idx + i] = buf.get() != 0 ? 1f : 0f;
                }
            }
            default -> throw new IllegalStateException("not a float-loading dtype: " + type);
        }
    }

    /** float8 e4m3fn (the safetensors/PyTorch F8_E4M3): bias 7, no infinities, S.1111.111 is NaN. */
    static float e4m3(byte b) {
        int exp = (b >> 3) & 0xf;
        int mant = b & 0x7;
        float mag;
        if (exp == 0xf && mant == 0x7) {
            return Float.NaN;
        } else if (exp == 0) {
            mag = Math.scalb((float) mant, -9); // subnormal: mant/8 * 2^-6
        } else {
            mag = Math.scalb(1f + mant / 8f, exp - 7);
        }
        return b < 0 ? -mag : mag;
    }

    private void readLongs(TensorEntry e, long dataStart, long[] dst) throws IOException {
        long at = dataStart + e.begin();
        long remaining = e.end() - e.begin();
        int idx = 0;
        StDType type = e.dtype();
        while (remaining > 0) {
            int count = nextChunk(e, at, remaining);
            switch (type) {
                case I64 -> buf.asLongBuffer().get(dst, idx, count);
                case I32 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.getInt();
                    }
                }
                case I16 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.getShort();
                    }
                }
                case I8 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.get();
                    }
                }
                case U8 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.get() & 0xffL;
                    }
                }
                case U16 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.getShort() & 0xffffL;
                    }
                }
                case U32 -> {
                    for (int i = 0; i < count; i++) {
                        dst[idx + i] = buf.getInt() & 0xffffffffL;
                    }
                }
                case U64 -> {
                    for (int i = 0; i < count; i++) {
                        long v = buf.getLong();
                        if (v < 0) {
                            throw Header.fail(file, "tensor '" + e.name() + "' (U64) element " + (idx + i) + " is "
                                    + Long.toUnsignedString(v) + ", above the int64 maximum " + Long.MAX_VALUE);
                        }
                        dst[idx + i] = v;
                    }
                }
                default -> throw new IllegalStateException("not an integer dtype: " + type);
            }
            idx += count;
            at += (long) count * type.size;
            remaining -= (long) count * type.size;
        }
    }
}
