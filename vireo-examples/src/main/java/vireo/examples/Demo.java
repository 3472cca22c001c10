package vireo.examples;

import java.io.IOException;
import vireo.data.MainRunner;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * {@code ./vireo demo}: trains a two-layer network on two interleaved spirals with plain autograd and
 * gradient descent, printing the loss as it falls and the final accuracy.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        MainRunner.main("demo", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        Vireo.manualSeed(7);
        int n = 512;
        Tensor[] data = spirals(n, new Generator(1));
        Tensor x = data[0];
        Tensor y = data[1];
        Tensor w1 = Tensor.randn(2, 64).mul(0.5f).requiresGrad(true);
        Tensor b1 = Tensor.zeros(64).requiresGrad(true);
        Tensor w2 = Tensor.randn(64, 2).mul(0.1f).requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        float lr = 0.5f;
        System.out.println("Training a 2-64-2 network on " + n + " points of two spirals (full batch, lr " + lr + ")");
        for (int step = 0; step <= 600; step++) {
            Tensor logits = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            Tensor loss = logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
            for (Tensor p : params) {
                p.zeroGrad();
            }
            loss.backward();
            for (Tensor p : params) {
                float[] v = p.floats();
                float[] g = p.grad().floats();
                for (int i = 0; i < v.length; i++) {
                    v[i] -= lr * g[i];
                }
            }
            if (step % 100 == 0) {
                float acc = logits.argmax(1).eq(y).toFloat().mean().item();
                System.out.printf("step %3d  loss %.4f  accuracy %.1f%%%n", step, loss.item(), 100 * acc);
            }
        }
    }

    /** Two spirals in the plane: points [n, 2] and int64 labels [n]. */
    static Tensor[] spirals(int n, Generator g) {
        float[] pts = new float[2 * n];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double r = (double) (i / 2) / (n / 2) * 1.0 + 0.05;
            double t = 1.75 * Math.PI * r + Math.PI * c;
            pts[2 * i] = (float) (r * Math.cos(t) + 0.03 * g.nextGaussian());
            pts[2 * i + 1] = (float) (r * Math.sin(t) + 0.03 * g.nextGaussian());
            labels[i] = c;
        }
        return new Tensor[]{Tensor.fromArray(pts, n, 2), Tensor.fromArray(labels, n)};
    }
}
