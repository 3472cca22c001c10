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

    /** False for a bare state dict, whose classes are only numbered ({@code "class 0"}, {@code "class 1"}, ...). */
    public boolean hasClassNames() {
        for (int i = 0; i < classes.size(); i++) {
            if (!classes.get(i).equals(GENERIC_PREFIX + i)) {
                return true;
            }
        }
        return false;
    }

    /** How the classes of a bare state dict are called. */
    public static final String GENERIC_PREFIX = "class ";

    /** {@code n} numbered classes, as a bare state dict has them. */
    public static List<String> genericClasses(int n) {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes.add(GENERIC_PREFIX + i);
        }
        return classes;
    }

    /** The {@code config} of the model file's {@code config.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
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
