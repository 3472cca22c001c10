package vireo.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;

class MetricsTest {

    // 5 samples, 3 classes. Row argmaxes: 2, 0, 1, 0 (tie between 0 and 2 -> 0), 1.
    static final Tensor SCORES = Tensor.fromArray(new float[]{
        0.1f, 0.2f, 0.7f,
        2.0f, -1f, 0.5f,
        -3f, 4f, 1f,
        0.5f, 0.1f, 0.5f,
        0.3f, 0.6f, 0.1f}, 5, 3);
    static final Tensor TARGETS = Tensor.fromArray(new long[]{2, 1, 1, 2, 0}, 5);

    @Test
    void accuracyTakesTheFirstMaximum() {
        assertEquals(2.0 / 5, Metrics.accuracy(SCORES, TARGETS));
        assertEquals(2.0 / 5, Metrics.accuracy(SCORES.softmax(1), TARGETS));
        assertEquals(0.6, Metrics.accuracy(Tensor.fromArray(new long[]{2, 1, 1, 0, 1}, 5), TARGETS));
    }

    @Test
    void topKCountsTargetsAmongTheHighestScores() {
        assertEquals(Metrics.accuracy(SCORES, TARGETS), Metrics.topKAccuracy(SCORES, TARGETS, 1));
        // k=2: row1 target 1 ranks 3rd (no); row3 target 2 ties with 0, ranks 2nd (yes); row4 target 0 ranks 2nd (yes).
        assertEquals(4.0 / 5, Metrics.topKAccuracy(SCORES, TARGETS, 2));
        assertEquals(1.0, Metrics.topKAccuracy(SCORES, TARGETS, 3));
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(SCORES, TARGETS, 4));
    }

    @Test
    void confusionMatrixHasTrueClassesAsRows() {
        long[][] cm = Metrics.confusionMatrix(SCORES, TARGETS, 3);
        assertArrayEquals(new long[]{0, 1, 0}, cm[0]);
        assertArrayEquals(new long[]{1, 1, 0}, cm[1]);
        assertArrayEquals(new long[]{1, 0, 1}, cm[2]);
        Tensor t = Metrics.confusionMatrixTensor(SCORES, TARGETS, 3);
        assertArrayEquals(new int[]{3, 3}, t.shape());
        assertArrayEquals(new long[]{0, 1, 0, 1, 1, 0, 1, 0, 1}, t.toLongArray());
        assertArrayEquals(new double[]{0, 0.5, 0.5}, Metrics.perClassAccuracy(cm));
        // Views with an offset (rows 1-2: argmax 0 and 1, targets 1 and 1); classes 0 and 2 have no samples.
        double[] withEmpty = Metrics.perClassAccuracy(SCORES.narrow(0, 1, 2), TARGETS.narrow(0, 1, 2), 3);
        assertTrue(Double.isNaN(withEmpty[0]) && Double.isNaN(withEmpty[2]));
        assertEquals(0.5, withEmpty[1]);
    }

    @Test
    void badInputsSayWhatWasExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(SCORES, Tensor.fromArray(new long[]{0, 1}, 2)));
        assertTrue(e.getMessage().contains("[2, C]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(SCORES, Tensor.of(0, 1, 2, 0, 1)));
        assertTrue(e.getMessage().contains("int64 targets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.confusionMatrix(SCORES, Tensor.fromArray(new long[]{0, 1, 5, 0, 1}, 5), 3));
        assertTrue(e.getMessage().contains("target 5 at row 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(SCORES, TARGETS, 4));
    }
}
