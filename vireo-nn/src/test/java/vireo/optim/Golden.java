package vireo.optim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the line-based fixtures written by {@code tools/golden/optim_steps.py}: records {@code <kind> <ints...> |
 * <numbers...>} grouped under {@code case <name>} lines; {@code #} starts a comment.
 */
public final class Golden {

    /** One record: its kind ({@code param}, {@code grad}, {@code after}, {@code lr}, {@code mom}), ints and numbers. */
    public record Row(String kind, int[] ints, String[] values) {

        public float[] floats() {
            float[] out = new float[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.parseFloat(values[i]);
            }
            return out;
        }

        public double[] doubles() {
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.parseDouble(values[i]);
            }
            return out;
        }
    }

    /** The rows before the first case, and each case's rows, in file order. */
    public record File(List<Row> header, Map<String, List<Row>> cases) {
    }

    private Golden() {
    }

    public static File read(String resource) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/optim/" + resource)) {
            if (in == null) {
                throw new IOException("missing test resource golden/optim/" + resource
                        + "; run tools/golden/optim_steps.py");
            }
            var header = new ArrayList<Row>();
            var cases = new LinkedHashMap<String, List<Row>>();
            List<Row> current = header;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("case ")) {
                    current = new ArrayList<>();
                    cases.put(line.substring(5).strip(), current);
                    continue;
                }
                String[] halves = line.split("\\|", 2);
                String[] head = halves[0].strip().split("\\s+");
                int[] ints = new int[head.length - 1];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = Integer.parseInt(head[i + 1]);
                }
                String[] values = halves.length > 1 ? halves[1].strip().split("\\s+") : new String[0];
                current.add(new Row(head[0], ints, values));
            }
            return new File(header, cases);
        }
    }
}
