package vireo.io.torch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import vireo.io.AtomicFiles;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

/**
 * Reads and writes PyTorch checkpoints ({@code torch.save} files, {@code .pth}/{@code .pt}).
 *
 * <pre>{@code
 * Map<String, Tensor> sd = TorchCheckpoints.read(Path.of("resnet18.pth"));         // a saved state_dict
 * Map<String, Tensor> m = TorchCheckpoints.readStateDict(Path.of("ckpt.pth"), "model"); // {'model': sd, 'epoch': 3}
 * TorchCheckpoints.write(sd, Path.of("copy.pth"));  // torch.load(..., weights_only=True) reads it
 * }</pre>
 *
 * <p><b>Formats.</b> Both the zip format (torch 1.6 and later, the default) and the legacy pickle-stream format
 * (older files, {@code _use_new_zipfile_serialization=False}) are read; the file's first bytes decide. The byte
 * order the file records (zip {@code byteorder}, legacy {@code sys_info}) is honoured.
 *
 * <p><b>Safety.</b> The pickle is read by an allow-list unpickler that implements the protocol-2 opcodes of a
 * state dict and resolves only {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} (and the
 * older {@code _rebuild_tensor}), {@code torch._utils._rebuild_parameter} (a Parameter loads as its tensor),
 * {@code torch.Size} and the {@code torch.*Storage} classes. Any other global is refused —
 * {@code "ckpt.pth: refusing to load global 'posix.system' (only state dicts of tensors are supported)"} — before a
 * single storage is read; nothing from the file is ever executed. Every error is a {@link TorchFormatException}
 * naming the file, and no call returns part of a file.
 *
 * <p><b>Values.</b> Storages are read with their offsets and strides, so views of one storage (a weight and its
 * transpose, slices) load as independent dense tensors. Floating types (float64, float16, bfloat16) load as float32,
 * integer types (int32, int16, int8, uint8) as int64 and bool as bool.
 *
 * <p><b>Checkpoints that wrap a state dict.</b> {@link #read} flattens nested dicts and lists into dotted keys, so
 * {@code {'state_dict': {'fc.weight': t}, 'epoch': 3}} reads as {@code {"state_dict.fc.weight": t}}: no tensor is
 * ever dropped, and non-tensor leaves (ints, floats, strings) are left out. {@link #readStateDict} picks one entry
 * of the top-level dict instead, with the keys relative to it (and reads only that entry's storages);
 * {@link #readObject} returns the whole object with its plain values.
 */
public final class TorchCheckpoints {

    private TorchCheckpoints() {
    }

    /**
     * Every tensor in the checkpoint, in file order, nested containers flattened to dotted keys (see the class
     * comment). A saved {@code state_dict()} reads with exactly its own keys. Shapes: as saved (0-d included).
     */
    public static Map<String, Tensor> read(Path path) throws IOException {
        String file = path.toString();
        return new ObjectTree(file).flatten(load(path, root -> root));
    }

    /**
     * The tensors under {@code key} of a checkpoint whose top level is a dict, such as {@code 'state_dict'} or
     * {@code 'model'} in {@code torch.save({'model': model.state_dict(), 'epoch': 3}, path)}; keys are relative to
     * that entry and flattened like {@link #read}'s. Other entries' storages are not read.
     */
    public static Map<String, Tensor> readStateDict(Path path, String key) throws IOException {
        String file = path.toString();
        Object selected = load(path, root -> {
            if (!(root instanceof Map<?, ?> m)) {
                throw new TorchFormatException(file + ": expected a dict at the top level to take '" + key
                        + "' from, received " + Unpickler.typeName(root));
            }
            if (!m.containsKey(key)) {
                throw new TorchFormatException(file + ": the checkpoint has no entry '" + key + "'; its entries are "
                        + m.keySet());
            }
            return m.get(key);
        });
        return new ObjectTree(file).flatten(selected);
    }

    /**
     * The whole object the checkpoint holds: Python dicts as {@code LinkedHashMap}s in file order, lists as lists,
     * tuples as unmodifiable lists, sets as sets, tensors as {@link Tensor}, and None, bool, int, float and str as
     * null, {@code Boolean}, {@code Long} ({@code BigInteger} beyond 64 bits), {@code Double} and {@code String}.
     * The allow-list is the same as {@link #read}'s, so only such plain data and tensors can appear.
     */
    public static Object readObject(Path path) throws IOException {
        return load(path, root -> root);
    }

    @FunctionalInterface
    private interface Selector {
        Object select(Object root) throws TorchFormatException;
    }

