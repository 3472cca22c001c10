package vireo.vision.transforms;

/**
 * What geometric transforms put where the source has no pixel. {@link #CONSTANT} is torchvision's behaviour (the
 * {@code fill} colour, 0 by default); {@link #NEAREST} is Keras's {@code fill_mode="nearest"}
 * ({@code aaaaaaaa|abcd|dddddddd}), which repeats the edge pixel.
 */
public enum FillMode {
    CONSTANT,
    NEAREST
}
