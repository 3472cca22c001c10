package vireo.io.safetensors;

import vireo.tensor.DType;

/**
 * The element types a safetensors header may name, with their byte sizes and the Vireo dtype each loads as.
 * Floating types load as float32, integer types as int64 and {@code BOOL} as bool. {@code U64} values above
 * {@code Long.MAX_VALUE} are refused when read rather than wrapped.
 */
enum StDType {
    F64(8, DType.FLOAT32),
    F32(4, DType.FLOAT32),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32),
    F8_E4M3(1, DType.FLOAT32),
    F8_E5M2(1, DType.FLOAT32),
    I64(8, DType.INT64),
    I32(4, DType.INT64),
    I16(2, DType.INT64),
    I8(1, DType.INT64),
    U64(8, DType.INT64),
    U32(4, DType.INT64),
    U16(2, DType.INT64),
    U8(1, DType.INT64),
    BOOL(1, DType.BOOL);

    final int size;
    final DType loadsAs;

    StDType(int size, DType loadsAs) {
        this.size = size;
        this.loadsAs = loadsAs;
    }

    /** The header name of a dtype, or null when {@code code} is not one the format defines that Vireo reads. */
    static StDType forCode(String code) {
        for (StDType t : values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        return null;
    }

    /** The type a Vireo tensor is written as: its own dtype, bit for bit. */
    static StDType forWriting(DType d) {
        return switch (d) {
            case FLOAT32 -> F32;
            case INT64 -> I64;
            case BOOL -> BOOL;
        };
    }

    static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (StDType t : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.name());
        }
        return sb.toString();
    }
}
