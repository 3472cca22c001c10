package vireo.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import vireo.io.safetensors.SafeTensors;
import vireo.io.torch.TorchCheckpoints;
import vireo.tensor.Tensor;

/**
 * Loads and saves a {@code Map<String, Tensor>} (a state dict), choosing the format from the file name.
 * Today: {@code .safetensors} and PyTorch {@code .pth/.pt} checkpoints ({@link TorchCheckpoints}: nested dicts are
 * flattened to dotted keys). Keras files come next.
 */
public final class TensorFiles {

    private TensorFiles() {
    }

    /** The tensors of {@code path}, in file order. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return switch (format(path)) {
            case SAFETENSORS -> SafeTensors.read(path);
            case TORCH -> TorchCheckpoints.read(path);
        };
    }

    /** Saves {@code tensors} to {@code path} atomically, in the format its extension names. */
    public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
        switch (format(path)) {
            case SAFETENSORS -> SafeTensors.write(tensors, path, Map.of("format", "pt"));
            case TORCH -> TorchCheckpoints.write(tensors, path);
        }
    }

    private enum Format { SAFETENSORS, TORCH }

    private static Format format(Path path) throws IOException {
        Path name = path.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".safetensors")) {
            return Format.SAFETENSORS;
        }
        if (n.endsWith(".pth") || n.endsWith(".pt")) {
            return Format.TORCH;
        }
        throw new IOException(path + ": unknown tensor file format; expected a name ending in .safetensors, .pth or .pt");
    }
}