    private static Object load(Path path, Selector selector) throws IOException {
        String file = path.toString();
        Format format = detect(path, file);
        try {
            if (format == Format.ZIP) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    return load(new ZipCheckpoint(zip, file), selector, file);
                } catch (ZipException e) {
                    throw new TorchFormatException(file + ": not a readable zip archive (truncated or damaged?): "
                            + e.getMessage(), e);
                }
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                return load(new LegacyCheckpoint(in, file), selector, file);
            }
        } catch (ArithmeticException e) {
            throw new TorchFormatException(file + ": sizes, strides or offsets overflow 64 bits", e);
        }
    }

    private static Object load(CheckpointSource source, Selector selector, String file) throws IOException {
        ObjectTree tree = new ObjectTree(file);
        Object selected = selector.select(source.unpickle());
        Map<TensorRef, Tensor> tensors = source.load(tree.tensorRefs(selected));
        return tree.convert(selected, tensors);
    }

    private enum Format { ZIP, LEGACY }

    private static Format detect(Path path, String file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(262);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] <= 8 && head[3] <= 8) {
            return Format.ZIP; // local file header or end record (PK 03 04, PK 05 06, ...)
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] <= 5) {
            return Format.LEGACY; // a pickle: PROTO opcode
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new TorchFormatException(file + ": a tar-based checkpoint (PyTorch before 0.4); only the zip "
                    + "and legacy pickle formats are supported — load and re-save it with torch");
        }
        throw new TorchFormatException(file + ": not a PyTorch checkpoint: expected a zip archive (PK) or a pickle "
                + "(0x80), the file starts with " + hex(head));
    }

    private static String hex(byte[] b) {
        if (b.length == 0) {
            return "nothing (empty file)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            sb.append(String.format("%02x ", b[i] & 0xff));
        }
        return sb.toString().strip();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} as a zip-format checkpoint holding an {@code OrderedDict} state dict, readable by
     * {@code torch.load(path, weights_only=True)}. Each tensor gets its own contiguous storage (float32 as
     * {@code FloatStorage}, int64 as {@code LongStorage}, bool as {@code BoolStorage}); records are STORED and
     * 64-byte aligned under the root directory {@code archive/}. The file is replaced atomically: on failure the
     * previous file is untouched. Archives over 4 GiB (Zip64) are refused.
     */
    public static void write(Map<String, Tensor> tensors, Path path) throws IOException {
        String file = path.toString();
        List<StatePickler.Entry> entries = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new TorchFormatException(file + ": cannot write a null " + (e.getKey() == null ? "key"
                        : "tensor for key '" + e.getKey() + "'"));
            }
            Tensor t = e.getValue();
            entries.add(new StatePickler.Entry(e.getKey(), StorageType.forWriting(t.dtype()),
                    Integer.toString(entries.size()), t.shape()));
            values.add(t);
        }
        byte[] pkl = StatePickler.pickle(entries);
        String root = "archive/";
        AtomicFiles.replace(path, ch -> {
            AlignedZipWriter zip = new AlignedZipWriter(ch, file);
            zip.add(root + "data.pkl", pkl);
            zip.add(root + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < entries.size(); i++) {
                StatePickler.Entry e = entries.get(i);
                Tensor t = values.get(i);
                zip.add(root + "data/" + e.key(), e.numel() * e.type().size, sink -> writeData(t, sink));
            }
            zip.add(root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    private static final int CHUNK = 1 << 20;

    /** The tensor's elements in row-major order, little-endian, through one chunk buffer. */
    private static void writeData(Tensor t, AlignedZipWriter.Sink sink) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.INT64) {
            long[] v = t.toLongArray();
            for (int i = 0; i < v.length; i += CHUNK / 8) {
                int n = Math.min(CHUNK / 8, v.length - i);
                buf.clear();
                buf.asLongBuffer().put(v, i, n);
                sink.write(buf.limit(n * 8));
            }
            return;
        }
        float[] v = t.toFloatArray();
        boolean bool = t.dtype() == DType.BOOL;
        int per = bool ? CHUNK : CHUNK / 4;
        for (int i = 0; i < v.length; i += per) {
            int n = Math.min(per, v.length - i);
            buf.clear();
            if (bool) {
                for (int j = 0; j < n; j++) {
                    buf.put(j, v[i + j] != 0 ? (byte) 1 : (byte) 0);
                }
                buf.limit(n);
            } else {
                buf.asFloatBuffer().put(v, i, n);
                buf.limit(n * 4);
            }
            sink.write(buf);
        }
    }
}
