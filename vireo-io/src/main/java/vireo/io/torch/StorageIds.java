package vireo.io.torch;

import java.util.HashMap;
import java.util.Map;

/**
 * The persistent-id loader both formats share: turns {@code ('storage', torch.XStorage, key, location, numel)}
 * (zip) or the same with a sixth {@code view_metadata} item (legacy) into {@link StorageRef}s, and remembers each
 * root storage's type and element count so its bytes can be checked and decoded later. Locations
 * ({@code cpu}, {@code cuda:0}) are accepted and ignored: everything loads to the CPU.
 */
final class StorageIds implements Unpickler.PersistentLoader {

    /** A storage record to read: its type and its element count. */
    record Root(StorageType type, long numel) {
    }

    private final boolean legacy;
    private final Map<String, Root> roots = new HashMap<>();

    StorageIds(boolean legacy) {
        this.legacy = legacy;
    }

    /** The root storages the pickle named, by key. */
    Map<String, Root> roots() {
        return roots;
    }

    @Override
    public Object load(PyTuple pid, Unpickler at) throws TorchFormatException {
        int expected = legacy ? 6 : 5;
        if (pid.size() == 0 || !"storage".equals(pid.get(0))) {
            throw at.fail("only storages may be persistent ids, received one of kind "
                    + (pid.size() == 0 ? "()" : "'" + pid.get(0) + "'"));
        }
        if (pid.size() != expected) {
            throw at.fail("a storage persistent id has " + expected + " items in the " + (legacy ? "legacy" : "zip")
                    + " format, received " + pid.size());
        }
        if (!(pid.get(1) instanceof StorageType type)) {
            throw at.fail("storage type must be a torch.*Storage class, received " + Unpickler.typeName(pid.get(1)));
        }
        if (!(pid.get(2) instanceof String key) || !(pid.get(3) instanceof String location)) {
            throw at.fail("storage key and location must be strings, received "
                    + Unpickler.typeName(pid.get(2)) + " and " + Unpickler.typeName(pid.get(3)));
        }
        long numel = at.integer(pid.get(4), "storage numel");
        if (numel < 0) {
            throw at.fail("storage '" + key + "' has a negative element count " + numel);
        }
        Root prev = roots.putIfAbsent(key, new Root(type, numel));
        if (prev != null && (prev.type != type || prev.numel != numel)) {
            // torch refuses to save two dtypes over one storage, so a file that does this was not written by it
            throw at.fail("storage '" + key + "' is named as " + prev.numel + " x torch." + prev.type.className
                    + " and as " + numel + " x torch." + type.className);
        }
        if (!legacy || pid.get(5) == null) {
            return new StorageRef(type, key, location, numel, 0);
        }
        // Pre-1.0 storage views: (view_key, offset, view_size) in elements of the root storage.
        if (!(pid.get(5) instanceof PyTuple view) || view.size() != 3) {
            throw at.fail("view_metadata must be None or (key, offset, size), received "
                    + Unpickler.typeName(pid.get(5)));
        }
        long offset = at.integer(view.get(1), "view offset");
        long size = at.integer(view.get(2), "view size");
        if (offset < 0 || size < 0 || offset + size > numel) {
            throw at.fail("storage view [" + offset + ", " + offset + "+" + size + ") does not fit storage '" + key
                    + "' of " + numel + " elements");
        }
        return new StorageRef(type, key, location, size, offset);
    }
}
