package vireo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import vireo.data.IoErrorMessage;

/**
 * A failure the user can act on: its message is printed as one line on stderr (no stack trace unless
 * {@code --debug}) and the process exits with {@link #exitCode()}: {@link #USAGE} for bad arguments or input,
 * {@link #FAILED} for a run that went wrong.
 */
public final class CliException extends RuntimeException {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad arguments or unusable input (exit code 2). */
    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    /**
     * A usage error for a path that is not what the command needs: {@code WHAT PATH does not exist (expected
     * EXPECTED)}, or {@code is a folder} / {@code is a file} when it is there but of the other kind.
     */
    public static CliException notThere(String what, Path path, String expected) {
        String found = Files.isDirectory(path) ? "is a folder" : Files.exists(path) ? "is a file" : "does not exist";
        return usage(what + " " + path + " " + found + " (expected " + expected + ")");
    }

    /**
     * A usage error for a file that could not be read: {@code cannot read WHAT PATH: why}, the first line of why.
     * Vireo's readers start their messages with the path, which is then not said twice; an I/O error is worded by
     * {@link IoErrorMessage}.
     */
    public static CliException cannotRead(String what, Path path, Exception e) {
        String why = IoErrorMessage.ifIoError(e)
                .orElseGet(() -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                .lines().findFirst().orElse("");
        String file = path.toString();
        return usage("cannot read " + (what.isEmpty() ? "" : what + " ") + (why.startsWith(file + ":") ? why
                : file + ": " + why));
    }

    /** A run that failed (exit code 1). */
    public static CliException failed(String message, Throwable cause) {
        return new CliException(FAILED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
