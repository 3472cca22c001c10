package vireo.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What an I/O failure says to a user in one message: what failed and why, each once. The examples'
 * {@link MainRunner} and the CLI both report I/O errors through it, so a failure reads the same in both.
 *
 * <p>Vireo's own I/O errors (plain {@link IOException}s and Vireo's subclasses) name the file and what was wrong
 * in their message, which is printed as it is. The JDK's subclasses are named by their class as well, since their
 * message alone is often just a path ({@code NoSuchFileException: data/train}) or a detail ({@code ZipException:
 * zip END header not found}). An {@link UncheckedIOException} only carries an I/O error across a lambda: its own
 * message is kept when it adds context ({@code CSVLogger: cannot write log.csv: No space left on device}), dropped
 * when it only repeats its cause.
 */
public final class IoErrorMessage {

    private IoErrorMessage() {
    }

    /** The message of {@code e}, named by its class unless it is Vireo's own (see the class comment). */
    public static String of(IOException e) {
        String message = e.getMessage();
        boolean vireos = e.getClass() == IOException.class || e.getClass().getName().startsWith("vireo.");
        if (message != null && vireos) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The message of {@code e} when it is an I/O error (an {@link IOException} or an {@link UncheckedIOException}),
     * for callers that report I/O errors this way and other failures their own way.
     */
    public static Optional<String> ifIoError(Exception e) {
        return switch (e) {
            case UncheckedIOException io -> Optional.of(of(io));
            case IOException io -> Optional.of(of(io));
            default -> Optional.empty();
        };
    }

    /** The wrapper's context, if it adds any, then its cause's {@linkplain #of(IOException) message}. */
    public static String of(UncheckedIOException e) {
        IOException cause = e.getCause();
        String context = e.getMessage();
        String reason = of(cause);
        // new UncheckedIOException(cause) takes cause.toString() as its message: no context of its own.
        if (context == null || context.equals(cause.toString()) || context.equals(cause.getMessage())) {
            return reason;
        }
        return context.contains(reason) ? context : context + ": " + reason;
    }
}
