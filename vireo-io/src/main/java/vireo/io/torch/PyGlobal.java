package vireo.io.torch;

/**
 * The callables of the allow-list (besides the {@link StorageType} classes, which are never called, only named in
 * persistent ids). Nothing a pickle names is ever looked up or run: a name outside this list is refused, and
 * these few are implemented here in Java.
 */
enum PyGlobal {
    ORDERED_DICT("collections", "OrderedDict"),
    REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
    /** The pre-0.4 form (no requires_grad, no hooks), found in old legacy-format files; torch allows it too. */
    REBUILD_TENSOR("torch._utils", "_rebuild_tensor"),
    REBUILD_PARAMETER("torch._utils", "_rebuild_parameter"),
    SIZE("torch", "Size");

    final String module;
    final String name;

    PyGlobal(String module, String name) {
        this.module = module;
        this.name = name;
    }

    String qualifiedName() {
        return module + "." + name;
    }

    /**
     * The allowed global {@code module.name}: a {@code PyGlobal}, a {@link StorageType}, or null when the name is
     * not allowed.
     */
    static Object resolve(String module, String name) {
        for (PyGlobal g : values()) {
            if (g.module.equals(module) && g.name.equals(name)) {
                return g;
            }
        }
        return module.equals("torch") ? StorageType.forClassName(name) : null;
    }
}
