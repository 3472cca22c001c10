package vireo.io.torch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code data.pkl} of a state dict the way {@code torch.save} does, with protocol 2 and only the opcodes
 * and globals torch's {@code weights_only} unpickler accepts: an {@code OrderedDict} of
 * {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad=False, OrderedDict())} calls, each storage
 * a persistent id {@code ('storage', torch.XStorage, key, 'cpu', numel)}. Globals are written once and fetched
 * from the memo after that, as Python's pickler does.
 */
final class StatePickler {

    /** One tensor of the dict: its storage record key, element type and shape (stored contiguous, offset 0). */
    record Entry(String name, StorageType type, String key, int[] shape) {
        long numel() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> memo = new HashMap<>();

    private StatePickler() {
    }

    static byte[] pickle(List<Entry> entries) {
        StatePickler p = new StatePickler();
        p.op(0x80).op(2); // PROTO 2
        p.global("collections", "OrderedDict").op(')').op('R'); // OrderedDict()
        if (!entries.isEmpty()) {
            p.op('('); // MARK
            for (Entry e : entries) {
                p.string(e.name());
                p.tensor(e);
            }
            p.op('u'); // SETITEMS
        }
        p.op('.'); // STOP
        return p.out.toByteArray();
    }

    private void tensor(Entry e) {
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        // persistent id of the storage
        op('(').string("storage").global("torch", e.type().className).string(e.key()).string("cpu")
                .integer(e.numel()).op('t').op('Q');
        integer(0); // storage_offset
        tuple(e.shape());
        tuple(contiguousStrides(e.shape()));
        op(0x89); // requires_grad=False
        global("collections", "OrderedDict").op(')').op('R'); // backward_hooks
        op('t').op('R');
    }

    /** torch's contiguous strides: {@code stride[i] = stride[i+1] * max(size[i+1], 1)}. */
    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        long acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = (int) Math.min(acc, Integer.MAX_VALUE);
            acc *= Math.max(shape[d], 1);
        }
        return s;
    }

    private StatePickler tuple(int[] v) {
        switch (v.length) {
            case 0 -> op(')');
            case 1 -> integer(v[0]).op(0x85);
            case 2 -> integer(v[0]).integer(v[1]).op(0x86);
            case 3 -> integer(v[0]).integer(v[1]).integer(v[2]).op(0x87);
            default -> {
                op('(');
                for (int x : v) {
                    integer(x);
                }
                op('t');
            }
        }
        return this;
    }

    /** GLOBAL the first time (then BINPUT), BINGET after: the memo keeps the pickle small. */
    private StatePickler global(String module, String name) {
        String q = module + "\n" + name + "\n";
        Integer idx = memo.get(q);
        if (idx != null) {
            return idx < 256 ? op('h').op(idx) : op('j').u32(idx);
        }
        op('c').raw(q.getBytes(StandardCharsets.US_ASCII));
        idx = memo.size();
        memo.put(q, idx);
        return idx < 256 ? op('q').op(idx) : op('r').u32(idx);
    }

    private StatePickler integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').op((int) v);
        } else if (v >= 0 && v < 65536) {
            return op('M').op((int) v & 0xff).op((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return op('J').u32(v);
        }
        op(0x8a).op(8); // LONG1: 8 little-endian two's-complement bytes hold any long
        for (int i = 0; i < 8; i++) {
            op((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    private StatePickler string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').u32(b.length).raw(b); // BINUNICODE: protocol 2 has no shorter form
    }

    private StatePickler u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    private StatePickler op(int b) {
        out.write(b);
        return this;
    }

    private StatePickler raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }
}
