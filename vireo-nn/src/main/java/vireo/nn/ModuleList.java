package vireo.nn;

import java.util.Iterator;
import java.util.List;
import vireo.tensor.Tensor;

/**
 * A list of registered modules, PyTorch's {@code nn.ModuleList}: its members' parameters and state-dict keys
 * ({@code blocks.0.weight}) belong to the owner, and the owner's {@code forward} decides how to use them.
 */
public class ModuleList extends Module implements Iterable<Module> {

    public ModuleList(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    public ModuleList(List<? extends Module> modules) {
        modules.forEach(this::add);
    }

    public ModuleList add(Module m) {
        registerModule(Integer.toString(size()), m);
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        return children().get(wrap(index));
    }

    public void set(int index, Module m) {
        registerModule(Integer.toString(wrap(index)), m);
    }

    public int size() {
        return namedChildren().size();
    }

    private int wrap(int index) {
        int n = size();
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("ModuleList: index " + index + " is out of range for " + n + " modules");
        }
        return i;
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }

    /** A container has no computation of its own (PyTorch raises NotImplementedError likewise). */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("ModuleList has no forward(); iterate over it in the owner's forward");
    }
}
