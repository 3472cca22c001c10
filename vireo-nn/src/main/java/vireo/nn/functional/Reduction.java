package vireo.nn.functional;

import java.util.Locale;

/** How a loss reduces its per-element values, PyTorch's {@code reduction=} argument. */
public enum Reduction {
    /** Per-element losses, the target's shape. */
    NONE,
    /** The average (weighted losses divide by the total weight, as PyTorch's). */
    MEAN,
    /** The sum. */
    SUM;

    /** Parses PyTorch's spelling: {@code "none"}, {@code "mean"}, {@code "sum"}. */
    public static Reduction of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException("reduction: expected 'none', 'mean' or 'sum', received '"
                    + name + "'");
        };
    }

    /** PyTorch's spelling. */
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
