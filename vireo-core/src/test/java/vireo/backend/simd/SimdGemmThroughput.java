package vireo.backend.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import vireo.backend.Parallel;

/**
 * Throughput harness for {@link SimdGemm} (a main method, not a test): prints the median GFLOP/s of several
 * timed runs per shape. Run on the test classpath, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes vireo.backend.simd.SimdGemmThroughput [threads] [shape...]}
 * where a shape is {@code m,n,k[,tA,tB]} (tA/tB 0 or 1).
 *
 * <p>Three figures per shape: the median and the best wall-clock GFLOP/s of the timed samples, and the
 * GFLOP/s per {@code threads} cores of process CPU time over all samples. On a machine shared with other work the best sample
 * and the CPU-time figure estimate what dedicated cores would give (the latter ignores time a thread spends
 * descheduled, and so also time parked waiting for a slower partner).
 */
final class SimdGemmThroughput {

    private SimdGemmThroughput() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Parallel.setNumThreads(threads);
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {
            "2048,2048,2048", "1024,1024,1024", "512,512,512",
            "64,576,288", "128,9216,1152", "64,128,9216,0,1", "64,1152,4608,1,0",
            "64,50,320,0,1", "64,320,50", "50,320,64,1,0", "256,256,256", "128,128,128", "32,32,32"};
        System.out.printf("threads=%d  lanes=%d  KC=%d  NC=%d%n", threads, GemmKernel.L, SimdGemm.KC, SimdGemm.NC_PANELS * GemmKernel.NR);
        for (String shape : shapes) {
            String[] f = shape.split(",");
            int m = Integer.parseInt(f[0]);
            int n = Integer.parseInt(f[1]);
            int k = Integer.parseInt(f[2]);
            boolean tA = f.length > 3 && f[3].equals("1");
            boolean tB = f.length > 4 && f[4].equals("1");
            double[] r = measure(tA, tB, m, n, k, threads);
            System.out.printf("m=%5d n=%5d k=%5d tA=%d tB=%d  GFLOP/s: median %6.1f  best %6.1f  cpu %6.1f%n",
                    m, n, k, tA ? 1 : 0, tB ? 1 : 0, r[0], r[2], r[1]);
        }
    }

    private static double[] measure(boolean tA, boolean tB, int m, int n, int k, int threads) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        var rnd = new SplittableRandom(42);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextDouble();
        }
        int lda = tA ? m : k;
        int ldb = tB ? k : n;
        double flops = 2.0 * m * n * k;
        // Samples of about 10 ms (or one call), about 1.5 s in all, after a warm-up.
        int reps = (int) Math.max(1, Math.min(100_000, 5e8 / flops));
        int count = (int) Math.max(5, Math.min(40, 1.5e11 / (flops * reps)));
        double[] samples = new double[count];
        long cpuTotal = 0;
        for (int s = -Math.max(3, count / 4); s < samples.length; s++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                SimdGemm.sgemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
            }
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            if (s >= 0) {
                samples[s] = flops * reps / (t1 - t0);
                cpuTotal += cpu1 - cpu0;
            }
        }
        Arrays.sort(samples);
        double cpuRate = flops * reps * count / (cpuTotal / (double) threads);
        return new double[] {samples[samples.length / 2], cpuRate, samples[samples.length - 1]};
    }
}
