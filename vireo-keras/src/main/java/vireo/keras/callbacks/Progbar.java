package vireo.keras.callbacks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Keras 3's progress bar ({@code keras.utils.Progbar}, width 20), character for character:
 *
 * <pre>
 * 469/469 ━━━━━━━━━━━━━━━━━━━━ 3s 6ms/step - accuracy: 0.9296 - loss: 0.2583
 * </pre>
 *
 * <p>The count is bold and the bar green/white through ANSI escapes, as Keras prints them. While running it shows
 * the ETA ({@code 12s}, {@code m:ss}, {@code h:mm:ss}); when finished, the elapsed seconds. The per-step time leaves
 * out the first step. Values not listed as stateful are averaged over the updates, weighted by steps; the final
 * update shows the values it is given. Updates closer than {@code interval} seconds are skipped. On a terminal
 * each update rewrites the line ({@code \b…\r}); otherwise (no console: logs, CI) each update is a new line.
 * {@code verbose = 2} prints only the final line: {@code 469/469 - 3s - 6ms/step - accuracy: …}.
 */
public final class Progbar {

    private final int target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final String unitName;
    private final PrintStream out;
    private final boolean dynamicDisplay;
    private final DoubleSupplier clock;
    private final Map<String, double[]> values = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final double start;
    private double lastUpdate;
    private Double timeAfterFirstStep;
    private int seenSoFar;
    private int prevTotalWidth;

    /** A bar to {@code out} over {@code target} steps; dynamic (rewriting) when a console is attached. */
    public Progbar(int target, int verbose, PrintStream out) {
        this(target, verbose, out, System.console() != null, () -> System.nanoTime() / 1e9);
    }

    /** All options: the clock returns seconds (tests pass a fake one). */
    public Progbar(int target, int verbose, PrintStream out, boolean dynamicDisplay, DoubleSupplier clock) {
        this.target = target;
        this.width = 20;
        this.verbose = verbose;
        this.interval = 0.05;
        this.unitName = "step";
        this.out = out;
        this.dynamicDisplay = dynamicDisplay;
        this.clock = clock;
        this.start = clock.getAsDouble();
        this.lastUpdate = Double.NEGATIVE_INFINITY;
    }

    /** Moves to step {@code current} (1-based) with the latest values; {@code finalize} prints the last line. */
    public void update(int current, Map<String, Double> logs, boolean finalize) {
        if (logs != null) {
            for (var e : logs.entrySet()) {
                String k = e.getKey();
                double v = e.getValue();
                if (!order.contains(k)) {
                    order.add(k);
                }
                if (finalize) {
                    values.put(k, new double[]{v, 1});
                } else {
                    int base = Math.max(current - seenSoFar, 1);
                    double[] acc = values.get(k);
                    if (acc == null) {
                        values.put(k, new double[]{v * base, base});
                    } else {
                        acc[0] += v * base;
                        acc[1] += base;
                    }
                }
            }
        }
        seenSoFar = current;
        double now = clock.getAsDouble();
        double perUnit = estimateStepDuration(current, now);
        if (verbose == 1) {
            if (now - lastUpdate < interval && !finalize) {
                return;
            }
            StringBuilder message = new StringBuilder();
            if (dynamicDisplay) {
                message.append("\b".repeat(prevTotalWidth)).append('\r');
            } else {
                message.append('\n');
            }
            int specialChars = 0;
            String count = count(current);
            StringBuilder bar = new StringBuilder("\u001b[1m").append(count).append("\u001b[0m ");
            specialChars += 8;
            int progWidth = (int) (width * ((double) current / target));
            if (progWidth > 0) {
                bar.append("\u001b[32m").append("━".repeat(progWidth)).append("\u001b[0m");
                specialChars += 9;
            }
            bar.append("\u001b[37m").append("━".repeat(Math.max(width - progWidth, 0))).append("\u001b[0m");
            specialChars += 9;
            message.append(bar);
            StringBuilder info = new StringBuilder();
            if (!finalize) {
                info.append(" \u001b[1m").append(eta(perUnit * (target - current))).append("\u001b[0m");
            } else {
                info.append(" \u001b[1m").append(roundInt(now - start)).append("s\u001b[0m");
            }
            specialChars += 8;
            info.append(formatTime(perUnit));
            for (String k : order) {
                double avg = average(k);
                info.append(" - ").append(k).append(": ").append(Math.abs(avg) > 1e-3 ? fixed4(avg) : sci4(avg));
            }
            message.append(info);
            int totalWidth = bar.length() + info.length() - specialChars;
            if (prevTotalWidth > totalWidth) {
                message.append(" ".repeat(prevTotalWidth - totalWidth));
            }
            if (finalize) {
                message.append('\n');
            }
            out.print(message);
            out.flush();
            prevTotalWidth = totalWidth;
        } else if (verbose == 2 && finalize) {
            StringBuilder info = new StringBuilder(count(current)).append(" - ").append(roundInt(now - start))
                    .append('s').append(" -").append(formatTime(perUnit));
            for (String k : order) {
                double avg = average(k);
                info.append(" - ").append(k).append(": ").append(avg > 1e-3 ? fixed4(avg) : sci4(avg));
            }
            out.print(info.append('\n'));
            out.flush();
        }
        lastUpdate = now;
    }

    private double average(String k) {
        double[] acc = values.get(k);
        return acc[0] / Math.max(1, acc[1]);
    }

    private String count(int current) {
        int digits = (int) Math.floor(Math.log10(target)) + 1;
        return String.format("%" + digits + "d/%d", current, target);
    }

    private double estimateStepDuration(int current, double now) {
        if (current == 0) {
            return 0;
        }
        double perUnit = timeAfterFirstStep != null && current > 1
                ? (now - timeAfterFirstStep) / (current - 1)
                : (now - start) / current;
        if (current == 1) {
            timeAfterFirstStep = now;
        }
        return perUnit;
    }

    private String formatTime(double perUnit) {
        if (perUnit >= 1 || perUnit == 0) {
            return " " + roundInt(perUnit) + "s/" + unitName;
        } else if (perUnit >= 1e-3) {
            return " " + roundInt(perUnit * 1e3) + "ms/" + unitName;
        }
        return " " + roundInt(perUnit * 1e6) + "us/" + unitName;
    }

    static String eta(double eta) {
        long e = (long) eta;
        if (eta > 3600) {
            return String.format("%d:%02d:%02d", e / 3600, (e % 3600) / 60, e % 60);
        } else if (eta > 60) {
            return String.format("%d:%02d", e / 60, e % 60);
        }
        return e + "s";
    }

    /** Python's {@code f"{x:.0f}"}: the exact binary value rounded half-to-even. */
    static String roundInt(double x) {
        return new BigDecimal(x).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code f"{x:.4f}"}. */
    public static String fixed4(double x) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        return x < 0 && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code f"{x:.4e}"}: {@code 1.2346e-04}. */
    public static String sci4(double x) {
        if (!Double.isFinite(x)) {
            return fixed4(x);
        }
        if (x == 0) {
            return (1 / x < 0 ? "-" : "") + "0.0000e+00";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(5, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        BigDecimal mant = d.movePointLeft(exp).setScale(4, RoundingMode.HALF_EVEN);
        return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
}
