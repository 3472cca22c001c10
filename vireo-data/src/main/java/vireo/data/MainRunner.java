package vireo.data;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Runs a program's main body so that a bad input (a missing or corrupt data file, an unknown option, a folder that
 * is in the way) ends it with its message on one line of stderr and exit status 1, not a stack trace: the
 * examples' mains use it (the CLI reports errors its own way). The library's messages already say what was
 * expected and what was received; running out of heap gets one line saying how to raise the limit; other
 * failures are bugs and keep their stack trace.
 */
public final class MainRunner {

    /** A main's body. */
    @FunctionalInterface
    public interface Body {
        void run() throws IOException;
    }

    /**
     * What a main's argument parsing throws when asked for help ({@link #asksForHelp}): {@link #run} prints
     * {@code program options: TEXT} to standard output and returns 0.
     */
    public static final class HelpRequested extends RuntimeException {
        public HelpRequested(String options) {
            super(options, null, false, false);
        }
    }

    /** True for the arguments that ask a program for its options: {@code --help} and {@code -h}. */
    public static boolean asksForHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private MainRunner() {
    }

    /** Runs {@code body} and exits with status 1 when it failed on a bad input (see {@link #run}). */
    public static void main(String program, Body body) {
        if (run(program, body, System.out, System.err) != 0) {
            System.exit(1);
        }
    }

    /**
     * Runs {@code body}: 0 when it returns, or after writing its options to {@code out} when it asked for help
     * ({@link HelpRequested}); 1 after writing {@code program: message} to {@code err} when it throws
     * an {@link IOException} or an {@link UncheckedIOException} (the message as {@link IoErrorMessage} words it),
     * an {@link IllegalArgumentException}, an {@link IllegalStateException} or an {@link OutOfMemoryError}
     * ({@link #outOfMemory}). Anything else propagates.
     */
    public static int run(String program, Body body, PrintStream out, PrintStream err) {
        try {
            body.run();
            return 0;
        } catch (HelpRequested h) {
            out.println(program + " options: " + h.getMessage());
            return 0;
        } catch (UncheckedIOException e) {
            err.println(program + ": " + IoErrorMessage.of(e));
        } catch (IOException e) {
            err.println(program + ": " + IoErrorMessage.of(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(program + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // The arrays that filled the heap became garbage as the stack unwound: there is room to print.
            err.println(program + ": " + outOfMemory());
        }
        return 1;
    }

    /**
     * What to say when the Java heap ran out: this JVM's limit, and how to raise it (the JVM's {@code -Xmx}, passed
     * through {@code VIREO_JAVA_OPTS} by the {@code vireo} script) or need less (a smaller batch).
     */
    public static String outOfMemory() {
        long mb = Math.round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        return "out of memory: the Java heap is limited to " + mb
                + " MB; raise the limit with -Xmx (for the vireo script: VIREO_JAVA_OPTS=-Xmx4g) or use a smaller"
                + " batch size";
    }
}
