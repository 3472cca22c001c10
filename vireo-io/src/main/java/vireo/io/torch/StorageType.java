package vireo.io.torch;

import java.nio.ByteBuffer;
import vireo.tensor.DType;

/**
 * The {@code torch.*Storage} classes a checkpoint may name, with their element sizes and the Vireo dtype each
 * loads as: floating types as float32 (float64 rounded, float16/bfloat16 widened exactly), integer types as
 * int64 (widened exactly; {@code ByteStorage} is unsigned) and {@code BoolStorage} as bool.
 * {@code UntypedStorage} is bytes, like {@code ByteStorage}.
 */
enum StorageType {
    FLOAT("FloatStorage", 4, DType.FLOAT32),
    DOUBLE("DoubleStorage", 8, DType.FLOAT32),
    HALF("HalfStorage", 2, DType.FLOAT32),
    BFLOAT16("BFloat16Storage", 2, DType.FLOAT32),
    LONG("LongStorage", 8, DType.INT64),
    INT("IntStorage", 4, DType.INT64),
    SHORT("ShortStorage", 2, DType.INT64),
    CHAR("CharStorage", 1, DType.INT64),
    BYTE("ByteStorage", 1, DType.INT64),
    UNTYPED("UntypedStorage", 1, DType.INT64),
    BOOL("BoolStorage", 1, DType.BOOL);

    /** The class name under module {@code torch}. */
    final String className;
    final int size;
    final DType loadsAs;

    StorageType(String className, int size, DType loadsAs) {
        this.className = className;
        this.size = size;
        this.loadsAs = loadsAs;
    }

    /** The type named {@code torch.<name>}, or null when the name is not an allowed storage class. */
    static StorageType forClassName(String name) {
        for (StorageType t : values()) {
            if (t.className.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The storage a Vireo tensor is written to: its own dtype, bit for bit. */
    static StorageType forWriting(DType d) {
        return switch (d) {
            case FLOAT32 -> FLOAT;
            case INT64 -> LONG;
            case BOOL -> BOOL;
        };
    }

    /** Reads one element at {@code byteIndex} of {@code b} (whose byte order is already set) as a float. */
    float getFloat(ByteBuffer b, int byteIndex) {
        return switch (this) {
            case FLOAT -> b.getFloat(byteIndex);
            case DOUBLE -> (float) b.getDouble(byteIndex);
            case HALF -> Float.float16ToFloat(b.getShort(byteIndex));
            // bfloat16 is the top half of a float32: widening is exact.
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(byteIndex) & 0xffff) << 16);
            case BOOL -> b.get(byteIndex) != 0 ? 1f : 0f;
            default -> throw new IllegalStateException("not a float-loading storage: " + this);
        };
    }

    /** Reads one element at {@code byteIndex} of {@code b} as a long. */
    long getLong(ByteBuffer b, int byteIndex) {
        return switch (this) {
            case LONG -> b.getLong(byteIndex);
            case INT -> b.getInt(byteIndex);
            case SHORT -> b.getShort(byteIndex);
            case CHAR -> b.get(byteIndex);
            case BYTE, UNTYPED -> b.get(byteIndex) & 0xffL;
            default -> throw new IllegalStateException("not an integer storage: " + this);
        };
    }
}
