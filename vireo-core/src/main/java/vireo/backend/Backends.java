package vireo.backend;

import java.util.logging.Logger;

/**
 * Chooses the backend once: the SIMD backend when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the reference backend otherwise (with one log line saying how to
 * enable SIMD). {@code -Dvireo.backend=reference} forces the reference kernels.
 */
public final class Backends {

    private static final Backend REFERENCE = new ReferenceBackend();
    private static volatile Backend current = choose();

    private Backends() {
    }

    /** The backend every op uses. */
    public static Backend current() {
        return current;
    }

    /** The plain-loop backend: readable, slow, the oracle in tests. */
    public static Backend reference() {
        return REFERENCE;
    }

    /** The SIMD backend, or empty when the Vector API module is not present in this JVM. */
    public static java.util.Optional<Backend> simd() {
        return java.util.Optional.ofNullable(SIMD.INSTANCE);
    }

    /** Switches the backend for the whole process (tests compare backends this way). */
    public static void use(Backend backend) {
        current = java.util.Objects.requireNonNull(backend);
    }

    public static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Backend choose() {
        String forced = System.getProperty("vireo.backend", "");
        if (forced.equals("reference")) {
            return REFERENCE;
        }
        if (SIMD.INSTANCE != null) {
            return SIMD.INSTANCE;
        }
        log().info("Vireo runs on its reference kernels; start the JVM with --add-modules jdk.incubator.vector "
                + "to enable the SIMD kernels (several times faster).");
        return REFERENCE;
    }

    /**
     * The "vireo" logger, looked up only when there is something to say: creating it at class initialisation set up
     * java.util.logging (its LogManager, configuration and handlers) in every program, ~5 ms of class loading in the
     * first tensor operation, for a line the SIMD backend never writes.
     */
    private static Logger log() {
        return Logger.getLogger("vireo");
    }

    /** Lazily loaded so that a JVM without the Vector API never touches the SIMD classes. */
    private static final class SIMD {
        static final Backend INSTANCE = load();

        private static Backend load() {
            if (!vectorApiPresent()) {
                return null;
            }
            try {
                return (Backend) Class.forName("vireo.backend.simd.SimdBackend").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                log().warning("SIMD backend unavailable (" + e + "); using the reference kernels.");
                return null;
            }
        }
    }
}
