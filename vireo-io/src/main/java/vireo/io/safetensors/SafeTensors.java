package vireo.io.safetensors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files, the format
 * {@code safetensors.torch.save_file} writes and Hugging Face ships weights in.
 *
 * <pre>{@code
 * Map<String, Tensor> sd = SafeTensors.read(Path.of("model.safetensors"));
 * SafeTensors.write(sd, Path.of("copy.safetensors"), Map.of("format", "pt"));
 * }</pre>
 *
 * <p>Reading checks the whole header before any data (the offsets must tile the data section exactly, byte counts
 * must match shapes, no duplicate keys) and either returns every tensor or throws
 * {@link SafeTensorsFormatException}; it never returns part of a file. Floating dtypes (F64, F32, F16, BF16,
 * F8_E4M3, F8_E5M2) load as float32, integer dtypes (I64…I8, U64…U8) as int64 and BOOL as bool. F64 values are
 * rounded to float32, so a float64 file does not round-trip bit for bit.
 *
 * <p>Writing stores float32 as F32, int64 as I64 and bool as BOOL, and replaces the file atomically: on failure
 * the previous file is untouched.
 */
public final class SafeTensors {

    private SafeTensors() {
    }

    /**
     * Every tensor of the file, in the order of their data offsets. Shapes: as stored (0-d and zero-size
     * tensors included).
     */
    public static Map<String, Tensor> read(Path path) throws IOException {
        String file = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = Header.read(ch, file);
            return new SafeTensorsReader(ch, file).readAll(h);
        }
    }

    /** The {@code __metadata__} map of the file (empty when absent), after validating the whole header. */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return Header.read(ch, path.toString()).metadata;
        }
    }

    /** Writes {@code tensors} with no metadata. */
    public static void write(Map<String, Tensor> tensors, Path path) throws IOException {
        write(tensors, path, null);
    }

    /**
     * Writes {@code tensors} to {@code path} atomically, with {@code metadata} (may be null or empty) as the
     * header's {@code __metadata__}. PyTorch writers put {@code {"format": "pt"}} there.
     */
    public static void write(Map<String, Tensor> tensors, Path path, Map<String, String> metadata)
            throws IOException {
        SafeTensorsWriter.write(tensors, path, metadata);
    }
}
