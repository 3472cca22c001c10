package vireo.vision.models;

import java.util.Arrays;
import vireo.autograd.GradMode;
import vireo.nn.AdaptiveAvgPool2d;
import vireo.nn.BatchNorm;
import vireo.nn.BatchNorm2d;
import vireo.nn.Conv2d;
import vireo.nn.Dropout;
import vireo.nn.Linear;
import vireo.nn.MaxPool2d;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.nn.init.FanMode;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * torchvision's VGG ({@code torchvision.models.vgg}): {@code features} (3×3 convolutions with bias, optional batch
 * norm, ReLU, 2×2 max pools), {@code avgpool} to 7×7, flatten in (C, H, W) order, then {@code classifier}
 * {@code Linear(25088, 4096) ReLU Dropout Linear(4096, 4096) ReLU Dropout Linear(4096, numClasses)}. Output: logits.
 * State-dict keys are torchvision's: {@code features.0.weight}, {@code features.28.bias}, {@code classifier.6.weight}.
 *
 * <pre>{@code
 * VGG vgg = VGG.vgg16();                                 // 138,357,544 parameters, 32 tensors
 * vgg.classifier().set(6, new Linear(4096, 10));         // model.classifier[6] = nn.Linear(4096, 10)
 * }</pre>
 *
 * <p>Shapes: {@code [N, 3, H, W] -> [N, numClasses]} for {@code H, W >= 32}; the adaptive pool makes 224×224 and
 * small inputs alike end at 7×7.
 *
 * <p>Default initialisation, as torchvision: convolutions {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')}
 * with bias 0, batch norm γ = 1, β = 0, linear layers N(0, 0.01) with bias 0.
 */
public final class VGG extends Module {

    /** A max pool in a configuration ({@code 'M'} in torchvision's {@code cfgs}). */
    public static final int M = -1;

    static final int[] CFG_A = {64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
    static final int[] CFG_B = {64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
    static final int[] CFG_D = {64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M};
    static final int[] CFG_E = {64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M,
        512, 512, 512, 512, M};

    private final Sequential features;
    private final AdaptiveAvgPool2d avgpool;
    private Sequential classifier;

    private VGG(Builder b) {
        features = registerModule("features", makeLayers(b.cfg, b.batchNorm));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(7, 7));
        int last = Arrays.stream(b.cfg).filter(c -> c != M).reduce((x, y) -> y).orElseThrow();
        classifier = registerModule("classifier", new Sequential(
                new Linear(last * 7 * 7, b.hidden), new ReLU(true), new Dropout(b.dropout),
                new Linear(b.hidden, b.hidden), new ReLU(true), new Dropout(b.dropout),
                new Linear(b.hidden, b.numClasses)));
        initWeights();
    }

    /** torchvision's {@code make_layers}: conv 3×3 pad 1 [+ BatchNorm2d] + ReLU per number, MaxPool2d(2, 2) per M. */
    public static Sequential makeLayers(int[] cfg, boolean batchNorm) {
        Sequential layers = new Sequential();
        int in = 3;
        for (int v : cfg) {
            if (v == M) {
                layers.add(new MaxPool2d(2, 2));
            } else {
                layers.add(new Conv2d(in, v, 3, 1, 1));
                if (batchNorm) {
                    layers.add(new BatchNorm2d(v));
                }
                layers.add(new ReLU(true)); // nn.ReLU(inplace=True), as in torchvision
                in = v;
            }
        }
        return layers;
    }

    private void initWeights() {
        try (var g = GradMode.noGrad()) {
            for (Module m : modules()) {
                if (m instanceof Conv2d c) {
                    Init.kaimingNormal_(c.weight(), 0, FanMode.FAN_OUT, "relu");
                    Init.zeros_(c.bias());
                } else if (m instanceof BatchNorm bn) {
                    Init.ones_(bn.weight());
                    Init.zeros_(bn.bias());
                } else if (m instanceof Linear l) {
                    Init.normal_(l.weight(), 0, 0.01);
                    Init.zeros_(l.bias());
                }
            }
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        x = avgpool.call(features.call(x)).flatten(1, -1);
        return classifier.call(x);
    }

    // ------------------------------------------------------------ torchvision's constructors

    /** {@code vgg11()} (configuration A), 132,863,336 parameters. */
    public static VGG vgg11() {
        return builder(CFG_A).build();
    }

    public static VGG vgg11Bn() {
        return builder(CFG_A).batchNorm(true).build();
    }

    /** {@code vgg13()} (configuration B). */
    public static VGG vgg13() {
        return builder(CFG_B).build();
    }

    public static VGG vgg13Bn() {
        return builder(CFG_B).batchNorm(true).build();
    }

    /** {@code vgg16()} (configuration D), 138,357,544 parameters in 32 tensors. */
    public static VGG vgg16() {
        return builder(CFG_D).build();
    }

    public static VGG vgg16Bn() {
        return builder(CFG_D).batchNorm(true).build();
    }

    /** {@code vgg19()} (configuration E). */
    public static VGG vgg19() {
        return builder(CFG_E).build();
    }

    public static VGG vgg19Bn() {
        return builder(CFG_E).batchNorm(true).build();
    }

    /**
     * A VGG over the configuration {@code cfg}: output channels of each 3×3 convolution, {@link #M} for a max pool
     * (torchvision's {@code cfgs["D"]} is {@code 64, 64, M, 128, 128, M, ...}).
     */
    public static Builder builder(int... cfg) {
        return new Builder(cfg);
    }

    // ------------------------------------------------------------ parts

    /** {@code model.features}. */
    public Sequential features() {
        return features;
    }

    /** {@code model.classifier}: replace the last layer with {@code classifier().set(6, new Linear(4096, n))}. */
    public Sequential classifier() {
        return classifier;
    }

    /** {@code model.classifier = head}; it receives the flattened pooled features {@code [N, C·7·7]}. */
    public void setClassifier(Sequential head) {
        if (head == null) {
            throw new IllegalArgumentException("VGG.setClassifier: expected a Sequential, received null");
        }
        classifier = registerModule("classifier", head);
    }

    /** torchvision's {@code VGG(make_layers(cfg, batch_norm), num_classes, dropout=...)} options. */
    public static final class Builder {
        private final int[] cfg;
        private boolean batchNorm;
        private int numClasses = 1000;
        private int hidden = 4096;
        private double dropout = 0.5;

        private Builder(int[] cfg) {
            if (cfg == null || Arrays.stream(cfg).noneMatch(c -> c > 0) || Arrays.stream(cfg).anyMatch(c -> c != M && c <= 0)) {
                throw new IllegalArgumentException("VGG: expected a configuration of positive channel counts and M "
                        + "(max pool), with at least one convolution, received " + Arrays.toString(cfg));
            }
            this.cfg = cfg.clone();
        }

        /** Batch norm after every convolution ({@code vgg16_bn}). */
        public Builder batchNorm(boolean b) {
            batchNorm = b;
            return this;
        }

        public Builder numClasses(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("VGG: numClasses must be positive, received " + n);
            }
            numClasses = n;
            return this;
        }

        /** Dropout probability in the classifier (default 0.5). */
        public Builder dropout(double p) {
            dropout = p;
            return this;
        }

        /**
         * Width of the two hidden classifier layers (default 4096). Not a torchvision option: it builds small nets
         * with the same keys, for tests and small data.
         */
        public Builder hidden(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("VGG: hidden must be positive, received " + n);
            }
            hidden = n;
            return this;
        }

        public VGG build() {
            return new VGG(this);
        }
    }
}
