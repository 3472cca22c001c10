package vireo.cli.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vireo.cli.eval.Predictions;
import vireo.cli.train.EpochStats;
import vireo.vision.io.Image;

/** The report's charts, each a {@link Chart} (SVG for the HTML, PNG for the files). */
public final class Charts {

    private Charts() {
    }

    /** Loss and accuracy per epoch, training and validation, with the kept (best) epoch marked. */
    public static Chart curves(List<EpochStats> history, int bestEpoch, boolean earlyStopping) {
        return new Chart("curves", "Loss and accuracy per epoch", 1000, 380, c -> {
            int n = history.size();
            double[] ep = new double[n];
            double[][] loss = new double[2][n];
            double[][] acc = new double[2][n];
            double maxLoss = 0;
            for (int i = 0; i < n; i++) {
                EpochStats s = history.get(i);
                ep[i] = s.epoch();
                loss[0][i] = s.trainLoss();
                loss[1][i] = s.validLoss();
                acc[0][i] = s.trainAccuracy();
                acc[1][i] = s.validAccuracy();
                maxLoss = Math.max(maxLoss, Math.max(finite(s.trainLoss()), finite(s.validLoss())));
            }
            double x0 = n == 0 ? 1 : ep[0];
            double x1 = n <= 1 ? x0 + 1 : ep[n - 1];
            Plot lp = new Plot(70, 40, 380, 270, x0, x1, 0, maxLoss * 1.08);
            Plot ap = new Plot(580, 40, 380, 270, x0, x1, 0, 1);
            lp.axes(c, "Loss", "epoch", "cross-entropy", true);
            ap.axes(c, "Accuracy", "epoch", "accuracy", true);
            String[] names = {"train", "validation"};
            for (int k = 0; k < 2; k++) {
                series(c, lp, ep, loss[k], Plot.SERIES[k]);
                series(c, ap, ep, acc[k], Plot.SERIES[k]);
            }
            if (bestEpoch > 0) {
                String label = (earlyStopping ? "kept: epoch " : "best: epoch ") + bestEpoch;
                for (Plot p : new Plot[]{lp, ap}) {
                    c.line(p.x(bestEpoch), p.top, p.x(bestEpoch), p.top + p.height, Plot.BAD, 1.5, true);
                    boolean right = p.x(bestEpoch) > p.left + p.width * 0.7;
                    c.text(p.x(bestEpoch) + (right ? -4 : 4), p.top + 14, label, 11, Plot.BAD,
                            right ? Canvas.Anchor.END : Canvas.Anchor.START, false);
                }
            }
            double lx = 300;
            for (int k = 0; k < 2; k++) {
                c.line(lx + k * 160, 362, lx + 24 + k * 160, 362, Plot.SERIES[k], 3, false);
                c.text(lx + 30 + k * 160, 366, names[k], 12, Plot.TEXT, Canvas.Anchor.START, false);
            }
            if (bestEpoch > 0) {
                c.line(lx + 320, 362, lx + 344, 362, Plot.BAD, 1.5, true);
                c.text(lx + 350, 366, earlyStopping ? "early stopping: weights kept" : "lowest validation loss", 12,
                        Plot.TEXT, Canvas.Anchor.START, false);
            }
        });
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static void series(Canvas c, Plot p, double[] xs, double[] ys, Color color) {
        double[] px = new double[xs.length];
        double[] py = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            px[i] = p.x(xs[i]);
            py[i] = p.y(finite(ys[i]));
        }
        c.polyline(px, py, color, 2.5);
        for (int i = 0; i < xs.length; i++) {
            c.circle(px[i], py[i], 3.5, color);
        }
    }

    /** Rows: true class; columns: predicted; cells shaded by the row's fraction, with counts. */
    public static Chart confusion(long[][] cm, List<String> classes) {
        int k = classes.size();
        int cell = Math.max(22, Math.min(64, 560 / Math.max(k, 1)));
        int labelW = 150;
        int w = labelW + cell * k + 40;
        int h = 90 + cell * k + 60;
        return new Chart("confusion_matrix", "Confusion matrix", Math.max(w, 480), h, c -> {
            c.text(10, 22, "Confusion matrix (validation)", 14, Plot.TEXT, Canvas.Anchor.START, true);
            c.text(10, 40, "rows: true class, columns: predicted class", 11, Plot.MUTED, Canvas.Anchor.START, false);
            c.verticalText(16, 70 + cell * k / 2.0, "true class", 12, Plot.TEXT);
            double top = 70;
            for (int r = 0; r < k; r++) {
                long total = 0;
                for (long v : cm[r]) {
                    total += v;
                }
                c.text(labelW - 8, top + r * cell + cell / 2.0 + 4, Plot.clip(classes.get(r), 20), 11, Plot.TEXT,
                        Canvas.Anchor.END, false);
                for (int col = 0; col < k; col++) {
                    double f = total == 0 ? 0 : (double) cm[r][col] / total;
                    Color fill = r == col ? blend(new Color(0xf4, 0xfa, 0xf4), Plot.GOOD, f)
                            : blend(new Color(0xfb, 0xfb, 0xfb), Plot.BAD, f);
                    double x = labelW + col * cell;
                    double y = top + r * cell;
                    c.rect(x, y, cell, cell, fill, Color.WHITE, 1);
                    if (cell >= 22) {
                        c.text(x + cell / 2.0, y + cell / 2.0 + 4, Long.toString(cm[r][col]),
                                Math.min(13, cell / 2.2), f > 0.55 ? Color.WHITE : Plot.TEXT, Canvas.Anchor.MIDDLE,
                                r == col);
                    }
                }
            }
            for (int col = 0; col < k; col++) {
                c.text(labelW + col * cell + cell / 2.0, top - 8, k <= 12 ? Plot.clip(classes.get(col), cell / 7)
                        : Integer.toString(col), 10, Plot.MUTED, Canvas.Anchor.MIDDLE, false);
            }
            c.text(labelW + cell * k / 2.0, top + cell * k + 28, "predicted class", 12, Plot.TEXT,
                    Canvas.Anchor.MIDDLE, false);
        });
    }

