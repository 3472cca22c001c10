package vireo.io.torch;

import java.util.List;

/**
 * A Python tuple read from a pickle: immutable, and equal to another tuple with equal items (tuples can be dict
 * keys). Kept apart from lists because pickles may append to lists but never to tuples.
 */
record PyTuple(List<Object> items) {

    PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items)); // items may hold None (null)
    }

    int size() {
        return items.size();
    }

    Object get(int i) {
        return items.get(i);
    }
}
