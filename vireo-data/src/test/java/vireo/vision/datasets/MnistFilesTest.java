package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

class MnistFilesTest {

    @TempDir
    Path dir;

    static String messageOf(Runnable r) {
        return assertThrows(UncheckedIOException.class, r::run).getMessage();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsBothSplitsRawAndGzipped(boolean gz) throws Exception {
        IdxFiles.split(dir, "train", 12, gz);
        IdxFiles.split(dir, "t10k", 5, gz);
        MNIST train = MNIST.builder(dir).build();
        MNIST test = MNIST.builder(dir).train(false).build();
        assertEquals(12, train.size());
        assertEquals(5, test.size());
        assertTrue(train.isTrain());
        assertFalse(test.isTrain());
        assertArrayEquals(new int[]{12, 1, 28, 28}, train.images().shape());
        assertEquals(DType.FLOAT32, train.images().dtype());
        assertEquals(DType.INT64, train.labels().dtype());
        assertArrayEquals(new long[]{0, 1, 2, 3, 4}, test.labels().toLongArray());
        // pixel (i=3, r=2, c=5) = (93 + 14 + 5) mod 256 = 112
        assertEquals(112 / 255f, train.images().get(3, 0, 2, 5));
        List<Tensor> s = train.get(11);
        assertArrayEquals(new int[]{1, 28, 28}, s.get(0).shape());
        assertEquals(1L, s.get(1).itemLong());
        assertEquals(10, train.classes().size());
    }

    @Test
    void findsTorchvisionLayoutAndPrefersRawFiles() throws Exception {
        Path raw = dir.resolve("FashionMNIST").resolve("raw");
        IdxFiles.split(raw, "t10k", 4, false);
        // a broken .gz next to the raw file must not be read: the raw one wins
        Files.write(raw.resolve("t10k-images-idx3-ubyte.gz"), new byte[]{1, 2, 3});
        var test = FashionMNIST.builder(dir).train(false).build();
        assertEquals(4, test.size());
        assertEquals("Ankle boot", test.classes().get(9));
        assertEquals("T-shirt/top", test.classes().get(0));
    }

    @Test
    void loaderGathersTheSameBatchesWithAndWithoutTransform() throws Exception {
        IdxFiles.split(dir, "train", 20, true);
        var plain = MNIST.builder(dir).build();
        var shifted = MNIST.builder(dir).transform(x -> x.sub(0.5f)).build();
        var a = DataLoader.builder(plain).batchSize(6).shuffle(true).seed(4).build().iterator();
        var b = DataLoader.builder(shifted).batchSize(6).shuffle(true).seed(4).numWorkers(2).build().iterator();
        while (a.hasNext()) {
            Batch x = a.next();
            Batch y = b.next();
            assertArrayEquals(new int[]{x.size(), 1, 28, 28}, y.input().shape());
            assertArrayEquals(x.target().toLongArray(), y.target().toLongArray());
            float[] expected = x.input().sub(0.5f).toFloatArray();
            assertArrayEquals(expected, y.input().toFloatArray());
        }
        assertFalse(b.hasNext());
    }

    @Test
    void truncatedRawImageFileIsNamedWithWhatIsMissing() throws Exception {
        byte[] full = IdxFiles.images(5, 28);
        IdxFiles.write(dir, "train-images-idx3-ubyte", Arrays.copyOf(full, 16 + 1000));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(5));
        String m = messageOf(() -> MNIST.builder(dir).build());
        assertEquals("train-images-idx3-ubyte: expected 3920 image bytes after the 16-byte header, file ends after "
                + "1000", m);
    }

