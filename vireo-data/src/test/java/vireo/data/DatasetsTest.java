package vireo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;

class DatasetsTest {

    @Test
    void randomSplitBySizesCoversEveryIndexOnce() {
        var ds = DataLoaderTest.rows(30);
        List<Subset<List<Tensor>>> parts = Datasets.randomSplit(ds, new int[]{20, 7, 3}, new Generator(1));
        assertEquals(List.of(20, 7, 3), parts.stream().map(Subset::size).toList());
        Set<Integer> seen = new HashSet<>();
        for (var p : parts) {
            for (int i : p.indices()) {
                assertTrue(seen.add(i), "index " + i + " in two parts");
            }
        }
        assertEquals(30, seen.size());
        var again = Datasets.randomSplit(ds, new int[]{20, 7, 3}, new Generator(1));
        assertArrayEquals(parts.get(1).indices(), again.get(1).indices());
        // consecutive chunks of one permutation: the parts together are the permutation itself
        long[] perm = Tensor.randperm(new Generator(1), 30).longs();
        assertEquals(perm[20], parts.get(1).indices()[0]);
    }

    @Test
    void randomSplitByFractionsFollowsPyTorch() {
        // torch gives [8, 2, 1] and [2, 1, 0]: floor(n * f) each, then the remainder round-robin from the first.
        assertArrayEquals(new int[]{8, 2, 1}, Datasets.lengthsOf(new double[]{0.7, 0.2, 0.1}, 11));
        assertArrayEquals(new int[]{2, 1, 0}, Datasets.lengthsOf(new double[]{0.34, 0.33, 0.33}, 3));
        var parts = Datasets.randomSplit(DataLoaderTest.rows(11), new double[]{0.7, 0.2, 0.1}, new Generator(0));
        assertEquals(8, parts.get(0).size());
    }

    @Test
    void randomSplitRejectsWrongTotals() {
        var ds = DataLoaderTest.rows(10);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(ds, new int[]{5, 4}, new Generator(0)));
        assertTrue(e.getMessage().contains("sum to 9") && e.getMessage().contains("10 samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(ds, new double[]{0.5, 0.4}, new Generator(0)));
    }

    @Test
    void subsetGathersThroughItsParent() {
        var ds = DataLoaderTest.rows(10);
        var sub = new Subset<>(ds, new int[]{9, 4, 2});
        assertTrue(sub.canGather());
        Batch b = sub.gather(new int[]{2, 0});
        assertArrayEquals(new long[]{2 % 7, 9 % 7}, b.target().toLongArray());
        assertEquals(4f, sub.get(1).get(0).get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> sub.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(ds, new int[]{10}));
    }

    @Test
    void concatIndexesAcrossParts() {
        var a = DataLoaderTest.rows(3);
        var b = DataLoaderTest.rows(4);
        var both = new ConcatDataset<List<Tensor>>(List.of(a, b));
        assertEquals(7, both.size());
        assertEquals(2f, both.get(2).get(0).get(0));
        assertEquals(0f, both.get(3).get(0).get(0));
        assertEquals(3f, both.get(6).get(0).get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> both.get(7));
    }

    @Test
    void tensorDatasetChecksRowsAndCopiesViews() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[4]"), e.getMessage());
        Tensor base = Tensor.arange(0, 12, 1).toFloat().reshape(6, 2);
        var view = new TensorDataset(base.narrow(0, 2, 3), base.t().contiguous().t().narrow(0, 1, 3));
        assertArrayEquals(new float[]{6, 7, 4, 5}, view.gather(new int[]{1, 0}).input().toFloatArray());
        assertArrayEquals(new float[]{4, 5, 2, 3}, view.gather(new int[]{1, 0}).field(1).toFloatArray());
    }
}
