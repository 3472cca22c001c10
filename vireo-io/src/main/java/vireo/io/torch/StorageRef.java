package vireo.io.torch;

/**
 * A storage named by a persistent id: {@code numel} elements of {@code type} in record {@code key}. A legacy-format
 * view of a larger storage starts {@code viewOffset} elements into the root storage and holds {@code numel}
 * elements; otherwise {@code viewOffset} is 0.
 */
record StorageRef(StorageType type, String key, String location, long numel, long viewOffset) {
}
