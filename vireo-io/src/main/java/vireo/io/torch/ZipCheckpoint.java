package vireo.io.torch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import vireo.tensor.Tensor;

/**
 * The zip format of {@code torch.save} (PyTorch 1.6 and later): {@code <root>/data.pkl}, {@code <root>/data/<key>}
 * storages and an optional {@code <root>/byteorder}, every record under one root directory whose name is taken
 * from the first entry (it is the file stem or {@code archive}, depending on the torch version). Read through
 * {@link ZipFile}, which trusts the central directory: torch's STORED entries carry data descriptors, which
 * {@code ZipInputStream} rejects. Other records ({@code version}, {@code .format_version}, ...) are ignored.
 */
final class ZipCheckpoint implements CheckpointSource {

    private final ZipFile zip;
    private final String file;
    private final String root;
    private final StorageIds ids = new StorageIds(false);
    private ByteOrder order;

    ZipCheckpoint(ZipFile zip, String file) throws TorchFormatException {
        this.zip = zip;
        this.file = file;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        if (!entries.hasMoreElements()) {
            throw new TorchFormatException(file + ": an empty zip archive, expected a torch.save checkpoint");
        }
        String first = entries.nextElement().getName();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            throw new TorchFormatException(file + ": the first zip entry '" + first + "' is not under a root "
                    + "directory, as every record of a torch.save archive is");
        }
        this.root = first.substring(0, slash + 1);
    }

    @Override
    public Object unpickle() throws IOException {
        ZipEntry pkl = zip.getEntry(root + "data.pkl");
        if (pkl == null) {
            String hint = zip.getEntry(root + "constants.pkl") != null
                    ? " (this is a TorchScript archive from torch.jit.save; save a state_dict with torch.save instead)"
                    : "";
            throw new TorchFormatException(file + ": no record '" + root + "data.pkl' in the zip archive" + hint);
        }
        order = byteOrder();
        try (InputStream in = new BufferedInputStream(zip.getInputStream(pkl), 1 << 16)) {
            return new Unpickler(in, file, root + "data.pkl", ids).load();
        }
    }

    private ByteOrder byteOrder() throws IOException {
        ZipEntry e = zip.getEntry(root + "byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN; // absent in files before torch 2.1, which were little-endian
        }
        String v;
        try (InputStream in = zip.getInputStream(e)) {
            v = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
        }
        return switch (v) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new TorchFormatException(file + ": record '" + root + "byteorder' holds '" + v
                    + "', expected 'little' or 'big'");
        };
    }

    @Override
    public Map<TensorRef, Tensor> load(Map<TensorRef, String> refs) throws IOException {
        Map<String, List<TensorRef>> byKey = new LinkedHashMap<>();
        for (TensorRef r : refs.keySet()) {
            byKey.computeIfAbsent(r.storage.key(), k -> new ArrayList<>()).add(r);
        }
        Map<TensorRef, Tensor> out = new IdentityHashMap<>();
        for (Map.Entry<String, List<TensorRef>> e : byKey.entrySet()) {
            ByteBuffer data = storage(e.getKey());
            for (TensorRef r : e.getValue()) {
                out.put(r, TensorDecoder.decode(r, data, file + ": tensor '" + refs.get(r) + "'"));
            }
        }
        return out;
    }

    private ByteBuffer storage(String key) throws IOException {
        StorageIds.Root s = ids.roots().get(key);
        String name = root + "data/" + key;
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new TorchFormatException(file + ": no record '" + name + "' for storage '" + key
                    + "' (the pickle names it, the zip archive lacks it)");
        }
        long nbytes = Math.multiplyExact(s.numel(), (long) s.type().size);
        if (nbytes > Integer.MAX_VALUE - 8) {
            throw new TorchFormatException(file + ": storage '" + key + "' holds " + nbytes
                    + " bytes; storages over 2 GiB are not supported");
        }
        if (e.getSize() >= 0 && e.getSize() < nbytes) {
            throw new TorchFormatException(file + ": record '" + name + "' holds " + e.getSize() + " bytes, but "
                    + s.numel() + " elements of torch." + s.type().className + " need " + nbytes);
        }
        byte[] b;
        try (InputStream in = zip.getInputStream(e)) {
            b = in.readNBytes((int) nbytes);
        }
        if (b.length < nbytes) {
            throw new TorchFormatException(file + ": record '" + name + "' ends after " + b.length + " bytes, but "
                    + s.numel() + " elements of torch." + s.type().className + " need " + nbytes);
        }
        return ByteBuffer.wrap(b).order(order);
    }
}
