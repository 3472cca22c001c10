package vireo.io.torch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An allow-list unpickler: reads exactly the protocol-2 opcodes a state dict needs (the set of torch's
 * {@code weights_only} unpickler) and refuses everything else. Globals resolve only to {@link PyGlobal} and
 * {@link StorageType}; calls ({@code REDUCE}) run the Java implementations of those, so nothing in the file is
 * ever executed. Tensors come back as {@link TensorRef}s, storages are resolved by the caller's persistent-id
 * loader; reading their bytes happens later, once the whole pickle has been accepted.
 *
 * <p>Python values map to: None → null, bool → Boolean, int → Long (BigInteger beyond 64 bits), float → Double,
 * str → String, tuple → {@link PyTuple}, list → ArrayList, dict and OrderedDict → LinkedHashMap, set →
 * LinkedHashSet.
 */
final class Unpickler {

    /** Turns a persistent id (torch: {@code ('storage', type, key, location, numel[, view])}) into an object. */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(PyTuple pid, Unpickler at) throws TorchFormatException;
    }

    private static final int MAX_LINE = 1024;

    private final InputStream in;
    private final String file;
    private final String record;
    private final PersistentLoader persistent;
    private final Map<Long, Object> memo = new HashMap<>();
    private final ArrayDeque<ArrayList<Object>> marks = new ArrayDeque<>();
    private ArrayList<Object> stack = new ArrayList<>();
    private long pos;
    private long opStart;

    /**
     * @param file the checkpoint, for messages
     * @param record where in it the pickle is ({@code archive/data.pkl}, {@code the state dict pickle}), for messages
     */
    Unpickler(InputStream in, String file, String record, PersistentLoader persistent) {
        this.in = in;
        this.file = file;
        this.record = record;
        this.persistent = persistent;
    }

    /** Reads one pickle, up to and including its STOP opcode; the stream stays just after it. */
    Object load() throws IOException {
        while (true) {
            opStart = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) {
                        throw fail("pickle protocol " + proto + " is not one Python writes (0..5)");
                    }
                }
                case '.' -> { // STOP
                    Object result = pop();
                    if (!marks.isEmpty() || !stack.isEmpty()) {
                        throw fail("STOP with " + (stack.size() + marks.size()) + " values left on the stack");
                    }
                    return result;
                }
                case '(' -> { // MARK
                    marks.push(stack);
                    stack = new ArrayList<>();
                }
                case 'c' -> push(global(line("module name"), line("global name")));
                case 'q' -> memo.put((long) u8(), top()); // BINPUT
                case 'r' -> memo.put(u32(), top()); // LONG_BINPUT
                case 'h' -> push(memoGet(u8())); // BINGET
                case 'j' -> push(memoGet(u32())); // LONG_BINGET
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case ')' -> push(new PyTuple(List.of())); // EMPTY_TUPLE
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 't' -> push(new PyTuple(popMark())); // TUPLE
                case 0x85 -> push(new PyTuple(popN(1))); // TUPLE1
                case 0x86 -> push(new PyTuple(popN(2))); // TUPLE2
                case 0x87 -> push(new PyTuple(popN(3))); // TUPLE3
                case 'X' -> push(new String(bytes(u32(), "BINUNICODE string"), StandardCharsets.UTF_8));
                // Python 2 str; torch.load decodes these as UTF-8 by default.
                case 'U' -> push(new String(bytes(u8(), "SHORT_BINSTRING string"), StandardCharsets.UTF_8));
                case 'J' -> push((long) (u8() | u8() << 8 | u8() << 16 | u8() << 24)); // BININT, signed
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push((long) (u8() | u8() << 8)); // BININT2
                case 0x8a -> push(long1(bytes(u8(), "LONG1 integer"))); // LONG1
                case 'G' -> { // BINFLOAT: big-endian, unlike everything else in a pickle
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = bits << 8 | u8();
                    }
                    push(Double.longBitsToDouble(bits));
                }
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'N' -> push(null); // NONE
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object func = pop();
                    push(call(func, args));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    push(newObj(cls, args));
                }
                case 'b' -> build(pop(), top()); // BUILD
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    dict(top(), "SETITEM").put(key(k), v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> kv = popMark();
                    if (kv.size() % 2 != 0) {
                        throw fail("SETITEMS with an odd number of values (" + kv.size() + ")");
                    }
                    Map<Object, Object> d = dict(top(), "SETITEMS");
                    for (int i = 0; i < kv.size(); i += 2) {
                        d.put(key(kv.get(i)), kv.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(top(), "APPEND").add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(top(), "APPENDS").addAll(items);
                }
                case 'Q' -> { // BINPERSID
                    Object pid = pop();
                    if (!(pid instanceof PyTuple t)) {
                        throw fail("persistent id must be a tuple, received " + typeName(pid));
                    }
                    push(persistent.load(t, this));
                }
                default -> throw fail(String.format("unsupported pickle opcode 0x%02x%s (only the protocol-2 "
                        + "opcodes of a tensor state dict are read)", op,
                        op >= 0x20 && op < 0x7f ? " '" + (char) op + "'" : ""));
            }
        }
    }

    /** An error naming the file, the pickle and the byte offset of the opcode being read. */
    TorchFormatException fail(String message) {
        return new TorchFormatException(file + ": " + record + ", byte " + opStart + ": " + message);
    }

    // ---------------------------------------------------------------- globals and calls

    private Object global(String module, String name) throws TorchFormatException {
        Object g = PyGlobal.resolve(module, name);
        if (g == null) {
            // The message TorchCheckpoints documents; no location so it reads the same for every container.
            throw new TorchFormatException(file + ": refusing to load global '" + module + "." + name
                    + "' (only state dicts of tensors are supported)");
        }
        return g;
    }

    private Object call(Object func, Object argsObj) throws TorchFormatException {
        if (!(argsObj instanceof PyTuple args)) {
            throw fail("REDUCE arguments must be a tuple, received " + typeName(argsObj));
        }
        if (!(func instanceof PyGlobal g)) {
            throw fail("REDUCE can call only " + allowedCallables() + "; received " + typeName(func));
        }
        return switch (g) {
            case ORDERED_DICT -> orderedDict(args);
            case SIZE -> {
                if (args.size() != 1 || !(args.get(0) instanceof PyTuple dims)) {
                    throw fail("torch.Size expects one tuple argument, received " + args.size() + " arguments");
                }
                yield dims;
            }
            case REBUILD_TENSOR_V2 -> {
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (args.size() != 6 && args.size() != 7) {
                    throw fail("_rebuild_tensor_v2 expects 6 or 7 arguments, received " + args.size());
                }
                if (!(args.get(4) instanceof Boolean)) {
                    throw fail("_rebuild_tensor_v2: requires_grad must be a bool, received " + typeName(args.get(4)));
                }
                if (!(args.get(5) instanceof Map<?, ?>)) {
                    throw fail("_rebuild_tensor_v2: backward_hooks must be an OrderedDict, received "
                            + typeName(args.get(5)));
                }
                yield tensor(args, "_rebuild_tensor_v2");
            }
            case REBUILD_TENSOR -> {
                if (args.size() != 4) {
                    throw fail("_rebuild_tensor expects 4 arguments, received " + args.size());
                }
                yield tensor(args, "_rebuild_tensor");
            }
            case REBUILD_PARAMETER -> {
                // (data, requires_grad, backward_hooks): a Parameter is its data here.
                if (args.size() != 3 || !(args.get(0) instanceof TensorRef t)) {
                    throw fail("_rebuild_parameter expects (tensor, requires_grad, backward_hooks), received "
                            + args.size() + " arguments" + (args.size() > 0 ? " starting with "
                            + typeName(args.get(0)) : ""));
                }
                yield t;
            }
        };
    }

    private Map<Object, Object> orderedDict(PyTuple args) throws TorchFormatException {
        Map<Object, Object> d = new LinkedHashMap<>();
        if (args.size() == 0) {
            return d;
        }
        if (args.size() == 1 && args.get(0) instanceof Map<?, ?> m) {
            d.putAll(m);
            return d;
        }
        if (args.size() == 1 && args.get(0) instanceof Collection<?> pairs) {
            for (Object p : pairs) {
                if (!(p instanceof PyTuple kv) || kv.size() != 2) {
                    throw fail("OrderedDict expects (key, value) pairs, received " + typeName(p));
                }
                d.put(key(kv.get(0)), kv.get(1));
            }
            return d;
        }
        throw fail("OrderedDict expects no argument, a dict or a list of pairs; received " + args.size()
                + " arguments");
    }

    private TensorRef tensor(PyTuple args, String fn) throws TorchFormatException {
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw fail(fn + ": the first argument must be a storage (a persistent id), received "
                    + typeName(args.get(0)));
        }
        long offset = integer(args.get(1), fn + " storage_offset");
        long[] size = ints(args.get(2), fn + " size");
        long[] stride = ints(args.get(3), fn + " stride");
        if (size.length != stride.length) {
            throw fail(fn + ": size has " + size.length + " dimensions but stride has " + stride.length);
        }
        return new TensorRef(storage, offset, size, stride);
    }

    private Object newObj(Object cls, Object args) throws TorchFormatException {
        // Only OrderedDict is a class among the allowed globals; cls.__new__(cls) is an empty one.
        if (cls == PyGlobal.ORDERED_DICT && args instanceof PyTuple t && t.size() == 0) {
            return new LinkedHashMap<>();
        }
        throw fail("NEWOBJ can create only an empty collections.OrderedDict, received " + typeName(cls));
    }

    private void build(Object state, Object inst) throws TorchFormatException {
        // OrderedDict state: torch puts {'_metadata': ...} (module versions) there; Vireo has no use for it.
        if (inst instanceof Map<?, ?> && (state == null || state instanceof Map<?, ?>)) {
            return;
        }
        throw fail("BUILD can set only the attributes of an OrderedDict, received " + typeName(inst)
                + " with state " + typeName(state));
    }

    private static String allowedCallables() {
        StringBuilder sb = new StringBuilder();
        for (PyGlobal g : PyGlobal.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(g.qualifiedName());
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- value checks

    long integer(Object o, String what) throws TorchFormatException {
        if (o instanceof Long v) {
            return v;
        }
        throw fail(what + " must be an int in the int64 range, received " + typeName(o));
    }

    private long[] ints(Object o, String what) throws TorchFormatException {
        if (!(o instanceof PyTuple t)) {
            throw fail(what + " must be a tuple of ints, received " + typeName(o));
        }
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = integer(t.get(i), what + "[" + i + "]");
        }
        return v;
    }

    private Map<Object, Object> dict(Object o, String op) throws TorchFormatException {
        if (o instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) o;
            return m;
        }
        throw fail(op + " needs a dict, received " + typeName(o));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, String op) throws TorchFormatException {
        if (o instanceof ArrayList<?>) {
            return (List<Object>) o;
        }
        throw fail(op + " needs a list, received " + typeName(o));
    }

    /**
     * A dict key: Python refuses unhashable ones, and so do we (a mutable key could change under the map, and a
     * list that contains itself would hash forever). Tuples are hashable when their items are.
     */
    private Object key(Object k) throws TorchFormatException {
        checkHashable(k, 0);
        return k;
    }

    private void checkHashable(Object k, int depth) throws TorchFormatException {
        if (k instanceof Map<?, ?> || k instanceof List<?> || k instanceof Set<?>) {
            throw fail("unhashable dict key of type " + typeName(k));
        }
        if (k instanceof PyTuple t) {
            if (depth > ObjectTree.MAX_DEPTH) {
                throw fail("dict key nests tuples deeper than " + ObjectTree.MAX_DEPTH + " levels");
            }
            for (Object item : t.items()) {
                checkHashable(item, depth + 1);
            }
        }
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        } else if (o instanceof String) {
            return "str";
        } else if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        } else if (o instanceof Double) {
            return "float";
        } else if (o instanceof Boolean) {
            return "bool";
        } else if (o instanceof PyTuple t) {
            return "tuple of " + t.size();
        } else if (o instanceof List<?>) {
            return "list";
        } else if (o instanceof Map<?, ?>) {
            return "dict";
        } else if (o instanceof Set<?>) {
            return "set";
        } else if (o instanceof PyGlobal g) {
            return g.qualifiedName();
        } else if (o instanceof StorageType s) {
            return "torch." + s.className;
        } else if (o instanceof StorageRef) {
            return "storage";
        } else if (o instanceof TensorRef) {
            return "tensor";
        }
        return o.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- stack and memo

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws TorchFormatException {
        if (stack.isEmpty()) {
            throw fail("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() throws TorchFormatException {
        if (stack.isEmpty()) {
            throw fail("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) throws TorchFormatException {
        if (stack.size() < n) {
            throw fail("stack underflow");
        }
        List<Object> tail = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(tail);
        tail.clear();
        return items;
    }

    private List<Object> popMark() throws TorchFormatException {
        if (marks.isEmpty()) {
            throw fail("no MARK to pop to");
        }
        List<Object> items = stack;
        stack = marks.pop();
        return items;
    }

    private Object memoGet(long i) throws TorchFormatException {
        if (!memo.containsKey(i)) {
            throw fail("memo entry " + i + " is read before it is written");
        }
        return memo.get(i);
    }

    // ---------------------------------------------------------------- bytes

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new TorchFormatException(file + ": " + record + " is truncated at byte " + pos
                    + " (no STOP opcode)", new EOFException());
        }
        pos++;
        return b;
    }

    private long u32() throws IOException {
        return u8() | (long) u8() << 8 | (long) u8() << 16 | (long) u8() << 24;
    }

    private byte[] bytes(long n, String what) throws IOException {
        if (n > Integer.MAX_VALUE - 8) {
            throw fail(what + " of " + n + " bytes is larger than Vireo reads");
        }
        // readNBytes grows its buffer as data arrives, so a forged length cannot allocate gigabytes up front.
        byte[] b = in.readNBytes((int) n);
        pos += b.length;
        if (b.length != n) {
            throw new TorchFormatException(file + ": " + record + " is truncated at byte " + pos + " (a " + what
                    + " of " + n + " bytes has only " + b.length + ")");
        }
        return b;
    }

    private String line(String what) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = u8(); c != '\n'; c = u8()) {
            if (sb.length() >= MAX_LINE) {
                throw fail(what + " of GLOBAL is longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c); // module and global names are ASCII
        }
        return sb.toString();
    }

    /** Little-endian two's complement, as LONG1 stores it; a Long when it fits. */
    private static Object long1(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
