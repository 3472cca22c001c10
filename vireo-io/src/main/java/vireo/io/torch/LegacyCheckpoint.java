package vireo.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vireo.tensor.Tensor;

/**
 * The format of {@code torch.save} before 1.6 (and with {@code _use_new_zipfile_serialization=False}): one stream
 * of pickles — magic number, protocol version 1001, {@code sys_info}, the object, the sorted list of storage keys —
 * followed by each storage in that order as an int64 element count and its raw bytes. Read front to back in one
 * pass, so the stream never seeks; {@code sys_info['little_endian']} gives the byte order of counts and data.
 */
final class LegacyCheckpoint implements CheckpointSource {

    static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    private final InputStream in;
    private final String file;
    private final StorageIds ids = new StorageIds(true);
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private long pos; // bytes consumed by storage data, for messages

    LegacyCheckpoint(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    @Override
    public Object unpickle() throws IOException {
        Object magic = header("the magic number pickle");
        if (!(magic instanceof BigInteger b && b.equals(MAGIC_NUMBER))) {
            throw new TorchFormatException(file + ": not a PyTorch checkpoint: the first pickle holds "
                    + Unpickler.typeName(magic) + " " + magic + ", expected the magic number 0x"
                    + MAGIC_NUMBER.toString(16));
        }
        Object protocol = header("the protocol version pickle");
        if (!(protocol instanceof Long p && p == PROTOCOL_VERSION)) {
            throw new TorchFormatException(file + ": legacy checkpoint protocol version " + protocol + ", expected "
                    + PROTOCOL_VERSION);
        }
        Object sysInfo = header("the sys_info pickle");
        if (sysInfo instanceof Map<?, ?> m && m.get("little_endian") instanceof Boolean little) {
            order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        } else {
            throw new TorchFormatException(file + ": sys_info must be a dict with a bool 'little_endian', received "
                    + Unpickler.typeName(sysInfo));
        }
        return new Unpickler(in, file, "the object pickle", ids).load();
    }

    private Object header(String what) throws IOException {
        return new Unpickler(in, file, what, (pid, at) -> {
            throw at.fail("persistent ids are not allowed in " + what);
        }).load();
    }

    @Override
    public Map<TensorRef, Tensor> load(Map<TensorRef, String> refs) throws IOException {
        Object keyList = header("the storage key list pickle");
        if (!(keyList instanceof List<?> keys)) {
            throw new TorchFormatException(file + ": the storage key list must be a list, received "
                    + Unpickler.typeName(keyList));
        }
        Map<String, List<TensorRef>> byKey = new LinkedHashMap<>();
        for (TensorRef r : refs.keySet()) {
            byKey.computeIfAbsent(r.storage.key(), k -> new ArrayList<>()).add(r);
        }
        Set<String> stored = new HashSet<>();
        Map<TensorRef, Tensor> out = new IdentityHashMap<>();
        for (Object k : keys) {
            StorageIds.Root root = k instanceof String s ? ids.roots().get(s) : null;
            if (root == null || !stored.add((String) k)) {
                throw new TorchFormatException(file + ": the storage key list names " + Unpickler.typeName(k) + " '"
                        + k + "', which the object pickle " + (root == null ? "does not name" : "named once only"));
            }
            String key = (String) k;
            long count = int64();
            if (count != root.numel()) {
                throw new TorchFormatException(file + ": storage '" + key + "' holds " + count + " elements, but the "
                        + "object pickle names it with " + root.numel());
            }
            long nbytes = Math.multiplyExact(count, (long) root.type().size);
            List<TensorRef> users = byKey.get(key);
            if (users == null) {
                try {
                    in.skipNBytes(nbytes); // not in the part of the checkpoint that was asked for
                } catch (java.io.EOFException e) {
                    throw truncated("storage '" + key + "' (" + nbytes + " bytes)");
                }
                pos += nbytes;
                continue;
            }
            ByteBuffer data = ByteBuffer.wrap(bytes(nbytes, key)).order(order);
            for (TensorRef r : users) {
                out.put(r, TensorDecoder.decode(r, data, file + ": tensor '" + refs.get(r) + "'"));
            }
        }
        for (String key : byKey.keySet()) {
            if (!stored.contains(key)) {
                throw new TorchFormatException(file + ": storage '" + key + "' is named by the object pickle but "
                        + "missing from the storage key list");
            }
        }
        return out;
    }

    private long int64() throws IOException {
        byte[] b = in.readNBytes(8);
        if (b.length != 8) {
            throw truncated("a storage element count");
        }
        pos += 8;
        return ByteBuffer.wrap(b).order(order).getLong();
    }

    private byte[] bytes(long n, String key) throws IOException {
        if (n > Integer.MAX_VALUE - 8) {
            throw new TorchFormatException(file + ": storage '" + key + "' holds " + n
                    + " bytes; storages over 2 GiB are not supported");
        }
        byte[] b = in.readNBytes((int) n);
        pos += b.length;
        if (b.length != n) {
            throw truncated("storage '" + key + "' (" + n + " bytes)");
        }
        return b;
    }

    private TorchFormatException truncated(String what) {
        return new TorchFormatException(file + ": truncated: the file ends inside " + what + ", " + pos
                + " bytes into the storage data");
    }
}
