package vireo.backend;

import java.util.Arrays;
import java.util.Random;

/**
 * Prints convolution throughput (images/s) of the current backend on the shapes that matter: the seed CNN's two
 * convolutions (forward + backward input + backward weight + bias gradient) and ResNet-like forward shapes.
 *
 * <p>Run from {@code vireo-core}: {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * vireo.backend.ConvThroughput [threads] [seconds per shape] [name filter, alternatives separated by '|']}.
 */
public final class ConvThroughput {

    /** Alternatives separated by '|': a shape runs when its name contains one of them. */
    private static String filter = "";

    private static boolean selected(String name) {
        for (String part : filter.split("\\|", -1)) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private ConvThroughput() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        filter = args.length > 2 ? args[2] : "";
        Parallel.setNumThreads(threads);
        Backend backend = Backends.current();
        System.out.println("backend=" + backend.name() + " threads=" + threads);
        train(backend, "seed conv2 128x32x26x26 -> 64 k3 (fwd+bwd)",
                new Conv2dShape(128, 32, 26, 26, 64, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        train(backend, "seed conv1 128x1x28x28 -> 32 k3 (fwd+bwd)",
                new Conv2dShape(128, 1, 28, 28, 32, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        forward(backend, "resnet 16x64x56x56 -> 64 k3 pad1 (fwd)",
                new Conv2dShape(16, 64, 56, 56, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), seconds);
        forward(backend, "resnet 16x256x56x56 -> 64 1x1 (fwd)",
                new Conv2dShape(16, 256, 56, 56, 64, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        // ResNet-50's other kinds of layer: the 7x7 stride-2 stem, a 1x1 stride-2 downsample, a 3x3 stride-2 conv.
        forward(backend, "resnet 16x3x224x224 -> 64 k7 s2 pad3 (fwd)",
                new Conv2dShape(16, 3, 224, 224, 64, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1, 1), seconds);
        forward(backend, "resnet 16x512x28x28 -> 1024 1x1 s2 (fwd)",
                new Conv2dShape(16, 512, 28, 28, 1024, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1), seconds);
        forward(backend, "resnet 16x256x28x28 -> 256 k3 s2 pad1 (fwd)",
                new Conv2dShape(16, 256, 28, 28, 256, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1), seconds);
        forward(backend, "resnet 8x128x28x28 -> 128 k3 pad1 (fwd)",
                new Conv2dShape(8, 128, 28, 28, 128, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), seconds);
        forward(backend, "resnet 8x1024x14x14 -> 256 1x1 (fwd)",
                new Conv2dShape(8, 1024, 14, 14, 256, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1), seconds);
        // VGG-16's 3x3 pad-1 convolutions at batch 8 (the benchmark's batch), one per resolution.
        int[][] vgg = {{3, 64, 224}, {64, 64, 224}, {128, 128, 112}, {256, 256, 56}, {512, 512, 28}, {512, 512, 14}};
        for (int[] v : vgg) {
            forward(backend, "vgg 8x" + v[0] + "x" + v[2] + "x" + v[2] + " -> " + v[1] + " k3 pad1 (fwd)",
                    new Conv2dShape(8, v[0], v[2], v[2], v[1], 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), seconds);
        }
    }

    private static void train(Backend b, String name, Conv2dShape s, double seconds) {
        if (!selected(name)) {
            return;
        }
        Buffers t = new Buffers(s);
        report(name, s, 6 * flopsPerImage(s), seconds, () -> {
            b.conv2dForward(s, t.x, t.w, t.bias, t.y);
            b.conv2dBackwardInput(s, t.y, t.w, t.gx);
            b.conv2dBackwardWeight(s, t.x, t.y, t.gw, t.gb);
        });
        double part = seconds / 3;
        report("  forward", s, 2 * flopsPerImage(s), part, () -> b.conv2dForward(s, t.x, t.w, t.bias, t.y));
        report("  backward input", s, 2 * flopsPerImage(s), part, () -> b.conv2dBackwardInput(s, t.y, t.w, t.gx));
        report("  backward weight+bias", s, 2 * flopsPerImage(s), part,
                () -> b.conv2dBackwardWeight(s, t.x, t.y, t.gw, t.gb));
    }

    private static void forward(Backend b, String name, Conv2dShape s, double seconds) {
        if (!selected(name)) {
            return;
        }
        Buffers t = new Buffers(s);
        report(name, s, 2 * flopsPerImage(s), seconds, () -> b.conv2dForward(s, t.x, t.w, t.bias, t.y));
    }

    /** Multiply-adds of one image's forward pass. */
    private static double flopsPerImage(Conv2dShape s) {
        return (double) s.cOut() * s.outH() * s.outW() * s.cInPerGroup() * s.kh() * s.kw();
    }

    private static void report(String name, Conv2dShape s, double flopsPerImage, double seconds, Runnable step) {
        for (int i = 0; i < 3; i++) { // warm-up: JIT and workspaces
            step.run();
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        int reps = 0;
        double[] times = new double[1000];
        long cpu0 = os.getProcessCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || reps < 5) && reps < times.length) {
            long t0 = System.nanoTime();
            step.run();
            times[reps++] = (System.nanoTime() - t0) / 1e9;
        }
        double cpuPerStep = (os.getProcessCpuTime() - cpu0) / 1e9 / reps;
        double median = median(times, reps);
        // CPU seconds per step (averaged: the counter ticks coarsely) is much less disturbed than wall time when other processes share the cores.
        System.out.printf("%-46s median %7.2f ms %8.1f images/s %6.1f GFLOP/s | %8.1f images/CPU-s%n",
                name, median * 1e3, s.n() / median, flopsPerImage * s.n() / median / 1e9,
                s.n() / cpuPerStep);
    }

    private static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    private static final class Buffers {
        final float[] x;
        final float[] w;
        final float[] bias;
        final float[] y;
        final float[] gx;
        final float[] gw;
        final float[] gb;

        Buffers(Conv2dShape s) {
            Random rnd = new Random(1);
            x = random(rnd, s.n() * s.cIn() * s.h() * s.w());
            w = random(rnd, s.cOut() * s.cInPerGroup() * s.kh() * s.kw());
            bias = random(rnd, s.cOut());
            y = new float[s.n() * s.cOut() * s.outH() * s.outW()];
            gx = new float[x.length];
            gw = new float[w.length];
            gb = new float[s.cOut()];
        }

        private static float[] random(Random rnd, int n) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextFloat() - 0.5f;
            }
            return a;
        }
    }
}
