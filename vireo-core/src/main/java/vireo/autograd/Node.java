package vireo.autograd;

import vireo.tensor.Tensor;

/**
 * One recorded op: what produced a tensor, the inputs it read, and its derivative rule, written next to the
 * op's forward code. The rule gets the gradient of the output and returns one gradient per input (null where
 * an input needs none). {@link Engine#backward} drops the rule after use unless the graph is retained.
 */
public final class Node {

    /** The chain rule of one op: output gradient to input gradients, already reduced to each input's shape. */
    @FunctionalInterface
    public interface Rule {
        Tensor[] apply(Tensor gradOutput);
    }

    private final String op;
    private final Tensor[] inputs;
    private Rule rule;

    public Node(String op, Tensor[] inputs, Rule rule) {
        this.op = op;
        this.inputs = inputs;
        this.rule = rule;
    }

    public String op() {
        return op;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] apply(Tensor grad) {
        if (rule == null) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time (or directly "
                    + "access saved tensors after they have already been freed) at op '" + op + "'. Pass "
                    + "retainGraph=true to the first backward() if you need to backward twice.");
        }
        return rule.apply(grad);
    }

    void free() {
        rule = null;
    }
}
