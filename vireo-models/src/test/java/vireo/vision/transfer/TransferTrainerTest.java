package vireo.vision.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.data.DataLoader;
import vireo.data.Dataset;
import vireo.data.TensorDataset;
import vireo.nn.Dropout;
import vireo.nn.Identity;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.optim.Adam;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.models.BatchNormMode;
import vireo.vision.models.Freezing;
import vireo.vision.models.ResNet;

class TransferTrainerTest {

    /** A narrow ResNet-18-like backbone: [N, 3, 16, 16] -> [N, 32]. */
    private static ResNet backbone(BatchNormMode mode) {
        Vireo.manualSeed(11);
        ResNet net = ResNet.builder(ResNet.Block.BASIC, 1, 1, 1, 1).baseWidth(4).build();
        net.setFc(new Identity());
        // Non-trivial running statistics, so that eval-mode batch norm is not the identity.
        net.train();
        net.call(Tensor.randn(new Generator(5), 8, 3, 16, 16));
        return Freezing.freeze(net, mode);
    }

    private static Module head(long seed) {
        Vireo.manualSeed(seed);
        return new Sequential(new Linear(32, 8), new ReLU(), new Linear(8, 3));
    }

    private static DataLoader<?> loader(Dataset<?> ds, boolean shuffle) {
        return DataLoader.builder(ds).batchSize(5).shuffle(shuffle).seed(3).build();
    }

    private static TensorDataset data(long seed, int n) {
        Generator g = new Generator(seed);
        return new TensorDataset(Tensor.randn(g, n, 3, 16, 16), Tensor.randint(g, 0, 3, n));
    }

