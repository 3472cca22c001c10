package vireo.io.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import vireo.io.AtomicFiles;
import vireo.json.Json;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Writes tensors as safetensors the way the reference Python writer lays them out: tensors ordered by dtype
 * alignment (descending) then name, a compact JSON header padded with spaces to a multiple of 8 bytes, and
 * little-endian C-order data streamed through a 1 MiB buffer. The file is replaced atomically.
 */
final class SafeTensorsWriter {

    private static final int CHUNK = 1 << 20;

    private record Planned(String name, Tensor tensor, StDType dtype, long begin, long end) {
    }

    private SafeTensorsWriter() {
    }

    static void write(Map<String, Tensor> tensors, java.nio.file.Path path, Map<String, String> metadata)
            throws IOException {
        String file = path.toString();
        List<Planned> plan = plan(file, tensors);
        byte[] header = headerBytes(file, plan, metadata);
        AtomicFiles.replace(path, ch -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(ch, prefix);
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Planned p : plan) {
                writeData(ch, buf, p);
            }
        });
    }

    private static List<Planned> plan(String file, Map<String, Tensor> tensors) throws SafeTensorsFormatException {
        if (tensors == null) {
            throw new SafeTensorsFormatException(file + ": expected a map of tensors, received null");
        }
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> e : entries) {
            String name = e.getKey();
            if (name == null) {
                throw new SafeTensorsFormatException(file + ": tensor names must not be null");
            }
            if (name.equals(Header.METADATA_KEY)) {
                throw new SafeTensorsFormatException(file + ": '" + Header.METADATA_KEY
                        + "' is reserved for the metadata map and cannot name a tensor");
            }
            checkEncodable(file, "tensor name '" + name + "'", name);
            if (e.getValue() == null) {
                throw new SafeTensorsFormatException(file + ": tensor '" + name + "' is null");
            }
        }
        entries.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(
                e -> -StDType.forWriting(e.getValue().dtype()).size).thenComparing(Map.Entry::getKey, SafeTensorsWriter::byCodePoint));
        List<Planned> plan = new ArrayList<>(entries.size());
        long at = 0;
        for (Map.Entry<String, Tensor> e : entries) {
            StDType dt = StDType.forWriting(e.getValue().dtype());
            long bytes = (long) e.getValue().numel() * dt.size;
            plan.add(new Planned(e.getKey(), e.getValue(), dt, at, at + bytes));
            at += bytes;
        }
        return plan;
    }

    /** Names compare as the reference writer's Rust strings do: by code point, not by UTF-16 unit. */
    static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static byte[] headerBytes(String file, List<Planned> plan, Map<String, String> metadata)
            throws SafeTensorsFormatException {
        StringBuilder sb = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            sb.append(Json.quote(Header.METADATA_KEY)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new SafeTensorsFormatException(file + ": metadata keys and values must be non-null strings,"
                            + " received " + m.getKey() + " -> " + m.getValue());
                }
                checkEncodable(file, "metadata key '" + m.getKey() + "'", m.getKey());
                checkEncodable(file, "metadata value of '" + m.getKey() + "'", m.getValue());
                sb.append(first ? "" : ",").append(Json.quote(m.getKey())).append(':').append(Json.quote(m.getValue()));
                first = false;
            }
            sb.append('}');
        }
        for (Planned p : plan) {
            sb.append(sb.length() > 1 ? "," : "").append(Json.quote(p.name()))
                    .append(":{\"dtype\":\"").append(p.dtype().name()).append("\",\"shape\":[");
            int[] shape = p.tensor().shape();
            for (int i = 0; i < shape.length; i++) {
                sb.append(i == 0 ? "" : ",").append(shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(p.begin()).append(',').append(p.end()).append("]}");
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7; // so the data section starts 8-byte aligned
        if (padded > Header.MAX_HEADER_SIZE) {
            throw new SafeTensorsFormatException(file + ": the header would be " + padded + " bytes; readers accept"
                    + " at most " + Header.MAX_HEADER_SIZE);
        }
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Lone surrogates cannot be written as UTF-8, and readers refuse them escaped. */
    private static void checkEncodable(String file, String what, String s) throws SafeTensorsFormatException {
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(file + ": " + what + " contains an unpaired surrogate and cannot"
                    + " be encoded as UTF-8", e);
        }
    }

    private static void writeData(FileChannel ch, ByteBuffer buf, Planned p) throws IOException {
        Tensor t = p.tensor();
        int n = t.numel();
        if (n == 0) {
            return; // nothing to write (and a zero-size tensor need not report itself contiguous)
        }
        switch (t.dtype()) {
            case FLOAT32 -> {
                float[] v = denseFloats(t);
                for (int i = 0; i < n; i += CHUNK / 4) {
                    int c = Math.min(CHUNK / 4, n - i);
                    buf.clear();
                    buf.asFloatBuffer().put(v, i, c);
                    buf.limit(c * 4);
                    writeFully(ch, buf);
                }
            }
            case INT64 -> {
                long[] v = denseLongs(t);
                for (int i = 0; i < n; i += CHUNK / 8) {
                    int c = Math.min(CHUNK / 8, n - i);
                    buf.clear();
                    buf.asLongBuffer().put(v, i, c);
                    buf.limit(c * 8);
                    writeFully(ch, buf);
                }
            }
            case BOOL -> {
                float[] v = denseFloats(t); // bool is stored as 0/1 floats
                for (int i = 0; i < n; i += CHUNK) {
                    int c = Math.min(CHUNK, n - i);
                    buf.clear();
                    for (int j = 0; j < c; j++) {
                        buf.put(v[i + j] != 0f ? (byte) 1 : (byte) 0);
                    }
                    buf.flip();
                    writeFully(ch, buf);
                }
            }
        }
    }

    /** The tensor's own storage when it is dense (no copy of a 400 MB weight), else a compact copy. */
    private static float[] denseFloats(Tensor t) {
        try {
            return t.floats();
        } catch (IllegalStateException viewNotDense) {
            // detach().clone() rather than toFloatArray(): the latter returns the whole storage for a
            // contiguous view that does not start at index 0 (a select/narrow), as of this writing.
            return t.detach().clone().floats();
        }
    }

    private static long[] denseLongs(Tensor t) {
        try {
            return t.longs();
        } catch (IllegalStateException viewNotDense) {
            return t.detach().clone().longs();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
