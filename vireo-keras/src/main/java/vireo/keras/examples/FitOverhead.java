package vireo.keras.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import vireo.data.Batch;
import vireo.data.DataLoader;
import vireo.data.MainRunner;
import vireo.data.TensorDataset;
import vireo.keras.Datasets;
import vireo.keras.Fit;
import vireo.keras.Keras;
import vireo.keras.Sequential;
import vireo.keras.Utils;
import vireo.keras.losses.Loss;
import vireo.keras.losses.Losses;
import vireo.keras.optimizers.Adam;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * Times {@code fit} (accuracy metric, progress bar to a discarded stream) against the same training written by hand
 * with the PyTorch face (same model, optimizer, loss, batches), on the Keras tutorial CNN. Alternates the two and
 * prints each run and the ratio of medians.
 *
 * <p>Run: {@code java ... vireo.keras.examples.FitOverhead [samples=6400] [repeats=3] [tiny]}. With {@code tiny} the
 * model is one {@code Dense(10)} layer, so the difference per step is fit's own bookkeeping (metrics, logs,
 * progress bar, callbacks), which on a loaded machine is easier to see than a few percent of a CNN step.
 */
public final class FitOverhead {

    private static boolean tiny;

    private FitOverhead() {
    }

    private static Sequential model() {
        return tiny ? Sequential.of(vireo.keras.layers.Input.of(28, 28, 1), vireo.keras.layers.Flatten.of(),
                vireo.keras.layers.Dense.of(10).activation("softmax")) : KerasCnn.model();
    }

    public static void main(String[] args) {
        MainRunner.main("keras-fit-overhead", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 6400;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        tiny = args.length > 2 && args[2].equals("tiny");
        Datasets.Split d = Datasets.fashionMnist();
        Tensor x = KerasCnn.images(d.xTrain(), samples);
        Tensor y = Utils.toCategorical(KerasCnn.limit(d.yTrain(), samples), 10);
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        double[] fit = new double[repeats];
        double[] hand = new double[repeats];
        timeFit(x, y, sink);        // warm-up
        timeByHand(x, y);
        for (int r = 0; r < repeats; r++) {
            fit[r] = timeFit(x, y, sink);
            hand[r] = timeByHand(x, y);
            System.out.printf("run %d: fit %.3f s, hand-written loop %.3f s%n", r + 1, fit[r], hand[r]);
        }
        double f = median(fit);
        double h = median(hand);
        System.out.printf("median: fit %.3f s, loop %.3f s, fit overhead %+.1f%%%n", f, h, 100 * (f / h - 1));
        double fm = Arrays.stream(fit).min().orElseThrow();
        double hm = Arrays.stream(hand).min().orElseThrow();
        System.out.printf("best:   fit %.3f s, loop %.3f s, fit overhead %+.1f%%%n", fm, hm, 100 * (fm / hm - 1));
        int steps = (samples + 127) / 128;
        System.out.printf("per step: fit %.3f ms, loop %.3f ms (best runs, %d steps)%n", 1e3 * fm / steps,
                1e3 * hm / steps, steps);
    }

    private static double timeFit(Tensor x, Tensor y, PrintStream sink) {
        Vireo.manualSeed(1);
        Keras.clearSession();
        Sequential model = model();
        model.compile(Adam.of(), Losses.get("categorical_crossentropy"), vireo.keras.metrics.Metrics.get("accuracy"));
        long t0 = System.nanoTime();
        model.fit(x, y, Fit.batchSize(128).epochs(1).verbose(1).dynamicDisplay(false).output(sink));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double timeByHand(Tensor x, Tensor y) {
        Vireo.manualSeed(1);
        Keras.clearSession();
        Sequential model = model();
        Optimizer opt = Adam.of().create(model.parameters());
        Loss loss = Losses.get("categorical_crossentropy");
        var loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(128).shuffle(true).seed(7).build();
        long t0 = System.nanoTime();
        model.train();
        for (Batch b : loader) {
            opt.zeroGrad();
            Tensor l = loss.perSample(b.target(), model.call(b.input())).mean();
            l.backward();
            opt.step();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
