package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;

class ForwardHookTest {

    @Test
    void hooksSeeEveryCallInOrderIncludingSequentialChildren() {
        var net = new ModuleTest.BnNet();
        net.eval();
        Map<Module, String> names = new IdentityHashMap<>();
        net.namedModules().forEach((k, v) -> names.put(v, k.isEmpty() ? "(root)" : k));
        List<String> seen = new ArrayList<>();
        List<ForwardHook.Handle> handles = new ArrayList<>();
        for (Module m : net.modules()) {
            handles.add(m.registerForwardHook((mod, in, out) ->
                    seen.add(names.get(mod) + " " + Arrays.toString(out.shape()))));
        }
        Tensor y = net.call(Tensor.rand(2, 3, 4, 4));
        assertEquals(List.of("conv1 [2, 8, 4, 4]", "bn1 [2, 8, 4, 4]", "head.0 [2, 128]", "head.1 [2, 5]",
                "head.2 [2, 5]", "head [2, 5]", "(root) [2, 5]"), seen);

        handles.forEach(ForwardHook.Handle::close);
        handles.get(0).close(); // twice is harmless
        seen.clear();
        net.call(Tensor.rand(2, 3, 4, 4));
        assertEquals(List.of(), seen);
        assertEquals(List.of(2, 5), Arrays.stream(y.shape()).boxed().toList());
    }

    @Test
    void theHookGetsTheModuleItsInputAndItsOutput() {
        var lin = new Linear(3, 2);
        Tensor x = Tensor.rand(4, 3);
        Tensor[] got = new Tensor[2];
        try (var h = lin.registerForwardHook((m, in, out) -> {
            assertSame(lin, m);
            got[0] = in;
            got[1] = out;
        })) {
            Tensor y = lin.call(x);
            assertSame(x, got[0]);
            assertSame(y, got[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> lin.registerForwardHook(null));
    }

    @Test
    void shapeErrorsInSequentialChildrenStillNameTheirPath() {
        var net = new ModuleTest.BnNet();
        var e = assertThrows(InputShapeException.class, () -> net.call(Tensor.rand(2, 3, 5, 5)));
        assertTrue(e.getMessage().startsWith("head.1 (Linear): "), e.getMessage());
    }
}
