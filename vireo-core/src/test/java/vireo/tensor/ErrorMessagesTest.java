package vireo.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Shape errors name the op and say what was expected and what was received. */
class ErrorMessagesTest {

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void addWithShapesThatDoNotBroadcast() {
        assertMessage(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add", "[2, 3]", "[4]", "3 vs 4");
        assertMessage(() -> Tensor.zeros(5, 1, 3).mul(Tensor.zeros(2, 2)), "mul", "[5, 1, 3]", "[2, 2]");
        Tensor flags = Tensor.of(1, 0, 1).gt(0f);
        assertMessage(() -> flags.sub(flags), "sub", "two bool tensors", "ne");
        assertMessage(() -> flags.pow(flags), "pow", "two bool tensors", "float32");
    }

    @Test
    void matmulWithMismatchedInnerDimensions() {
        assertMessage(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]", "3 != 4");
        assertMessage(() -> Tensor.zeros(7, 2, 3).matmul(Tensor.zeros(7, 4, 5)), "matmul", "[7, 2, 3]", "[7, 4, 5]");
        assertMessage(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "3", "4");
        assertMessage(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)), "matmul", "[2]", "[3]");
        assertMessage(() -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(3, 4, 5)), "bmm", "[2, 3, 4]", "[3, 4, 5]");
    }

    @Test
    void conv2dWithWrongChannelsRankOrBias() {
        int[] one = {1, 1};
        int[] noPad = {0, 0, 0, 0};
        assertMessage(() -> NNOps.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(4, 3, 3, 3), null, one, noPad, one, 1),
                "conv2d", "3 channels", "got 2");
        assertMessage(() -> NNOps.conv2d(Tensor.zeros(2, 5, 5), Tensor.zeros(4, 2, 3, 3), null, one, noPad, one, 1),
                "conv2d", "4-D", "[2, 5, 5]");
        assertMessage(() -> NNOps.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(4, 2, 3, 3), Tensor.zeros(3), one, noPad,
                one, 1), "conv2d", "bias", "[4]", "[3]");
        assertMessage(() -> NNOps.conv2d(Tensor.zeros(1, 2, 2, 2), Tensor.zeros(4, 2, 3, 3), null, one, noPad, one, 1),
                "conv2d", "[1, 2, 2, 2]", "3x3");
        assertMessage(() -> NNOps.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 2, 3, 3), null, one, noPad, one, 2),
                "conv2d", "groups", "out_channels=3");
    }

    @Test
    void catWithMismatchedSizesOrRanks() {
        assertMessage(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0),
                "cat", "dimension 0", "Expected size 3", "got size 4", "tensor number 1");
        assertMessage(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3)), 0), "cat", "expected 2", "received 1");
        assertMessage(() -> Tensor.stack(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0), "stack", "[2, 3]", "[3, 2]");
    }

    @Test
    void viewsAndReductionsNameWhatTheyReceived() {
        assertMessage(() -> Tensor.zeros(2, 3).view(4, 2), "view", "[4, 2]", "6");
        assertMessage(() -> Tensor.zeros(2, 3).t().view(6), "view", "[6]", "reshape");
        assertMessage(() -> Tensor.zeros(2, 3).sum(2), "sum", "[-2, 1]", "2");
        assertMessage(() -> Tensor.zeros(2, 3).expand(4, 4), "expand", "4", "3");
        assertMessage(() -> Tensor.zeros(2, 3).permute(0), "permute", "expected 2", "received 1");
    }
}