    @Test
    void truncatedGzipIsReportedToo() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        IdxFiles.write(dir, "train-labels-idx1-ubyte.gz", IdxFiles.labels(50));
        String m = messageOf(() -> MNIST.builder(dir).build());
        assertTrue(m.startsWith("train-images-idx3-ubyte.gz: expected 39200 image bytes after the 16-byte header, "
                + "file ends after "), m);
        assertTrue(m.contains("cut short"), m);
    }

    @Test
    void truncatedHeaderAndExtraBytes() throws Exception {
        IdxFiles.write(dir, "train-images-idx3-ubyte", Arrays.copyOf(IdxFiles.images(2, 28), 10));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(2));
        assertEquals("train-images-idx3-ubyte: expected a 16-byte IDX header, file ends after 10 bytes",
                messageOf(() -> MNIST.builder(dir).build()));
        byte[] labels = IdxFiles.labels(2);
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(2, 28));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", Arrays.copyOf(labels, labels.length + 3));
        assertTrue(messageOf(() -> MNIST.builder(dir).build())
                .startsWith("train-labels-idx1-ubyte: found more bytes after the 2 label bytes"));
    }

    @Test
    void wrongMagicNumbersSayWhichFileIsWhich() throws Exception {
        // images and labels swapped
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.labels(3));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.images(3, 28));
        assertEquals("train-images-idx3-ubyte: expected magic number 2051 (IDX unsigned bytes, 3 dimensions, an image "
                + "file), received 2049 (a label file)", messageOf(() -> MNIST.builder(dir).build()));
    }

    @Test
    void notGzipAtAll() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.images(2, 28));
        IdxFiles.write(dir, "train-labels-idx1-ubyte.gz", IdxFiles.labels(2));
        String m = messageOf(() -> MNIST.builder(dir).build());
        assertTrue(m.startsWith("train-images-idx3-ubyte.gz: not a valid gzip file"), m);
    }

    @Test
    void countsAndSizesMustAgree() throws Exception {
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(4, 28));
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(3));
        assertEquals("train-labels-idx1-ubyte: holds 3 labels but train-images-idx3-ubyte holds 4 images",
                messageOf(() -> MNIST.builder(dir).build()));
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(3, 27));
        assertEquals("train-images-idx3-ubyte: expected 28x28 images, received 27x27",
                messageOf(() -> MNIST.builder(dir).build()));
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(3, 28));
        IdxFiles.write(dir, "train-labels-idx1-ubyte",
                IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[]{3}, new byte[]{1, 12, 3}));
        assertEquals("train-labels-idx1-ubyte: label 12 at index 1 is outside 0..9",
                messageOf(() -> MNIST.builder(dir).build()));
    }

    @Test
    void missingRootSaysWhereItLookedAndHowToDownload() {
        Path nowhere = dir.resolve("nowhere");
        String m = messageOf(() -> FashionMNIST.builder(nowhere).build());
        assertTrue(m.contains(nowhere.toAbsolutePath().toString()) && m.contains("does not exist"), m);
        assertTrue(m.contains("train-images-idx3-ubyte[.gz]") && m.contains("train-labels-idx1-ubyte[.gz]"), m);
        assertTrue(m.contains(nowhere.resolve("FashionMNIST").resolve("raw").toAbsolutePath().toString()), m);
        assertTrue(m.contains("download(true)") && m.contains("dataset-fashion-mnist")
                && m.contains("/usr/share/datasets/fashion-mnist"), m);
        assertFalse(Files.exists(nowhere), "a failed load must not create the root");
        String mnist = messageOf(() -> MNIST.builder(nowhere).train(false).build());
        assertTrue(mnist.contains("t10k-images-idx3-ubyte[.gz]") && mnist.contains("ossci-datasets"), mnist);
    }

    @Test
    void oneMissingFileIsNamedAlone() throws Exception {
        IdxFiles.write(dir, "train-images-idx3-ubyte.gz", IdxFiles.images(2, 28));
        String m = messageOf(() -> MNIST.builder(dir).build());
        assertTrue(m.contains("Missing train-labels-idx1-ubyte[.gz];"), m);
        assertFalse(m.contains("does not exist"), m);
    }
}
