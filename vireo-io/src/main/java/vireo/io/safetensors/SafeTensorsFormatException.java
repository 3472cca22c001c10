package vireo.io.safetensors;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file, or a map that cannot be written as one. The message names the
 * file, the tensor when there is one, and what was expected versus what was found.
 */
public final class SafeTensorsFormatException extends IOException {

    public SafeTensorsFormatException(String message) {
        super(message);
    }

    public SafeTensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