    private static double maxDiff(Module a, Module b) {
        double d = 0;
        Map<String, Tensor> sa = a.stateDict();
        Map<String, Tensor> sb = b.stateDict();
        for (var e : sa.entrySet()) {
            float[] x = e.getValue().toFloatArray();
            float[] y = sb.get(e.getKey()).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                d = Math.max(d, Math.abs(x[i] - y[i]));
            }
        }
        return d;
    }

    private static History fit(ResNet backbone, Module head, Dataset<?> train, Dataset<?> valid, int epochs,
            boolean cache, int views) {
        return TransferTrainer.builder(backbone, head, new Adam(head.parameters(), 0.01)).epochs(epochs)
                .cacheFeatures(cache).augmentedViews(views).restoreBestWeights(false).build()
                .fit(loader(train, true), loader(valid, false));
    }

    @Test
    void cachedFeaturesTrainTheSameHeadAsRecomputingTheBackbone() {
        ResNet net = backbone(BatchNormMode.EVAL);
        net.train(); // frozen batch norms stay on their running statistics
        TensorDataset train = data(1, 23);
        TensorDataset valid = data(2, 12);
        Module cachedHead = head(7);
        Module recomputedHead = head(7);
        assertEquals(0.0, maxDiff(cachedHead, recomputedHead));

        History cached = fit(net, cachedHead, train, valid, 4, true, 0);
        History recomputed = fit(net, recomputedHead, train, valid, 4, false, 0);

        assertTrue(cached.trainCached() && cached.validCached());
        assertFalse(recomputed.trainCached() || recomputed.validCached());
        assertTrue(maxDiff(cachedHead, head(7)) > 1e-3, "the head did not train");
        // Not bit for bit: the SIMD convolution groups small images of a batch into one GEMM, so the last bits of an
        // image's features depend on which batch it sits in (the cache sees the data in order, training shuffled).
        // The bound is float rounding carried through 4 epochs of Adam, far below the change training makes (> 1e-3).
        assertTrue(maxDiff(cachedHead, recomputedHead) <= 1e-4, "cached and recomputed heads differ by "
                + maxDiff(cachedHead, recomputedHead));
        for (int e = 0; e < 4; e++) {
            assertEquals(recomputed.epochs().get(e).trainLoss(), cached.epochs().get(e).trainLoss(), 1e-5);
            assertEquals(recomputed.epochs().get(e).validLoss(), cached.epochs().get(e).validLoss(), 1e-5);
            assertEquals(recomputed.epochs().get(e).validAccuracy(), cached.epochs().get(e).validAccuracy());
        }
    }

    /** Inputs plus noise drawn from the per-sample generator: random augmentation. */
    private record Noisy(TensorDataset base) implements Dataset<List<Tensor>> {
        @Override
        public int size() {
            return base.size();
        }

        @Override
        public List<Tensor> get(int index) {
            return get(index, Vireo.defaultGenerator());
        }

        @Override
        public List<Tensor> get(int index, Generator random) {
            List<Tensor> s = base.get(index);
            return List.of(s.get(0).add(Tensor.randn(random, s.get(0).shape()).mul(0.1f)), s.get(1));
        }
    }

    @Test
    void augmentedViewsMatchTheEpochsTheyWereDrawnFrom() {
        ResNet net = backbone(BatchNormMode.EVAL);
        Noisy train = new Noisy(data(1, 17));
        assertFalse(FeatureCache.isDeterministic(train));
        assertTrue(FeatureCache.isDeterministic(data(1, 3)));
        Module a = head(9);
        Module b = head(9);
        History cached = fit(net, a, train, data(2, 6), 2, true, 2);
        History recomputed = fit(net, b, train, data(2, 6), 2, false, 0);
        assertTrue(cached.trainCached());
        assertFalse(recomputed.trainCached());
        assertTrue(maxDiff(a, b) <= 1e-6, "heads differ by " + maxDiff(a, b));

        // Without views, a random training set is recomputed and the note says why.
        List<String> log = new ArrayList<>();
        Module c = head(9);
        History auto = TransferTrainer.builder(net, c, new Adam(c.parameters(), 0.01)).epochs(2)
                .restoreBestWeights(false).log(log::add).build().fit(loader(train, true), loader(data(2, 6), false));
        assertFalse(auto.trainCached());
        assertTrue(auto.validCached());
        assertTrue(log.stream().anyMatch(s -> s.contains("random augmentation")), log.toString());
        assertTrue(maxDiff(c, b) <= 1e-6, "heads differ by " + maxDiff(c, b));
    }

    @Test
    void blockersNameWhatMakesCachingInexact() {
        ResNet follow = backbone(BatchNormMode.FOLLOW);
        follow.eval();
        assertTrue(FeatureCache.isFrozen(follow), FeatureCache.blockers(follow).toString());
        follow.train();
        List<String> why = FeatureCache.blockers(follow);
        assertTrue(why.stream().anyMatch(s -> s.startsWith("bn1 (BatchNorm2d) is in training mode")), why.toString());

        ResNet trainable = backbone(BatchNormMode.EVAL);
        trainable.conv1().weight().requiresGrad(true);
        assertTrue(FeatureCache.blockers(trainable).contains("parameter conv1.weight requires grad (the backbone "
                + "still trains)"), FeatureCache.blockers(trainable).toString());

        Module dropout = new Sequential(new Dropout(0.5));
        dropout.train();
        assertEquals(1, FeatureCache.blockers(dropout).size());
        dropout.eval();
        assertTrue(FeatureCache.isFrozen(dropout));

        var ex = assertThrows(IllegalStateException.class, () -> FeatureCache.compute(follow, loader(data(1, 4), false)));
        assertTrue(ex.getMessage().contains("training mode"), ex.getMessage());

        // The trainer falls back to recomputing, and says so.
        List<String> log = new ArrayList<>();
        Module h = head(3);
        History hist = TransferTrainer.builder(follow, h, new Adam(h.parameters())).log(log::add).build()
                .fit(loader(data(1, 10), true), loader(data(2, 5), false));
        assertFalse(hist.trainCached() || hist.validCached());
        assertTrue(log.get(0).contains("not cacheable"), log.toString());
    }

    @Test
    void computeKeepsDataSetOrderAndLabels() {
        ResNet net = backbone(BatchNormMode.EVAL);
        TensorDataset ds = data(4, 13);
        DataLoader<?> shuffled = loader(ds, true);
        TensorDataset cache = FeatureCache.compute(net, shuffled);
        assertEquals(0, shuffled.nextEpoch(), "compute must not consume the loader's epochs");
        assertEquals(List.of(13, 32), List.of(cache.size(), cache.tensors().get(0).size(1)));
        net.eval();
        float[] direct = net.call(ds.tensors().get(0).narrow(0, 7, 1)).toFloatArray();
        float[] cached = cache.get(7).get(0).toFloatArray();
        for (int i = 0; i < direct.length; i++) {
            assertEquals(direct[i], cached[i], 1e-6f);
        }
        assertEquals(ds.get(7).get(1).itemLong(), cache.get(7).get(1).itemLong());
    }

    @Test
    void earlyStoppingRestoresTheHeadWithTheLowestValidationLoss() {
        // Validation labels are the opposite of the training labels: the better the head fits, the worse it validates.
        Generator g = new Generator(8);
        Tensor x = Tensor.randn(g, 20, 3, 16, 16);
        Tensor y = Tensor.randint(g, 0, 2, 20);
        Tensor flipped = Tensor.scalarLong(1).sub(y);
        ResNet net = backbone(BatchNormMode.EVAL);
        Module h = new Sequential(new Linear(32, 2));
        Vireo.manualSeed(21);
        h = new Sequential(new Linear(32, 2));
        Map<String, Tensor> init = snapshot(h);
        History hist = TransferTrainer.builder(net, h, new Adam(h.parameters(), 0.05)).epochs(20).patience(2).build()
                .fit(loader(new TensorDataset(x, y), true), loader(new TensorDataset(x, flipped), false));
        assertTrue(hist.stoppedEarly(), hist.epochs().toString());
        assertEquals(hist.bestEpoch() + 3, hist.epochs().size());

        // The same head trained for bestEpoch + 1 epochs from the same start.
        Module ref = new Sequential(new Linear(32, 2));
        ref.loadStateDict(init);
        TransferTrainer.builder(net, ref, new Adam(ref.parameters(), 0.05)).epochs(hist.bestEpoch() + 1)
                .restoreBestWeights(false).build()
                .fit(loader(new TensorDataset(x, y), true), loader(new TensorDataset(x, flipped), false));
        assertTrue(maxDiff(h, ref) <= 1e-6, "restored head differs by " + maxDiff(h, ref));
    }

    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> copy = new java.util.LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
