package vireo.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import vireo.autograd.GradMode;
import vireo.tensor.Tensor;

/**
 * The base of every layer and model, like {@code torch.nn.Module}: parameters, buffers and child modules registered
 * by name, so that {@link #stateDict()} keys are exactly PyTorch's ({@code conv1.weight},
 * {@code layer1.0.downsample.1.running_mean}, {@code bn1.num_batches_tracked}).
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 10, 5));
 *     final Linear fc1 = registerModule("fc1", new Linear(1440, 10));
 *
 *     public Tensor forward(Tensor x) {
 *         x = F.relu(F.maxPool2d(conv1.call(x), 2));
 *         return F.logSoftmax(fc1.call(x.flatten(1, -1)), 1);
 *     }
 * }
 * Tensor out = new Net().call(Tensor.randn(64, 1, 28, 28));   // [64, 10]
 * }</pre>
 *
 * <p>Registration order is iteration order everywhere (parameters, buffers, children, state dict), as in PyTorch.
 * Registering a name again replaces the entry in place. A parameter or buffer may be registered as {@code null}
 * (like {@code bias=None}); it then appears nowhere.
 */
public abstract class Module {

    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new HashSet<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private List<ForwardHook> forwardHooks; // null until a hook is registered: call() stays a field read

    /** The computation. Layers validate their input here and throw {@link InputShapeException} when it is wrong. */
    public abstract Tensor forward(Tensor x);

    /**
     * Runs {@link #forward}, like calling a PyTorch module. A shape error from any module below is rethrown with
     * that module's path and type: {@code fc1 (Linear): expected input [*, 320], received [64, 500]}.
     */
    public final Tensor call(Tensor x) {
        Tensor y;
        try {
            y = forward(x);
        } catch (InputShapeException e) {
            e.locate(this);
            throw e;
        }
        if (forwardHooks != null) {
            for (ForwardHook h : List.copyOf(forwardHooks)) {
                h.afterForward(this, x, y);
            }
        }
        return y;
    }

    /** Whether a forward hook is registered on this module (not its descendants). */
    final boolean hasForwardHooks() {
        return forwardHooks != null;
    }

    /**
     * Calls {@code hook} after every {@link #call} of this module (not its descendants; register on each of
     * {@link #modules()} to trace a whole model), in registration order, until the returned handle is closed.
     * Registering and removing hooks is not thread-safe; do it while the model is not running.
     */
    public final ForwardHook.Handle registerForwardHook(ForwardHook hook) {
        if (hook == null) {
            throw new IllegalArgumentException(typeName() + ": expected a hook, received null");
        }
        if (forwardHooks == null) {
            forwardHooks = new ArrayList<>();
        }
        forwardHooks.add(hook);
        return () -> {
            if (forwardHooks != null) {
                // By identity: the same lambda registered twice is two registrations, removed one at a time.
                for (int i = 0; i < forwardHooks.size(); i++) {
                    if (forwardHooks.get(i) == hook) {
                        forwardHooks.remove(i);
                        break;
                    }
                }
                if (forwardHooks.isEmpty()) {
                    forwardHooks = null;
                }
            }
        };
    }

    // ------------------------------------------------------------ registration

    /** Registers (or replaces) a parameter; a non-null tensor is marked as requiring a gradient. Returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name, parameters);
        if (value != null && value.isLeaf() && !value.requiresGrad()) {
            value.requiresGrad(true);
        }
        parameters.put(name, value);
        return value;
    }

    /** Registers (or replaces) a persistent buffer: state that is saved but not trained, like running means. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        return registerBuffer(name, value, true);
    }

    /** Registers a buffer; a non-persistent one is left out of {@link #stateDict()}. Returns it. */
    protected final Tensor registerBuffer(String name, Tensor value, boolean persistent) {
        checkName(name, buffers);
        buffers.put(name, value);
        if (persistent) {
            nonPersistent.remove(name);
        } else {
            nonPersistent.add(name);
        }
        return value;
    }

    /** Registers (or replaces) a child module under {@code name}; returns it so fields can be initialised inline. */
    public final <M extends Module> M registerModule(String name, M module) {
        checkName(name, children);
        children.put(name, module);
        return module;
    }

