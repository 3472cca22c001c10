package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;
import vireo.vision.models.Predictions.Prediction;

class PredictionsTest {

    /** Logits with known winners: row 0 favours 207 then 1, row 1 favours 999 then 0. */
    static Tensor logits() {
        float[] v = new float[2 * 1000];
        v[207] = 3f;
        v[1] = 2f;
        v[1000 + 999] = 5f;
        v[1000] = 4f;
        v[1000 + 5] = -1f;
        return Tensor.fromArray(v, 2, 1000);
    }

    @Test
    void topKOfLogitsGoesThroughSoftmax() {
        List<List<Prediction>> out = Predictions.decode(logits(), 3);
        assertEquals(2, out.size());
        // Row 0: softmax of 3, 2 and 998 zeros.
        double z0 = Math.exp(3) + Math.exp(2) + 998;
        List<Prediction> r0 = out.get(0);
        assertEquals(207, r0.get(0).index());
        assertEquals("golden retriever", r0.get(0).name());
        assertEquals(Math.exp(3) / z0, r0.get(0).probability(), 1e-6);
        assertEquals(1, r0.get(1).index());
        assertEquals("goldfish", r0.get(1).name());
        assertEquals(Math.exp(2) / z0, r0.get(1).probability(), 1e-6);
        // The rest tie at 1/z0: the lowest index comes first.
        assertEquals(0, r0.get(2).index());
        assertEquals("tench", r0.get(2).name());
        assertEquals(1 / z0, r0.get(2).probability(), 1e-7);

        double z1 = Math.exp(5) + Math.exp(4) + Math.exp(-1) + 997;
        List<Prediction> r1 = out.get(1);
        assertEquals(List.of(999, 0, 1), r1.stream().map(Prediction::index).toList());
        assertEquals("toilet tissue", r1.get(0).name());
        assertEquals(Math.exp(5) / z1, r1.get(0).probability(), 1e-6);
        assertEquals(Math.exp(4) / z1, r1.get(1).probability(), 1e-6);
    }

    @Test
    void probabilitiesAreTakenAsTheyAre() {
        float[] p = new float[1000];
        p[3] = 0.5f;
        p[7] = 0.3f;
        p[9] = 0.2f;
        List<Prediction> top = Predictions.decode(Tensor.fromArray(p, 1000), 2).get(0);
        assertEquals(new Prediction(3, ImageNetClasses.name(3), 0.5f), top.get(0));
        assertEquals(new Prediction(7, ImageNetClasses.name(7), 0.3f), top.get(1));
        // The same values scaled are not a distribution: softmax, so no longer 0.5.
        float[] q = p.clone();
        q[3] = 5f;
        Prediction first = Predictions.decode(Tensor.fromArray(q, 1, 1000), 1).get(0).get(0);
        assertEquals(3, first.index());
        assertEquals(Math.exp(5) / (Math.exp(5) + Math.exp(0.3) + Math.exp(0.2) + 997), first.probability(), 1e-6);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        Tensor big = Tensor.fromArray(new float[]{1000f, 999f, -1000f}, 1, 3);
        List<Prediction> top = Predictions.decode(big, 3, List.of("a", "b", "c")).get(0);
        assertEquals(List.of("a", "b", "c"), top.stream().map(Prediction::name).toList());
        assertEquals(1 / (1 + Math.exp(-1)), top.get(0).probability(), 1e-6);
        assertEquals(0f, top.get(2).probability());
    }

    @Test
    void customHeadsNameTheirOwnClasses() {
        Tensor logits = Tensor.fromArray(new float[]{0.1f, 2.0f, -3f}, 1, 3);
        List<Prediction> top = Predictions.decode(logits, 1, List.of("cat", "dog", "bird")).get(0);
        assertEquals(1, top.size());
        assertEquals("dog", top.get(0).name());
    }

    @Test
    void mistakesAreExplained() {
        Tensor three = Tensor.fromArray(new float[]{1, 2, 3}, 1, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Predictions.decode(three, 1));
        assertEquals("Predictions.decode: expected ImageNet's 1000 classes in the last dimension, received [1, 3]; "
                + "for another head pass its class names", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Predictions.decode(three, 4, List.of("a", "b", "c")));
        assertThrows(IllegalArgumentException.class, () -> Predictions.decode(three, 0, List.of("a", "b", "c")));
        assertThrows(IllegalArgumentException.class, () -> Predictions.decode(three, 1, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class,
                () -> Predictions.decode(Tensor.zeros(1, 1, 3), 1, List.of("a", "b", "c")));
        assertThrows(IllegalArgumentException.class,
                () -> Predictions.decode(Tensor.fromArray(new float[]{Float.NaN, 1, 2}, 3), 1, List.of("a", "b", "c")));
    }
}
