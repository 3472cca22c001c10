package vireo.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.backend.Backends;
import vireo.backend.Parallel;

/**
 * Runs benchmark workloads and prints one JSON line each, in the shape of the PyTorch peer script's lines:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... vireo.bench.BenchMain --threads 2 sgemm2048 conv2d_seed004
 * java ... vireo.bench.BenchMain --avp FOLDER transfer_avp_5epochs     (an image folder with train/ and valid/)
 * {"peer": "vireo", "backend": "simd", "threads": 2, "java": "25.0.3"}
 * {"workload": "sgemm2048", "gflops": 151.2}
 * </pre>
 *
 * <p>No names runs every known workload. Unknown names are skipped with a note on stderr (other modules'
 * workloads may be asked for before they exist); a workload that fails is reported on stderr, the others still
 * run, and the exit status is 1.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        int status = run(args, Workloads.all(avpFolder(args)), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The whole program, with its workloads and streams given: returns the exit status. */
    static int run(String[] args, Map<String, Workload> known, PrintStream out, PrintStream err) {
        int threads = 2;
        var names = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    out.println("usage: BenchMain [--threads N] [--avp FOLDER] [--list] [workload ...]   (none: all of "
                            + String.join(", ", known.keySet()) + ")");
                    return 0;
                }
                case "--list" -> {
                    known.values().forEach(w -> out.println(w.name() + "\t" + w.unit().label()));
                    return 0;
                }
                case "--threads" -> {
                    if (i + 1 == args.length) {
                        err.println("bench: --threads expects a positive integer, received nothing");
                        return 2;
                    }
                    threads = parseThreads(args[++i], err);
                    if (threads <= 0) {
                        return 2;
                    }
                }
                case "--avp" -> {
                    // The folder itself reaches the workload through Workloads.all(avpFolder(args)).
                    if (i + 1 == args.length) {
                        err.println("bench: --avp expects an image folder (train/, valid/), received nothing");
                        return 2;
                    }
                    i++;
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("bench: unknown option " + a + " (expected --threads N, --avp FOLDER, --list, --help)");
                        return 2;
                    }
                    names.add(a);
                }
            }
        }
        List<Workload> chosen = new ArrayList<>();
        for (String n : names.isEmpty() ? List.copyOf(known.keySet()) : names) {
            Workload w = known.get(n);
            if (w == null) {
                err.println("bench: unknown workload '" + n + "', skipped (known: " + String.join(", ", known.keySet()) + ")"
                        + (n.startsWith("transfer_avp") ? "; the transfer workload needs --avp FOLDER" : ""));
            } else {
                chosen.add(w);
            }
        }

        Parallel.setNumThreads(threads);
        var header = new LinkedHashMap<String, Object>();
        header.put("peer", "vireo");
        header.put("backend", Backends.current().name());
        header.put("threads", Parallel.numThreads());
        header.put("java", Runtime.version().toString());
        out.println(json(header));
        out.flush();

        int status = 0;
        for (Workload w : chosen) {
            try {
                double figure = w.run();
                var line = new LinkedHashMap<String, Object>();
                line.put("workload", w.name());
                line.put(w.unit().jsonKey(), round(figure));
                w.details().forEach(line::putIfAbsent);
                out.println(json(line));
                out.flush();
            } catch (RuntimeException | OutOfMemoryError e) {
                err.println("bench: " + w.name() + " failed: " + e);
                status = 1;
            }
        }
        return status;
    }

    /** The value of {@code --avp}, or null. */
    static java.nio.file.Path avpFolder(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--avp")) {
                return java.nio.file.Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static int parseThreads(String s, PrintStream err) {
        try {
            int t = Integer.parseInt(s);
            if (t > 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below, like a non-positive count
        }
        err.println("bench: --threads expects a positive integer, received '" + s + "'");
        return -1;
    }

    /** Four significant digits: more than the noise of a benchmark justifies, without float artefacts. */
    static BigDecimal round(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("expected a finite figure, received " + x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros();
    }

    /** One flat JSON object: string values are quoted and escaped, numbers written as they are. */
    static String json(Map<String, Object> fields) {
        var sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(quote(k)).append(": ");
            sb.append(v instanceof BigDecimal d ? d.toPlainString() : v instanceof Number ? v.toString() : quote(String.valueOf(v)));
        });
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        var sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
