package vireo.vision.models;

import java.util.Arrays;
import vireo.autograd.GradMode;
import vireo.nn.AdaptiveAvgPool2d;
import vireo.nn.BatchNorm;
import vireo.nn.BatchNorm2d;
import vireo.nn.Conv2d;
import vireo.nn.ConvBatchNorm;
import vireo.nn.Linear;
import vireo.nn.MaxPool2d;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.nn.init.FanMode;
import vireo.nn.init.Init;
import vireo.tensor.Tensor;

/**
 * torchvision's ResNet ({@code torchvision.models.resnet}): the 7×7 stem, four stages of {@link BasicBlock}s or
 * {@link Bottleneck}s, global average pooling and the {@code fc} head. Output: logits. State-dict keys and shapes
 * are torchvision's ({@code conv1.weight}, {@code layer3.5.bn2.running_var}, {@code fc.bias}), so its checkpoints
 * load with {@link Module#loadStateDict}.
 *
 * <pre>{@code
 * ResNet net = ResNet.resnet50();                       // 1000 classes, torchvision's default init
 * net.loadStateDict(SafeTensors.read(path));
 * net.setFc(new Linear(2048, 2));                       // model.fc = nn.Linear(2048, 2)
 * ResNet small = ResNet.builder(ResNet.Block.BASIC, 2, 2, 2, 2).numClasses(10).zeroInitResidual(true).build();
 * }</pre>
 *
 * <p>Shapes: {@code [N, 3, H, W] -> [N, numClasses]}; any {@code H, W >= 32} works thanks to the adaptive pool.
 *
 * <p>Default initialisation, as torchvision: convolutions {@code kaiming_normal_(mode='fan_out', nonlinearity='relu')},
 * batch norm γ = 1, β = 0, {@code fc} PyTorch's Linear default; with {@code zeroInitResidual} the last batch norm of
 * every residual branch starts with γ = 0, so each block starts as the identity.
 */
public final class ResNet extends Module {

    /** The residual block type, with its channel expansion. */
    public enum Block {
        /** {@link BasicBlock}: two 3×3, expansion 1 (ResNet-18/34). */
        BASIC(BasicBlock.EXPANSION),
        /** {@link Bottleneck}: 1×1, 3×3, 1×1, expansion 4 (ResNet-50/101/152). */
        BOTTLENECK(Bottleneck.EXPANSION);

        private final int expansion;

        Block(int expansion) {
            this.expansion = expansion;
        }

        public int expansion() {
            return expansion;
        }

        Module create(int inplanes, int planes, int stride, Module downsample) {
            return this == BASIC ? new BasicBlock(inplanes, planes, stride, downsample)
                    : new Bottleneck(inplanes, planes, stride, downsample);
        }
    }

    private final Block block;
    private final int[] layers;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu;
    private final MaxPool2d maxpool;
    private final Sequential layer1;
    private final Sequential layer2;
    private final Sequential layer3;
    private final Sequential layer4;
    private final AdaptiveAvgPool2d avgpool;
    private Module fc;
    private int inplanes;

    private ResNet(Builder b) {
        this.block = b.block;
        this.layers = b.layers.clone();
        int w = b.baseWidth;
        inplanes = w;
        conv1 = registerModule("conv1", Conv2d.builder(3, w, 7).stride(2).padding(3).bias(false).build());
        bn1 = registerModule("bn1", new BatchNorm2d(w));
        relu = registerModule("relu", new ReLU(true)); // inplace=True, as in torchvision
        maxpool = registerModule("maxpool", new MaxPool2d(3, 2, 1));
        layer1 = registerModule("layer1", makeLayer(w, layers[0], 1));
        layer2 = registerModule("layer2", makeLayer(2 * w, layers[1], 2));
        layer3 = registerModule("layer3", makeLayer(4 * w, layers[2], 2));
        layer4 = registerModule("layer4", makeLayer(8 * w, layers[3], 2));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
        fc = registerModule("fc", new Linear(8 * w * block.expansion(), b.numClasses));
        initWeights(b.zeroInitResidual);
    }

