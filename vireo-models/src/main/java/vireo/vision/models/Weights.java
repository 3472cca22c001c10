package vireo.vision.models;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * torchvision's ImageNet-1k weights for the architectures Vireo has: where the file is, how it is verified, how
 * images must be prepared for it, and what torchvision measured with it. Nothing is downloaded unless
 * {@link #download} is called.
 *
 * <pre>{@code
 * Path cache = Weights.defaultCacheDir();                        // ~/.cache/vireo/hub, or $VIREO_HOME/hub
 * Weights w = Weights.RESNET50_IMAGENET1K_V2;
 * w.download(cache);                                             // explicit, verified, atomic; reused next time
 * Module model = w.pretrained(cache).eval();                     // ResNet-50 with the weights loaded (strict)
 * Tensor x = w.preprocessing().transform().apply(ImageDecoder.read(photo)).unsqueeze(0);
 * Predictions.decode(model.forward(x), 5);                       // top-5 (index, name, probability)
 * }</pre>
 *
 * <p><b>Files and checksums.</b> The files are torchvision's, at {@code https://download.pytorch.org/models/<file>},
 * under the same names, so a PyTorch cache ({@code ~/.cache/torch/hub/checkpoints}) can serve as the cache directory.
 * torchvision itself publishes no full SHA-256, only the first 8 hex digits in each file name, which is what
 * torch.hub checks. Where a full SHA-256 of the file has been published elsewhere it is recorded here and checked:
 * each one was found pinned, with the same value, by at least two unrelated public projects that downloaded the
 * file from torchvision, and begins with the digits in the name (checked at class initialisation). For the others
 * ({@link #sha256()} empty: ResNet-152 V2, VGG-11, VGG-11-BN, VGG-13, VGG-13-BN) no full digest could be found, and
 * the file is verified as torch.hub verifies it, by the name's prefix (see {@link WeightsFile}).
 *
 * <p><b>Metadata.</b> Accuracies, parameter counts and preprocessing are torchvision's ({@code weights.meta},
 * {@code weights.transforms()}), checked against torchvision by {@code tools/golden/imagenet_registry.py}. Every
 * set of weights here predicts the 1,000 {@link ImageNetClasses} in torchvision's order.
 */
public enum Weights {

    RESNET18_IMAGENET1K_V1(ResNet::resnet18, "resnet18-f37072fd.pth",
            "f37072fd47e89c5e827621c5baffa7500819f7896bbacec160b1a16c560e07ec",
            11_689_512, 69.758, 89.078, Preprocessing.RESIZE_256_CROP_224),
    RESNET34_IMAGENET1K_V1(ResNet::resnet34, "resnet34-b627a593.pth",
            "b627a593bcbe140c234610266fe4f8ae95ea42fc881d091c9b6052e6b1d0590f",
            21_797_672, 73.314, 91.420, Preprocessing.RESIZE_256_CROP_224),
    RESNET50_IMAGENET1K_V1(ResNet::resnet50, "resnet50-0676ba61.pth",
            "0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a",
            25_557_032, 76.130, 92.862, Preprocessing.RESIZE_256_CROP_224),
    RESNET50_IMAGENET1K_V2(ResNet::resnet50, "resnet50-11ad3fa6.pth",
            "11ad3fa62ca79e40addfd354a8ec4b7c75143b3038b8d2a807fbc68deab379ca",
            25_557_032, 80.858, 95.434, Preprocessing.RESIZE_232_CROP_224),
    RESNET101_IMAGENET1K_V1(ResNet::resnet101, "resnet101-63fe2227.pth",
            "63fe2227b86e8f1f2063f43a75c84d195911b6a0eace650907dd3dc62dd49a0a",
            44_549_160, 77.374, 93.546, Preprocessing.RESIZE_256_CROP_224),
    RESNET101_IMAGENET1K_V2(ResNet::resnet101, "resnet101-cd907fc2.pth",
            "cd907fc2a0de2292b2ba2b27d2216bc672d84632d1cf20058d01c0c03b5e020e",
            44_549_160, 81.886, 95.780, Preprocessing.RESIZE_232_CROP_224),
    RESNET152_IMAGENET1K_V1(ResNet::resnet152, "resnet152-394f9c45.pth",
            "394f9c45966e3651a89bbb78a48410a6755854ce4a5ab64927cf1c7247f85e58",
            60_192_808, 78.312, 94.046, Preprocessing.RESIZE_256_CROP_224),
    RESNET152_IMAGENET1K_V2(ResNet::resnet152, "resnet152-f82ba261.pth", null,
            60_192_808, 82.284, 96.002, Preprocessing.RESIZE_232_CROP_224),
    VGG11_IMAGENET1K_V1(VGG::vgg11, "vgg11-8a719046.pth", null,
            132_863_336, 69.020, 88.628, Preprocessing.RESIZE_256_CROP_224),
    VGG11_BN_IMAGENET1K_V1(VGG::vgg11Bn, "vgg11_bn-6002323d.pth", null,
            132_868_840, 70.370, 89.810, Preprocessing.RESIZE_256_CROP_224),
    VGG13_IMAGENET1K_V1(VGG::vgg13, "vgg13-19584684.pth", null,
            133_047_848, 69.928, 89.246, Preprocessing.RESIZE_256_CROP_224),
    VGG13_BN_IMAGENET1K_V1(VGG::vgg13Bn, "vgg13_bn-abd245e5.pth", null,
            133_053_736, 71.586, 90.374, Preprocessing.RESIZE_256_CROP_224),
    VGG16_IMAGENET1K_V1(VGG::vgg16, "vgg16-397923af.pth",
            "397923af8e79cdbb6a7127f12361acd7a2f83e06b05044ddf496e83de57a5bf0",
            138_357_544, 71.592, 90.382, Preprocessing.RESIZE_256_CROP_224),
    VGG16_BN_IMAGENET1K_V1(VGG::vgg16Bn, "vgg16_bn-6c64b313.pth",
            "6c64b3138f2f4fcb3bcc4cafde11619c4f440eb1631787e93a682fd88305888a",
            138_365_992, 73.360, 91.516, Preprocessing.RESIZE_256_CROP_224),
    VGG19_IMAGENET1K_V1(VGG::vgg19, "vgg19-dcbb9e9d.pth",
            "dcbb9e9dad569fff7a846263a77324fc34978fea2bfb039c012d710e1776ae44",
            143_667_240, 72.376, 90.876, Preprocessing.RESIZE_256_CROP_224),
    VGG19_BN_IMAGENET1K_V1(VGG::vgg19Bn, "vgg19_bn-c79401a0.pth",
            "c79401a0cf3cb42714e4182f5868c7a6f4f4534f5df9e956e2bb2098de41cbb6",
            143_678_248, 74.218, 91.842, Preprocessing.RESIZE_256_CROP_224);

    /** Where torchvision serves its weights. */
    public static final URI TORCHVISION_MODELS = URI.create("https://download.pytorch.org/models/");

    private final Supplier<? extends Module> architecture;
    private final WeightsFile file;
    private final String sha256;
    private final long numParams;
    private final double acc1;
    private final double acc5;
    private final Preprocessing preprocessing;

    Weights(Supplier<? extends Module> architecture, String fileName, String sha256, long numParams, double acc1,
            double acc5, Preprocessing preprocessing) {
        this.architecture = architecture;
        this.file = sha256 == null ? WeightsFile.hubNamed(fileName) : WeightsFile.hubNamed(fileName, sha256);
        this.sha256 = sha256;
        this.numParams = numParams;
        this.acc1 = acc1;
        this.acc5 = acc5;
        this.preprocessing = preprocessing;
    }

    /** The file name, torchvision's: {@code resnet50-0676ba61.pth}. */
    public String fileName() {
        return file.fileName();
    }

    /** {@code https://download.pytorch.org/models/<file name>}. */
    public URI url() {
        return TORCHVISION_MODELS.resolve(fileName());
    }

    /** The file's full SHA-256 where one is known; else empty, and the name's hash prefix is what is checked. */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /** The file with its checksum and cache operations. */
    public WeightsFile file() {
        return file;
    }

    /** The number of parameters (torchvision's {@code num_params}). */
    public long numParams() {
        return numParams;
    }

    /** Top-1 accuracy on ImageNet-1k's validation set, in percent, as torchvision reports it. */
    public double acc1() {
        return acc1;
    }

    /** Top-5 accuracy on ImageNet-1k's validation set, in percent, as torchvision reports it. */
    public double acc5() {
        return acc5;
    }

    /** The evaluation preprocessing these weights were measured with. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The classes the weights predict, in output order: {@link ImageNetClasses#names()}. */
    public List<String> categories() {
        return ImageNetClasses.names();
    }

    /** A fresh, randomly initialised instance of the architecture these weights belong to. */
    public Module model() {
        return architecture.get();
    }

    /**
     * The default cache directory: {@code $VIREO_HOME/hub} when {@code VIREO_HOME} is set, else
     * {@code ~/.cache/vireo/hub}. Only a default to pass on: nothing here is used implicitly.
     */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv("VIREO_HOME"), System.getProperty("user.home"));
    }

    static Path defaultCacheDir(String vireoHome, String userHome) {
        return vireoHome != null && !vireoHome.isBlank() ? Path.of(vireoHome, "hub")
                : Path.of(userHome, ".cache", "vireo", "hub");
    }

    /**
     * Downloads the file from torchvision into {@code cacheDir} (created if needed) unless a verified copy is
     * already there, and returns its path. See {@link WeightsFile#download}.
     */
    public Path download(Path cacheDir) throws IOException {
        return download(cacheDir, List.of(TORCHVISION_MODELS));
    }

    /** As {@link #download(Path)}, from the given mirrors (base URLs ending in {@code /}) tried in order. */
    public Path download(Path cacheDir, List<URI> mirrors) throws IOException {
        return file.download(cacheDir, mirrors);
    }

    /** The state dict from the verified file in {@code cacheDir}; never downloads (see {@link #download}). */
    public Map<String, Tensor> load(Path cacheDir) throws IOException {
        return file.load(cacheDir);
    }

    /**
     * The architecture with these weights loaded strictly (every key, every shape) from the verified file in
     * {@code cacheDir}; never downloads. Like torchvision's builders, the model is returned in training mode: call
     * {@code eval()} before predicting. Cast to {@link ResNet} or {@link VGG} for their accessors.
     */
    public Module pretrained(Path cacheDir) throws IOException {
        Module model = model();
        model.loadStateDict(load(cacheDir));
        return model;
    }
}
