package vireo.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import vireo.cli.eval.Predictions;
import vireo.cli.train.EpochStats;

/**
 * A training run's visual report: {@code report.html}, self-contained (charts as inline SVG, images as
 * {@code data:} URIs, no scripts, no network), and each chart again as a PNG beside it.
 *
 * @param summary label → value rows shown at the top (data, architecture, accuracies...)
 * @param trainCounts training images per class
 * @param splitCounts split name → images per class, for the overview
 * @param sizes sampled {width, height} of the images
 */
public record Report(String title, Map<String, String> summary, List<EpochStats> history, int bestEpoch,
                     boolean earlyStopping, Predictions valid, long[] trainCounts, Map<String, long[]> splitCounts,
                     List<int[]> sizes) {

    /** How many validation images the sample grid shows, and how many mistakes. */
    static final int GRID = 24;
    static final int MISTAKES = 12;

    public List<Chart> charts() {
        List<Chart> charts = new ArrayList<>();
        charts.add(Charts.curves(history, bestEpoch, earlyStopping));
        charts.add(Charts.confusion(valid.confusionMatrix(), valid.classes()));
        charts.add(Charts.perClassVsCount(valid.perClassAccuracy(), trainCounts, valid.classes()));
        charts.add(Charts.predictionGrid("validation_samples", "Validation images: prediction (probability) vs truth",
                valid, sample(valid.size(), GRID), false));
        List<Integer> worst = valid.worstMistakes();
        charts.add(Charts.predictionGrid("worst_mistakes", "Worst mistakes (most confident wrong predictions), top 3",
                valid, worst.subList(0, Math.min(MISTAKES, worst.size())), true));
        charts.add(Charts.overview(splitCounts, valid.classes(), sizes));
        return charts;
    }

    /** Up to {@code k} indices spread evenly over {@code n} (deterministic, so reruns show the same images). */
    static List<Integer> sample(int n, int k) {
        List<Integer> out = new ArrayList<>();
        int m = Math.min(n, k);
        for (int j = 0; j < m; j++) {
            out.add((int) ((long) j * n / m));
        }
        return out;
    }

    /** Writes report.html and one PNG per chart into {@code dir}; returns the HTML's path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;background:#f6f6f4}")
                .append("h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:28px 0 8px}")
                .append("table{border-collapse:collapse;background:#fff}td,th{padding:4px 12px;border:1px solid #ddd;")
                .append("text-align:left;font-size:13px}th{background:#efefef}")
                .append(".chart{background:#fff;border:1px solid #ddd;padding:8px;display:inline-block;")
                .append("max-width:100%;overflow-x:auto}.chart svg{max-width:100%;height:auto}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(Html.escape(title)).append("</h1>\n<table>");
        summary.forEach((k, v) -> html.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v)).append("</td></tr>"));
        html.append("</table>\n");
        html.append("<h2>History</h2>\n<table><tr><th>epoch</th><th>train loss</th><th>train acc</th>")
                .append("<th>valid loss</th><th>valid acc</th><th>seconds</th></tr>");
        for (EpochStats s : history) {
            html.append(String.format(java.util.Locale.ROOT,
                    "<tr%s><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.1f</td></tr>",
                    s.epoch() == bestEpoch ? " style=\"font-weight:bold\"" : "", s.epoch(), s.trainLoss(),
                    s.trainAccuracy(), s.validLoss(), s.validAccuracy(), s.seconds()));
        }
        html.append("</table>\n");
        for (Chart chart : charts()) {
            ImageIO.write(chart.toPng(), "png", dir.resolve(chart.name() + ".png").toFile());
            html.append("<h2>").append(Html.escape(chart.title())).append("</h2>\n<div class=\"chart\" id=\"")
                    .append(chart.name()).append("\">").append(chart.toSvg()).append("</div>\n");
        }
        html.append("<p style=\"color:#777;font-size:12px\">Written by vireo train; the charts are also saved as PNG ")
                .append("files next to this page.</p>\n</body></html>\n");
        Path out = dir.resolve("report.html");
        Files.writeString(out, html);
        return out;
    }
}
