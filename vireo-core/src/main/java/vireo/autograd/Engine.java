package vireo.autograd;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Reverse-mode differentiation over the recorded graph. Iterative throughout (an explicit stack for the
 * topological sort), so a chain of any depth runs in constant Java stack.
 */
public final class Engine {

    private Engine() {
    }

    /**
     * Propagates {@code grad} (the gradient of some scalar w.r.t. {@code root}) back to every leaf that requires
     * a gradient, accumulating into the leaves' {@code grad()}.
     *
     * @param retainGraph keep the derivative rules so that backward can run through this graph again
     */
    public static void backward(Tensor root, Tensor grad, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: element 0 of tensors does not require grad and does not have a "
                    + "grad_fn (did you call it inside a no-grad scope, or on a detached tensor?)");
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, grad);
        try (var scope = GradMode.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                Node node = t.gradFn();
                if (node == null) {
                    t.accumulateGrad(g);
                    continue;
                }
                Tensor[] inputs = node.inputs();
                Tensor[] inGrads = node.apply(g);
                if (!retainGraph) {
                    node.free();
                }
                for (int k = 0; k < inputs.length; k++) {
                    Tensor in = inputs[k];
                    Tensor gi = inGrads[k];
                    if (in == null || gi == null || !in.requiresGrad()) {
                        continue;
                    }
                    grads.merge(in, gi, Tensor::add);
                }
            }
        }
    }

    /** Post-order over tensors reachable through recorded nodes (inputs before the tensors computed from them). */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.gradFn();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) {
                    stack.push(new Object[]{in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
