package vireo.cli.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What it takes to rebuild and feed a saved classifier: the architecture, the head width ({@code 0}: a single
 * {@code Linear}), the class names (index = output) and the preprocessing.
 */
public record ModelInfo(Archs arch, int head, List<String> classes, Preprocessing preprocessing) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "vireo-run/1");
        m.put("arch", arch.cliName());
        m.put("head", head);
        m.put("classes", classes);
        m.put("preprocessing", preprocessing.toJson());
        return m;
    }

    public static ModelInfo fromJson(Map<?, ?> m) {
        List<String> classes = new ArrayList<>();
        for (Object o : (List<?>) m.get("classes")) {
            classes.add(String.valueOf(o));
        }
        return new ModelInfo(Archs.of(String.valueOf(m.get("arch"))), ((Number) m.get("head")).intValue(), classes,
                Preprocessing.fromJson((Map<?, ?>) m.get("preprocessing")));
    }
}
