package vireo.json;

/**
 * A JSON text that could not be read: what was expected, what was received, and where.
 *
 * <p>Unchecked (an {@link IllegalArgumentException}) because a malformed document is a bad argument; callers that
 * read files catch it and say which file.
 */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonException(String message, int offset) {
        super(message + " at character " + offset);
        this.offset = offset;
    }

    private JsonException(String context, JsonException cause) {
        super(context + ": " + cause.getMessage(), cause);
        this.offset = cause.offset;
    }

    /** Where the problem is, in characters (UTF-16 units) from the start of the text. */
    public int offset() {
        return offset;
    }

    /** This error with {@code context} (say, a file name) in front of its message; the offset is kept. */
    JsonException in(String context) {
        return new JsonException(context, this);
    }
}
