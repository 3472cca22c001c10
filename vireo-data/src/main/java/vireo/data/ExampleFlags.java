package vireo.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The flags of an example program ({@code --epochs 3 --data DIR --no-cache}), read the same way by all of them:
 * {@code --help} or {@code -h} asks {@link MainRunner} to print the options; a missing value, an unknown flag or a
 * value that is not a whole number is an {@link IllegalArgumentException} that names the flag and lists the options.
 */
public final class ExampleFlags {

    private final String options;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switchesOn = new HashSet<>();

    private ExampleFlags(String options) {
        this.options = options;
    }

    /**
     * Reads {@code args}: each of {@code flags} takes the argument after it, each of {@code switches} none. The last
     * value of a repeated flag wins. {@code options} is the one-line list shown for help and with every error.
     */
    public static ExampleFlags parse(String[] args, String options, Set<String> flags, Set<String> switches) {
        ExampleFlags f = new ExampleFlags(options);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (MainRunner.asksForHelp(a)) {
                throw new MainRunner.HelpRequested(options);
            } else if (switches.contains(a)) {
                f.switchesOn.add(a);
            } else if (!flags.contains(a)) {
                throw f.usage("unknown option " + a);
            } else if (i + 1 >= args.length) {
                throw f.usage("missing value after " + a);
            } else {
                f.values.put(a, args[++i]);
            }
        }
        return f;
    }

    /** The value of {@code flag} as a path, or {@code fallback} when it was not given. */
    public Path path(String flag, Path fallback) {
        String v = values.get(flag);
        return v == null ? fallback : Path.of(v);
    }

    /** The value of {@code flag} as an {@code int}, or {@code fallback} when it was not given. */
    public int integer(String flag, int fallback) {
        long n = wholeNumber(flag, fallback);
        if (n != (int) n) {
            throw usage(flag + " expects a whole number up to " + Integer.MAX_VALUE + ", received '" + values.get(flag)
                    + "'");
        }
        return (int) n;
    }

    /** The value of {@code flag} as a {@code long}, or {@code fallback} when it was not given. */
    public long wholeNumber(String flag, long fallback) {
        String v = values.get(flag);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw usage(flag + " expects a whole number, received '" + v + "'");
        }
    }

    /** Whether the switch {@code name} was given. */
    public boolean on(String name) {
        return switchesOn.contains(name);
    }

    private IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; options: " + options);
    }
}