    private static Color blend(Color a, Color b, double f) {
        f = Math.max(0, Math.min(1, f));
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }

    /** Each class as a point: training images (x) against validation accuracy (y). */
    public static Chart perClassVsCount(double[] accuracy, long[] trainCounts, List<String> classes) {
        return new Chart("per_class_accuracy", "Per-class accuracy vs training images", 720, 420, c -> {
            long max = 1;
            for (long v : trainCounts) {
                max = Math.max(max, v);
            }
            Plot p = new Plot(80, 40, 580, 300, 0, max * 1.25, 0, 1.05);
            p.axes(c, "Validation accuracy per class vs training images", "training images in the class",
                    "validation accuracy", false);
            // Classes on the same point share one label; labels close to one another are pushed apart.
            Map<String, List<Integer>> points = new LinkedHashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                if (!Double.isNaN(accuracy[k])) {
                    points.computeIfAbsent(trainCounts[k] + "/" + accuracy[k], key -> new ArrayList<>()).add(k);
                }
            }
            List<double[]> placed = new ArrayList<>();
            for (List<Integer> members : points.values()) {
                int k = members.get(0);
                double x = p.x(trainCounts[k]);
                double y = p.y(accuracy[k]);
                Color color = Plot.SERIES[k % Plot.SERIES.length];
                c.circle(x, y, 6, color);
                List<String> names = new ArrayList<>();
                for (int m : members) {
                    names.add(Plot.clip(classes.get(m), 18));
                }
                String label = Plot.clip(String.join(", ", names), 48)
                        + String.format(Locale.ROOT, " (%.0f%%)", 100 * accuracy[k]);
                // Labels go left of points in the right part so they stay inside the chart.
                boolean right = x > p.left + p.width * 0.6;
                double ly = y + 4;
                boolean moved = true;
                while (moved) {
                    moved = false;
                    for (double[] q : placed) {
                        if (Math.abs(q[0] - x) < 160 && Math.abs(q[1] - ly) < 13) {
                            ly = q[1] + 13;
                            moved = true;
                        }
                    }
                }
                placed.add(new double[]{x, ly});
                c.text(x + (right ? -9 : 9), ly, label, 11, Plot.TEXT, right ? Canvas.Anchor.END : Canvas.Anchor.START,
                        false);
            }
        });
    }

    /**
     * Thumbnails of {@code indices} with predicted vs true label and probability; a green frame for a correct
     * prediction, red for a wrong one. With {@code top3} each cell lists the three most probable classes.
     */
    public static Chart predictionGrid(String name, String title, Predictions p, List<Integer> indices, boolean top3) {
        int cols = 6;
        int thumb = 112;
        int cellW = 150;
        int cellH = thumb + (top3 ? 78 : 48);
        int rows = Math.max(1, (indices.size() + cols - 1) / cols);
        return new Chart(name, title, cols * cellW + 20, 40 + rows * cellH, c -> {
            c.text(10, 24, title, 14, Plot.TEXT, Canvas.Anchor.START, true);
            if (indices.isEmpty()) {
                c.text(10, 60, "(none)", 12, Plot.MUTED, Canvas.Anchor.START, false);
            }
            for (int n = 0; n < indices.size(); n++) {
                int i = indices.get(n);
                double x = 10 + (n % cols) * cellW;
                double y = 40 + (n / cols) * cellH;
                int pred = p.predicted(i);
                boolean ok = pred == p.labels()[i];
                Color frame = ok ? Plot.GOOD : Plot.BAD;
                double ix = x + (cellW - thumb) / 2.0;
                c.image(ix, y, thumb, thumb, thumbnail(p.source().image(i)));
                c.rect(ix - 2, y - 2, thumb + 4, thumb + 4, null, frame, 3);
                double ty = y + thumb + 16;
                String trueName = Plot.clip(p.classes().get(p.labels()[i]), 16);
                if (top3) {
                    c.text(x + cellW / 2.0, ty, "true: " + trueName, 11, Plot.TEXT, Canvas.Anchor.MIDDLE, true);
                    int[] top = p.topK(i, 3);
                    for (int j = 0; j < top.length; j++) {
                        c.text(x + cellW / 2.0, ty + 15 * (j + 1), String.format(Locale.ROOT, "%d. %s %.0f%%", j + 1,
                                        Plot.clip(p.classes().get(top[j]), 13), 100 * p.probabilities()[i][top[j]]),
                                11, top[j] == p.labels()[i] ? Plot.GOOD : (j == 0 ? Plot.BAD : Plot.TEXT),
                                Canvas.Anchor.MIDDLE, false);
                    }
                } else {
                    c.text(x + cellW / 2.0, ty, String.format(Locale.ROOT, "%s %.0f%%",
                                    Plot.clip(p.classes().get(pred), 14), 100 * p.probabilities()[i][pred]), 11, frame,
                            Canvas.Anchor.MIDDLE, true);
                    c.text(x + cellW / 2.0, ty + 15, (ok ? "✓ true: " : "✗ true: ") + trueName, 11, Plot.MUTED,
                            Canvas.Anchor.MIDDLE, false);
                }
            }
        });
    }

    /** A report thumbnail of {@code img}: the image itself, or shrunk to 160 px when larger. */
    public static BufferedImage thumbnail(Image img) {
        BufferedImage out = img.toBufferedImage();
        if (img.width() > 160 || img.height() > 160) {
            // Big photos are shrunk once here so the inlined PNG stays small.
            double s = 160.0 / Math.max(img.width(), img.height());
            int w = Math.max(1, (int) Math.round(img.width() * s));
            int h = Math.max(1, (int) Math.round(img.height() * s));
            var small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = small.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(out, 0, 0, w, h, null);
            g.dispose();
            return small;
        }
        return out;
    }


    /**
     * Images per class in each split (grouped bars) and the distribution of image sizes (width × height, one point
     * per distinct size, area by count).
     *
     * @param counts split name → images per class
     * @param sizes sampled {width, height} pairs
     */
    public static Chart overview(Map<String, long[]> counts, List<String> classes, List<int[]> sizes) {
        return new Chart("dataset_overview", "Dataset overview", 1000, 420, c -> {
            long max = 1;
            for (long[] v : counts.values()) {
                for (long x : v) {
                    max = Math.max(max, x);
                }
            }
            int k = classes.size();
            Plot bars = new Plot(70, 40, 480, 280, 0, k, 0, max * 1.1);
            bars.axes(c, "Images per class", "", "images", false, false);
            double group = bars.width / Math.max(k, 1);
            int s = counts.size();
            double bw = group * 0.8 / Math.max(s, 1);
            int si = 0;
            for (var e : counts.entrySet()) {
                for (int j = 0; j < k; j++) {
                    double x = bars.left + j * group + group * 0.1 + si * bw;
                    c.rect(x, bars.y(e.getValue()[j]), bw, bars.y(0) - bars.y(e.getValue()[j]),
                            Plot.SERIES[si % Plot.SERIES.length], null, 0);
                }
                c.rect(80 + si * 110, 384, 14, 14, Plot.SERIES[si % Plot.SERIES.length], null, 0);
                c.text(100 + si * 110, 396, e.getKey(), 12, Plot.TEXT, Canvas.Anchor.START, false);
                si++;
            }
            for (int j = 0; j < k; j++) {
                c.text(bars.left + (j + 0.5) * group, bars.top + bars.height + 16,
                        k <= 12 ? Plot.clip(classes.get(j), (int) Math.max(3, group / 7)) : Integer.toString(j), 10,
                        Plot.MUTED, Canvas.Anchor.MIDDLE, false);
            }
            Map<String, Integer> bySize = new LinkedHashMap<>();
            int maxW = 1;
            int maxH = 1;
            for (int[] wh : sizes) {
                bySize.merge(wh[0] + "x" + wh[1], 1, Integer::sum);
                maxW = Math.max(maxW, wh[0]);
                maxH = Math.max(maxH, wh[1]);
            }
            Plot sp = new Plot(680, 40, 280, 280, 0, maxW * 1.15, 0, maxH * 1.15);
            sp.axes(c, "Image sizes (" + sizes.size() + " sampled)", "width (px)", "height (px)", false);
            List<String> keys = new ArrayList<>(bySize.keySet());
            for (String key : keys) {
                String[] wh = key.split("x");
                int count = bySize.get(key);
                double r = 3 + 9 * Math.sqrt((double) count / sizes.size());
                c.circle(sp.x(Integer.parseInt(wh[0])), sp.y(Integer.parseInt(wh[1])), r,
                        new Color(0x1f, 0x77, 0xb4, 0xb0));
            }
            if (bySize.size() == 1) {
                c.text(sp.left + sp.width / 2, sp.top + sp.height + 56, "all images are " + keys.get(0), 12,
                        Plot.TEXT, Canvas.Anchor.MIDDLE, false);
            }
        });
    }
}
