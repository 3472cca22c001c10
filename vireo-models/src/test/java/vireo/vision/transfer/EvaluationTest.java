package vireo.vision.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.nn.Flatten;
import vireo.nn.Identity;
import vireo.nn.Module;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

class EvaluationTest {

    // Scores for 5 samples of 4 classes; targets 0, 1, 2, 3, 0.
    private static final float[] SCORES = {
        4, 3, 0, 1,   // right
        0, 1, 3, 2,   // wrong: 2 then 3 then 1 (true 1 is third)
        0, 0, 5, 0,   // right
        2, 0, 1, 3,   // right
        1, 2, 0, 3};  // wrong: 3, 1, 0 (true 0 is third)
    private static final long[] TARGETS = {0, 1, 2, 3, 0};

    private static TensorDataset scores() {
        return new TensorDataset(Tensor.wrap(SCORES.clone(), 5, 4), Tensor.wrapLong(TARGETS.clone(), 5));
    }

    @Test
    void metricsAndMistakesInDataSetOrderEvenFromAShuffledLoader() {
        var loader = DataLoader.builder(scores()).batchSize(2).shuffle(true).seed(4).build();
        Evaluation ev = Evaluation.predict(new Identity(), loader);
        assertArrayEquals(TARGETS, ev.targets().toLongArray());
        assertEquals(0.6, ev.accuracy(), 1e-12);
        assertEquals(0.6, ev.topKAccuracy(2), 1e-12);
        assertEquals(1.0, ev.topKAccuracy(3), 1e-12);
        assertEquals(1.0, ev.topKAccuracy(5), 1e-12); // k is capped at the number of classes
        assertArrayEquals(new long[]{1, 0, 0, 1}, ev.confusionMatrix()[0]);
        assertArrayEquals(new long[]{0, 0, 1, 0}, ev.confusionMatrix()[1]);
        assertArrayEquals(new double[]{0.5, 0, 1, 1}, ev.perClassAccuracy(), 1e-12);

        List<Evaluation.Mistake> m = ev.mistakes(3, scores());
        assertEquals(2, m.size());
        assertEquals(1, m.get(0).index());
        assertEquals(1, m.get(0).trueClass());
        assertArrayEquals(new int[]{2, 3, 1}, m.get(0).predicted());
        float[] p = softmax(0, 1, 3, 2);
        assertArrayEquals(new float[]{p[2], p[3], p[1]}, m.get(0).probabilities(), 1e-6f);
        assertNull(m.get(0).path());
        assertEquals(4, m.get(1).index());
        assertArrayEquals(new int[]{3, 1, 0}, m.get(1).predicted());
        assertEquals("#4: true 0, predicted 3 0.644, 1 0.237, 0 0.087", m.get(1).toString());
    }

    @Test
    void testTimeAugmentationAveragesTheSoftmaxOverViews() {
        // Images [N, 1, 2, 3]; the model flattens them into 6 scores, so a flip or a crop changes the scores.
        Tensor x = Tensor.randn(new Generator(3), 4, 1, 2, 3);
        var loader = DataLoader.builder(new TensorDataset(x, Tensor.zeros(4).toLong())).batchSize(3).build();
        Module model = new Flatten();
        Evaluation plain = Evaluation.predict(model, loader);
        Evaluation tta = Evaluation.predict(model, loader, List.of(Tta.identity(), Tta.hflip()));
        float[] xs = x.toFloatArray();
        for (int n = 0; n < 4; n++) {
            float[] a = new float[6];
            float[] b = new float[6];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r * 3 + c] = xs[n * 6 + r * 3 + c];
                    b[r * 3 + c] = xs[n * 6 + r * 3 + (2 - c)];
                }
            }
            float[] pa = softmax(a);
            float[] pb = softmax(b);
            for (int k = 0; k < 6; k++) {
                assertEquals(pa[k], plain.probabilities().get(n, k), 1e-6f);
                assertEquals((pa[k] + pb[k]) / 2, tta.probabilities().get(n, k), 1e-6f);
            }
        }
        // Two crops of the same size: [N, 1, 2, 2] at columns 0..1 and 1..2.
        Evaluation crops = Evaluation.predict(model, loader, List.of(Tta.crop(0, 0, 2, 2), Tta.crop(0, 1, 2, 2)));
        assertEquals(List.of(4, 4), List.of(crops.probabilities().size(0), crops.probabilities().size(1)));
        float[] left = softmax(xs[0], xs[1], xs[3], xs[4]);
        float[] right = softmax(xs[1], xs[2], xs[4], xs[5]);
        assertEquals((left[0] + right[0]) / 2, crops.probabilities().get(0, 0), 1e-6f);
    }

    private static float[] softmax(float... s) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : s) {
            sum += Math.exp(v - max);
        }
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) (Math.exp(s[i] - max) / sum);
        }
        return out;
    }
}
