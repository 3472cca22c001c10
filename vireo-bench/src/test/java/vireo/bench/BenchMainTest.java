package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.backend.Parallel;

class BenchMainTest {

    private record Fixed(String name, Unit unit, double figure) implements Workload {
        @Override
        public double run() {
            return figure;
        }
    }

    private record WithDetails(String name) implements Workload {
        @Override
        public Unit unit() {
            return Unit.IMAGES_PER_S;
        }

        @Override
        public double run() {
            return 1000;
        }

        @Override
        public Map<String, Object> details() {
            var d = new LinkedHashMap<String, Object>();
            d.put("epochs", 1);
            d.put("test_acc", 0.8712);
            d.put("images_per_s", 5);  // never overrides the main figure
            return d;
        }
    }

    private record Failing(String name) implements Workload {
        @Override
        public Unit unit() {
            return Unit.IMAGES_PER_S;
        }

        @Override
        public double run() {
            throw new UnsupportedOperationException("no kernel yet");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, Workload> known, String... args) {
        return BenchMain.run(args, known, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Map<String, Workload> known(Workload... ws) {
        var m = new LinkedHashMap<String, Workload>();
        for (Workload w : ws) {
            m.put(w.name(), w);
        }
        return m;
    }

    @Test
    void printsOneLineInThePeersShapePerNamedWorkloadAndSkipsUnknownOnes() {
        int threads = Parallel.numThreads();
        try {
            int status = run(known(new Fixed("a", Unit.GFLOPS, 123.456789), new Fixed("b", Unit.SECONDS, 2.0)),
                    "--threads", "3", "b", "nope", "a");
            assertEquals(0, status);
            List<String> lines = outLines();
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).startsWith("{\"peer\": \"vireo\", \"backend\": \""), lines.get(0));
            assertTrue(lines.get(0).contains("\"threads\": 3"), lines.get(0));
            assertEquals("{\"workload\": \"b\", \"seconds\": 2}", lines.get(1));
            assertEquals("{\"workload\": \"a\", \"gflops\": 123.5}", lines.get(2));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown workload 'nope'"), err.toString());
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    @Test
    void appendsAWorkloadsDetailsAfterItsFigure() {
        assertEquals(0, run(known(new WithDetails("w"))));
        assertEquals("{\"workload\": \"w\", \"images_per_s\": 1000, \"epochs\": 1, \"test_acc\": 0.8712}",
                outLines().get(1));
    }

    @Test
    void runsEveryKnownWorkloadWhenNoneIsNamed() {
        assertEquals(0, run(known(new Fixed("a", Unit.GFLOPS, 1), new Fixed("b", Unit.IMAGES_PER_S, 1234567.0))));
        assertEquals(List.of("{\"workload\": \"a\", \"gflops\": 1}", "{\"workload\": \"b\", \"images_per_s\": 1235000}"),
                outLines().subList(1, 3));
    }

    @Test
    void aFailingWorkloadIsReportedAndTheOthersStillRun() {
        assertEquals(1, run(known(new Failing("f"), new Fixed("a", Unit.GFLOPS, 5)), "f", "a"));
        assertEquals("{\"workload\": \"a\", \"gflops\": 5}", outLines().get(1));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("f failed: java.lang.UnsupportedOperationException: no kernel yet"),
                err.toString());
    }

    @Test
    void rejectsBadThreadCountsAndOptions() {
        assertEquals(2, run(known(), "--threads", "0"));
        assertEquals(2, run(known(), "--threads", "two"));
        assertEquals(2, run(known(), "--threads"));
        assertEquals(2, run(known(), "--fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("received 'two'"), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void escapesStringsInJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("workload", "a\"b\\c\n");
        assertEquals("{\"workload\": \"a\\\"b\\\\c\\u000a\"}", BenchMain.json(m));
    }

    @Test
    void theRegistryKnowsThePeersNamesAndUnits() {
        Map<String, Workload> all = Workloads.all();
        assertEquals(List.of("sgemm1024", "sgemm2048", "conv2d_seed004", "mnist_cnn_keras_seed004", "lenet5_seed003",
                "net_sgd_seed004", "resnet50_forward", "resnet50_frozen_head_train_step", "vgg16_forward",
                "pipeline_224_augment"), List.copyOf(all.keySet()));
        assertEquals(Unit.GFLOPS, all.get("sgemm2048").unit());
        for (String n : List.of("conv2d_seed004", "mnist_cnn_keras_seed004", "lenet5_seed003", "net_sgd_seed004",
                "pipeline_224_augment")) {
            assertEquals(Unit.IMAGES_PER_S, all.get(n).unit(), n);
        }
    }

    @Test
    void sgemmReportsAPositiveRateOnASmallSize() {
        double gflops = new SgemmWorkload(32, 2).run();
        assertTrue(gflops > 0 && Double.isFinite(gflops), "gflops " + gflops);
    }
}
