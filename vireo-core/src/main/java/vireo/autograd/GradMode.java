package vireo.autograd;

/**
 * Whether ops record the graph on this thread. {@code try (var g = GradMode.noGrad()) { ... }} turns recording
 * off inside the block (like {@code torch.no_grad()}); scopes nest and restore the previous mode on close.
 */
public final class GradMode {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[]{true});

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** A scope with recording off; closing it restores what was there before. */
    public static Scope noGrad() {
        return set(false);
    }

    /** A scope with recording on (inside a no-grad region). */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return () -> flag[0] = previous;
    }

    /** An {@link AutoCloseable} that throws nothing. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