    private void checkName(String name, Map<String, ?> own) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(typeName() + ": a member name must be non-empty and contain no '.', "
                    + "received \"" + name + "\"");
        }
        boolean taken = (own != parameters && parameters.containsKey(name))
                || (own != buffers && buffers.containsKey(name))
                || (own != children && children.containsKey(name));
        if (taken) {
            throw new IllegalArgumentException(typeName() + ": attribute \"" + name + "\" already exists as another "
                    + "kind of member (parameter, buffer or module)");
        }
    }

    /** This module's own parameter {@code name} (null when absent or registered as null). */
    protected final Tensor localParameter(String name) {
        return parameters.get(name);
    }

    /** This module's own buffer {@code name}. */
    protected final Tensor localBuffer(String name) {
        return buffers.get(name);
    }

    // ------------------------------------------------------------ traversal

    /** All parameters of this module and its descendants, each shared tensor once, in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name ({@code conv1.weight}), in registration order. */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        return collect(true);
    }

    /** All buffers (persistent or not) of this module and its descendants. */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public final LinkedHashMap<String, Tensor> namedBuffers() {
        return collect(false);
    }

    private LinkedHashMap<String, Tensor> collect(boolean params) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> {
            Map<String, Tensor> own = params ? m.parameters : m.buffers;
            own.forEach((name, t) -> {
                if (t != null && seen.add(t)) {
                    out.put(prefix.isEmpty() ? name : prefix + "." + name, t);
                }
            });
        });
        return out;
    }

    /** The immediate children, in registration order. */
    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    public final LinkedHashMap<String, Module> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    /** This module and all its descendants, pre-order, each once. */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** Descendants by dotted path; this module is {@code ""}. */
    public final LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk("", this, out, seen);
        return out;
    }

    private static void walk(String prefix, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) {
            return;
        }
        out.put(prefix, m);
        m.children.forEach((name, child) -> {
            if (child != null) {
                walk(prefix.isEmpty() ? name : prefix + "." + name, child, out, seen);
            }
        });
    }

    // ------------------------------------------------------------ modes and bulk operations

    /** Sets training mode on this module and all descendants (dropout active, batch norm uses batch statistics). */
    public Module train(boolean mode) {
        for (Module m : modules()) {
            m.training = mode;
        }
        return this;
    }

    public Module train() {
        return train(true);
    }

    /** Evaluation mode: dropout off, batch norm uses its running statistics. */
    public Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Calls {@code fn} on every descendant, children first, then on this module (PyTorch's order). */
    public final Module apply(Consumer<Module> fn) {
        for (Module child : children.values()) {
            if (child != null) {
                child.apply(fn);
            }
        }
        fn.accept(this);
        return this;
    }

    /** Freezes ({@code false}) or unfreezes every parameter of this subtree. Batch norm still updates in train mode. */
    public final Module requiresGrad(boolean value) {
        for (Tensor p : parameters()) {
            p.requiresGrad(value);
        }
        return this;
    }

    /** Clears every parameter's gradient (to null, PyTorch's default {@code set_to_none=True}). */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------ state dict

    /**
     * Parameters and persistent buffers by dotted name, in PyTorch's order (a module's own parameters, then its
     * buffers, then each child's). Values share storage with the model and are cut from the graph.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, m) -> {
            String p = prefix.isEmpty() ? "" : prefix + ".";
            m.parameters.forEach((name, t) -> {
                if (t != null) {
                    out.put(p + name, t.detach());
                }
            });
            m.buffers.forEach((name, t) -> {
                if (t != null && !m.nonPersistent.contains(name)) {
                    out.put(p + name, t.detach());
                }
            });
        });
        return out;
    }

    /** {@link #loadStateDict(Map, boolean)} with {@code strict = true}. */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values into this model's existing tensors (so optimizers holding them stay valid). A {@code module.}
     * prefix on every key (saved from {@code DataParallel}) is stripped.
     *
     * <p>Any shape mismatch fails, listing every mis-shaped key with the expected and received shape. With
     * {@code strict}, missing or unexpected keys fail too, listing them all; nothing is copied when it fails.
     * Without {@code strict}, the matching keys are copied and the rest is returned.
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> src = stripDataParallelPrefix(state);
        namedModules().forEach((prefix, m) -> m.beforeLoad(prefix.isEmpty() ? "" : prefix + ".", src));
        LinkedHashMap<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Set<String> optional = optionalKeys();
        for (var e : own.entrySet()) {
            Tensor v = src.get(e.getKey());
            if (v == null) {
                if (!optional.contains(e.getKey())) {
                    missing.add(e.getKey());
                }
            } else if (!Arrays.equals(v.shape(), e.getValue().shape())) {
                mismatched.add("size mismatch for " + e.getKey() + ": expected " + Arrays.toString(e.getValue().shape())
                        + " (in the model), received " + Arrays.toString(v.shape()) + " (in the state dict)");
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : src.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder b = new StringBuilder("Error(s) in loading state_dict for " + typeName() + ":");
            if (strict && !missing.isEmpty()) {
                b.append("\n\tMissing key(s) in state_dict: ").append(quoted(missing)).append('.');
            }
            if (strict && !unexpected.isEmpty()) {
                b.append("\n\tUnexpected key(s) in state_dict: ").append(quoted(unexpected)).append('.');
            }
            for (String s : mismatched) {
                b.append("\n\t").append(s).append('.');
            }
            throw new IllegalArgumentException(b.toString());
        }
        try (var g = GradMode.noGrad()) {
            for (var e : own.entrySet()) {
                Tensor v = src.get(e.getKey());
                if (v != null) {
                    e.getValue().copy_(v);
                }
            }
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private Map<String, Tensor> stripDataParallelPrefix(Map<String, Tensor> state) {
        String prefix = "module.";
        boolean all = !state.isEmpty() && state.keySet().stream().allMatch(k -> k.startsWith(prefix));
        boolean ownHaveIt = namedModules().containsKey("module");
        if (!all || ownHaveIt) {
            return state;
        }
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    private Set<String> optionalKeys() {
        Set<String> out = new HashSet<>();
        namedModules().forEach((prefix, m) -> {
            for (String name : m.buffers.keySet()) {
                if (m.isOptionalStateKey(name)) {
                    out.add(prefix.isEmpty() ? name : prefix + "." + name);
                }
            }
        });
        return out;
    }

    private static String quoted(List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append('"');
        }
        return b.toString();
    }

    /**
     * Called on every module before a state dict is matched, with this module's key prefix. Lazy modules use it to
     * materialise their parameters from the shapes in the state dict, as PyTorch's do.
     */
    protected void beforeLoad(String prefix, Map<String, Tensor> state) {
    }

    /**
     * True for a buffer that old checkpoints may lack without it counting as missing (batch norm's
     * {@code num_batches_tracked}, absent from checkpoints written before PyTorch 0.4.1).
     */
    protected boolean isOptionalStateKey(String localName) {
        return false;
    }

    // ------------------------------------------------------------ printing

    /** The name printed for this module ({@code Linear}); the class name unless a subclass says otherwise. */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /** The settings printed inside the parentheses, PyTorch's {@code extra_repr}: {@code in_features=320, ...}. */
    public String extraRepr() {
        return "";
    }

    /** PyTorch's module printout: the type, its settings, then each child as {@code (name): ...}, indented. */
    @Override
    public String toString() {
        List<String> extra = extraRepr().isEmpty() ? List.of() : List.of(extraRepr().split("\n"));
        List<String> childLines = new ArrayList<>();
        children.forEach((name, m) -> childLines.add("(" + name + "): " + indent(String.valueOf(m))));
        List<String> lines = new ArrayList<>(extra);
        lines.addAll(childLines);
        StringBuilder b = new StringBuilder(typeName()).append('(');
        if (!lines.isEmpty()) {
            if (extra.size() == 1 && childLines.isEmpty()) {
                b.append(extra.get(0));
            } else {
                b.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return b.append(')').toString();
    }

    private static String indent(String s) {
        return s.replace("\n", "\n  ");
    }
}
