package vireo.io.torch;

import java.io.IOException;

/**
 * A file that is not a PyTorch checkpoint Vireo can read (damaged, truncated, or naming a global outside the
 * allow-list), or a map that cannot be written as one. The message names the file and says what was expected
 * versus what was found.
 */
public final class TorchFormatException extends IOException {

    public TorchFormatException(String message) {
        super(message);
    }

    public TorchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