    /** torchvision's {@code _make_layer}: block 0 carries the stride and, when the shape changes, the downsample. */
    private Sequential makeLayer(int planes, int blocks, int stride) {
        int out = planes * block.expansion();
        Module downsample = null;
        if (stride != 1 || inplanes != out) {
            downsample = new Sequential(conv1x1(inplanes, out, stride), new BatchNorm2d(out));
        }
        Sequential layer = new Sequential(block.create(inplanes, planes, stride, downsample));
        inplanes = out;
        for (int i = 1; i < blocks; i++) {
            layer.add(block.create(inplanes, planes, 1, null));
        }
        return layer;
    }

    private void initWeights(boolean zeroInitResidual) {
        try (var g = GradMode.noGrad()) {
            for (Module m : modules()) {
                if (m instanceof Conv2d c) {
                    Init.kaimingNormal_(c.weight(), 0, FanMode.FAN_OUT, "relu");
                } else if (m instanceof BatchNorm bn) {
                    Init.ones_(bn.weight());
                    Init.zeros_(bn.bias());
                }
            }
            if (zeroInitResidual) {
                for (Module m : modules()) {
                    if (m instanceof Bottleneck bl) {
                        Init.zeros_(bl.lastNorm().weight());
                    } else if (m instanceof BasicBlock bl) {
                        Init.zeros_(bl.lastNorm().weight());
                    }
                }
            }
        }
    }

    static Conv2d conv3x3(int in, int out, int stride) {
        return Conv2d.builder(in, out, 3).stride(stride).padding(1).bias(false).build();
    }

    /** A block's shortcut: {@code x} itself, or {@code downsample(x)} (a convolution and batch norm, folded). */
    static Tensor shortcut(Module downsample, Tensor x) {
        if (downsample == null) {
            return x;
        }
        return downsample instanceof Sequential pair ? ConvBatchNorm.apply(pair, x) : downsample.call(x);
    }

    /**
     * {@code out += identity}, as torchvision's blocks write it: in place, unless autograd tracks either operand
     * (training blocks that are not frozen), where Vireo, which keeps no version counters, adds out of place.
     */
    static Tensor addShortcut(Tensor out, Tensor identity) {
        return out.isTracked() || identity.isTracked() ? out.add(identity) : out.add_(identity);
    }

    static Conv2d conv1x1(int in, int out, int stride) {
        return Conv2d.builder(in, out, 1).stride(stride).bias(false).build();
    }

    @Override
    public Tensor forward(Tensor x) {
        x = maxpool.call(relu.call(ConvBatchNorm.apply(conv1, bn1, x)));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        x = avgpool.call(x).flatten(1, -1);
        return fc.call(x);
    }

    // ------------------------------------------------------------ torchvision's constructors

    /** {@code resnet18()}: BasicBlock {@code [2, 2, 2, 2]}, 11,689,512 parameters with 1000 classes. */
    public static ResNet resnet18() {
        return resnet18(1000);
    }

    public static ResNet resnet18(int numClasses) {
        return builder(Block.BASIC, 2, 2, 2, 2).numClasses(numClasses).build();
    }

    /** {@code resnet34()}: BasicBlock {@code [3, 4, 6, 3]}. */
    public static ResNet resnet34() {
        return resnet34(1000);
    }

    public static ResNet resnet34(int numClasses) {
        return builder(Block.BASIC, 3, 4, 6, 3).numClasses(numClasses).build();
    }

    /** {@code resnet50()}: Bottleneck {@code [3, 4, 6, 3]}, 25,557,032 parameters and 320 state-dict entries. */
    public static ResNet resnet50() {
        return resnet50(1000);
    }

    public static ResNet resnet50(int numClasses) {
        return builder(Block.BOTTLENECK, 3, 4, 6, 3).numClasses(numClasses).build();
    }

