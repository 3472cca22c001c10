package vireo.nn;

import java.util.List;

/**
 * What {@link Module#loadStateDict} could not match, like PyTorch's {@code _IncompatibleKeys}: keys the model has
 * but the state dict lacks, and keys the state dict has but the model lacks. Both empty after a perfect load.
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {

    public IncompatibleKeys {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /** True when nothing was missing or unexpected. */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }
}
