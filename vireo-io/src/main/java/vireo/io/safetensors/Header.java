package vireo.io.safetensors;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.json.Json;
import vireo.json.JsonException;

/**
 * A validated safetensors header: the tensors sorted by their offsets, the {@code __metadata__} map and where the
 * data section starts. Everything the format promises is checked here, before a single tensor byte is read, so
 * a bad file is refused as a whole (see the spec's safetensors section and the reference {@code tensor.rs}).
 */
final class Header {

    /** The reference implementation's {@code MAX_HEADER_SIZE}. */
    static final long MAX_HEADER_SIZE = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    final List<TensorEntry> tensors;
    final Map<String, String> metadata;
    final long dataStart;
    final long dataLength;

    private Header(List<TensorEntry> tensors, Map<String, String> metadata, long dataStart, long dataLength) {
        this.tensors = tensors;
        this.metadata = metadata;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /** Reads and validates the header of {@code ch}; {@code file} names the file in error messages. */
    static Header read(FileChannel ch, String file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw fail(file, "the file is " + size + " bytes; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file, "the header length");
        long n = lenBuf.flip().getLong();
        // n is an unsigned u64: a negative long is a value above 2^63, far past the limit too.
        if (n < 0 || n > MAX_HEADER_SIZE) {
            throw fail(file, "header length is " + Long.toUnsignedString(n) + " bytes; at most " + MAX_HEADER_SIZE
                    + " are allowed (is this a safetensors file?)");
        }
        if (n > size - 8) {
            throw fail(file, "header length is " + n + " bytes but only " + (size - 8)
                    + " bytes follow the length field (truncated file?)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(ch, headerBytes, 8, file, "the header");
        headerBytes.flip();
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes).toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "the header is not valid UTF-8", e);
        }
        if (json.isEmpty() || json.charAt(0) != '{') {
            throw fail(file, "the header must be a JSON object starting with '{', received "
                    + (json.isEmpty() ? "an empty header" : Json.quote(json.substring(0, Math.min(20, json.length())))));
        }
        Object root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw fail(file, "the header is not valid JSON: " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) root; // starts with '{' and parsed whole: an object
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, e.getValue());
            } else {
                entries.add(entry(file, e.getKey(), e.getValue()));
            }
        }
        // Zero-size tensors may share an offset; a stable sort keeps them in header order.
        entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        checkTiling(file, entries, dataLength);
        return new Header(List.copyOf(entries), metadata, dataStart, dataLength);
    }

    private static Map<String, String> metadata(String file, Object v) throws SafeTensorsFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out; // the reference reader treats a null __metadata__ as absent
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(file, METADATA_KEY + " must be an object of strings, received " + kind(v));
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail(file, METADATA_KEY + " entry " + Json.quote((String) e.getKey())
                        + " must be a string, received " + kind(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static TensorEntry entry(String file, String name, Object v) throws SafeTensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(file, where + ": expected an object with dtype, shape and data_offsets, received " + kind(v));
        }
        // Unknown fields are ignored, as serde (the reference reader) does; the three known ones are required.
        Object dtypeV = required(file, where, m, "dtype");
        if (!(dtypeV instanceof String code)) {
            throw fail(file, where + ": dtype must be a string, received " + kind(dtypeV));
        }
        StDType dtype = StDType.forCode(code);
        if (dtype == null) {
            throw fail(file, where + ": unsupported dtype " + Json.quote(code) + "; expected one of "
                    + StDType.supportedList());
        }
        Object shapeV = required(file, where, m, "shape");
        if (!(shapeV instanceof List<?> dims)) {
            throw fail(file, where + ": shape must be an array of non-negative integers, received " + kind(shapeV));
        }
        int[] shape = new int[dims.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = nonNegative(file, where + ": shape[" + i + "]", dims.get(i));
            if (d > Integer.MAX_VALUE) {
                throw fail(file, where + ": shape[" + i + "] is " + d + "; Vireo tensors have dimensions of at most "
                        + Integer.MAX_VALUE);
            }
            shape[i] = (int) d;
            numel *= d; // at most (2^31)^2 before the check below stops it growing further
            if (numel > Integer.MAX_VALUE) {
                throw fail(file, where + ": shape " + dims + " has more than "
                        + Integer.MAX_VALUE + " elements, the most a Vireo tensor holds");
            }
        }
        Object offV = required(file, where, m, "data_offsets");
        if (!(offV instanceof List<?> offs) || offs.size() != 2) {
            throw fail(file, where + ": data_offsets must be [begin, end], received " + kind(offV));
        }
        long begin = nonNegative(file, where + ": data_offsets[0]", offs.get(0));
        long end = nonNegative(file, where + ": data_offsets[1]", offs.get(1));
        if (end < begin) {
            throw fail(file, where + ": data_offsets [" + begin + ", " + end + ") end before they begin");
        }
        long need = numel * dtype.size;
        if (end - begin != need) {
            throw fail(file, where + ": dtype " + dtype + " and shape " + Arrays.toString(shape) + " need " + numel
                    + " x " + dtype.size + " = " + need + " bytes, but data_offsets [" + begin + ", " + end
                    + ") span " + (end - begin) + " bytes");
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static void checkTiling(String file, List<TensorEntry> entries, long dataLength)
            throws SafeTensorsFormatException {
        long expected = 0;
        TensorEntry prev = null;
        for (TensorEntry e : entries) {
            if (e.begin() > expected) {
                throw fail(file, "tensor '" + e.name() + "' starts at byte " + e.begin() + " but "
                        + (prev == null ? "the data section starts at byte 0"
                        : "the previous tensor '" + prev.name() + "' ends at byte " + expected)
                        + "; tensors must tile the data section without gaps");
            }
            if (e.begin() < expected) {
                throw fail(file, "tensor '" + e.name() + "' claims bytes " + e.range() + ", overlapping tensor '"
                        + prev.name() + "' at bytes " + prev.range());
            }
            if (e.end() > dataLength) {
                throw fail(file, "tensor '" + e.name() + "' claims bytes " + e.range()
                        + " but the data section holds " + dataLength + " bytes (truncated file?)");
            }
            expected = e.end();
            prev = e;
        }
        if (expected != dataLength) {
            throw fail(file, "the tensors cover bytes [0, " + expected + ") but the data section holds "
                    + dataLength + " bytes; " + (dataLength - expected) + " trailing bytes belong to no tensor");
        }
    }

    private static Object required(String file, String where, Map<?, ?> m, String key)
            throws SafeTensorsFormatException {
        if (!m.containsKey(key)) { // a JSON null is present (and refused by the type checks that follow)
            throw fail(file, where + ": missing \"" + key + "\" (found keys " + m.keySet() + ")");
        }
        return m.get(key);
    }

    private static long nonNegative(String file, String where, Object v) throws SafeTensorsFormatException {
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof BigInteger b && b.signum() > 0) {
            throw fail(file, where + " is " + b + ", too large for this reader (at most " + Long.MAX_VALUE + ")");
        }
        throw fail(file, where + ": expected a non-negative integer, received " + kind(v));
    }

    /** A short description of a parsed JSON value for error messages. */
    static String kind(Object v) {
        if (v instanceof String s) {
            return "the string " + Json.quote(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?> l) {
            return "an array of " + l.size() + (l.size() <= 8 ? " " + l : "");
        }
        return String.valueOf(v); // JSON null is Java null: "null"
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position, String file, String what)
            throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) {
                throw fail(file, "the file ended at byte " + at + " while reading " + what
                        + " (it changed while being read?)");
            }
            at += r;
        }
    }

    static SafeTensorsFormatException fail(String file, String message) {
        return new SafeTensorsFormatException(file + ": " + message);
    }

    static SafeTensorsFormatException fail(String file, String message, Throwable cause) {
        return new SafeTensorsFormatException(file + ": " + message, cause);
    }
}