    /** {@code resnet101()}: Bottleneck {@code [3, 4, 23, 3]}. */
    public static ResNet resnet101() {
        return resnet101(1000);
    }

    public static ResNet resnet101(int numClasses) {
        return builder(Block.BOTTLENECK, 3, 4, 23, 3).numClasses(numClasses).build();
    }

    /** {@code resnet152()}: Bottleneck {@code [3, 8, 36, 3]}. */
    public static ResNet resnet152() {
        return resnet152(1000);
    }

    public static ResNet resnet152(int numClasses) {
        return builder(Block.BOTTLENECK, 3, 8, 36, 3).numClasses(numClasses).build();
    }

    /** A ResNet with {@code layers[i]} blocks in stage {@code i + 1}: {@code ResNet(block, layers)} in torchvision. */
    public static Builder builder(Block block, int... layers) {
        return new Builder(block, layers);
    }

    // ------------------------------------------------------------ the head and the parts

    /** The classifier head, {@code model.fc}: a {@link Linear} {@code [expansion·8·baseWidth -> numClasses]} at first. */
    public Module fc() {
        return fc;
    }

    /**
     * Replaces the head, {@code model.fc = head}: the new module gets the key prefix {@code fc.} and receives the
     * pooled, flattened features {@code [N, 512·expansion]}.
     */
    public void setFc(Module head) {
        if (head == null) {
            throw new IllegalArgumentException("ResNet.setFc: expected a module, received null (use vireo.nn.Identity "
                    + "to drop the head)");
        }
        fc = registerModule("fc", head);
    }

    /** The number of features the head receives: 512 for ResNet-18/34, 2048 for ResNet-50 and deeper. */
    public int numFeatures() {
        return 8 * conv1.outChannels() * block.expansion();
    }

    public Block block() {
        return block;
    }

    /** Blocks per stage, e.g. {@code [3, 4, 6, 3]}. */
    public int[] layers() {
        return layers.clone();
    }

    public Conv2d conv1() {
        return conv1;
    }

    public BatchNorm2d bn1() {
        return bn1;
    }

    /** Stage {@code i} (1..4), {@code model.layer<i>}. */
    public Sequential layer(int i) {
        return switch (i) {
            case 1 -> layer1;
            case 2 -> layer2;
            case 3 -> layer3;
            case 4 -> layer4;
            default -> throw new IllegalArgumentException("ResNet.layer: expected 1..4, received " + i);
        };
    }

    /** torchvision's {@code ResNet(...)} options. */
    public static final class Builder {
        private final Block block;
        private final int[] layers;
        private int numClasses = 1000;
        private boolean zeroInitResidual;
        private int baseWidth = 64;

        private Builder(Block block, int[] layers) {
            if (block == null || layers == null || layers.length != 4 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("ResNet: expected a block type and 4 positive block counts, received "
                        + block + " and " + Arrays.toString(layers));
            }
            this.block = block;
            this.layers = layers.clone();
        }

        /** Output size of {@code fc} (default 1000). */
        public Builder numClasses(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("ResNet: numClasses must be positive, received " + n);
            }
            numClasses = n;
            return this;
        }

        /** Start each residual branch's last batch norm at γ = 0 (torchvision's {@code zero_init_residual}). */
        public Builder zeroInitResidual(boolean b) {
            zeroInitResidual = b;
            return this;
        }

        /**
         * Channels of the stem and of stage 1 (default 64; the stages then have 1, 2, 4 and 8 times that, times the
         * expansion). Not a torchvision option: it builds narrow nets with the same keys, for tests and small data.
         */
        public Builder baseWidth(int w) {
            if (w <= 0) {
                throw new IllegalArgumentException("ResNet: baseWidth must be positive, received " + w);
            }
            baseWidth = w;
            return this;
        }

        public ResNet build() {
            return new ResNet(this);
        }
    }
}
