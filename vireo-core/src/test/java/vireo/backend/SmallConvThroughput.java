package vireo.backend;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Prints the time of each convolution pass on the small seed models' shapes (LeNet-5 and PyTorch's MNIST
 * {@code Net}, batch 64), so that the small-channel path can be compared with the GEMM path
 * ({@code -Dvireo.conv.smallMaxChannels=0} turns the small-channel path off).
 *
 * <p>Run from {@code vireo-core}: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * vireo.backend.SmallConvThroughput [threads] [seconds per pass]}. Besides the wall-clock median it prints the
 * fastest call and CPU milliseconds per call, which other processes on the machine disturb less.
 */
public final class SmallConvThroughput {

    private SmallConvThroughput() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        Parallel.setNumThreads(threads);
        Backend b = Backends.current();
        System.out.println("backend=" + b.name() + " threads=" + threads);
        run(b, "net conv1 64x1x28x28 -> 10 k5", new Conv2dShape(64, 1, 28, 28, 10, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        run(b, "net conv2 64x10x12x12 -> 20 k5", new Conv2dShape(64, 10, 12, 12, 20, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        run(b, "lenet conv1 64x1x28x28 -> 6 k5 p2", new Conv2dShape(64, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1), seconds);
        run(b, "lenet conv2 64x6x14x14 -> 16 k5", new Conv2dShape(64, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
    }

    private static void run(Backend b, String name, Conv2dShape s, double seconds) {
        Random rnd = new Random(1);
        float[] x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
        float[] w = random(rnd, s.cOut() * s.cIn() * s.kh() * s.kw());
        float[] bias = random(rnd, s.cOut());
        float[] y = new float[s.n() * s.cOut() * s.outH() * s.outW()];
        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        float[] gb = new float[s.cOut()];
        System.out.println(name);
        report("  forward", seconds, () -> b.conv2dForward(s, x, w, bias, y));
        report("  backward input", seconds, () -> b.conv2dBackwardInput(s, y, w, gx));
        report("  backward weight+bias", seconds, () -> b.conv2dBackwardWeight(s, x, y, gw, gb));
    }

    private static void report(String name, double seconds, Runnable step) {
        for (int i = 0; i < 50; i++) { // warm-up: JIT and workspaces
            step.run();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] times = new double[100_000];
        int reps = 0;
        long cpu0 = os.getProcessCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || reps < 5) && reps < times.length) {
            long t0 = System.nanoTime();
            step.run();
            times[reps++] = (System.nanoTime() - t0) / 1e9;
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / reps;
        double[] sorted = Arrays.copyOf(times, reps);
        Arrays.sort(sorted);
        System.out.printf("%-24s median %7.3f ms  min %7.3f ms | %7.3f CPU-ms per call%n", name,
                sorted[reps / 2] * 1e3, sorted[0] * 1e3, cpu * 1e3);
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        return a;
    }
}
