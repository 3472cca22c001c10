package vireo.vision.transforms;

/** Resampling filters, with torchvision's {@code InterpolationMode} names; on images they are PIL's filters. */
public enum Interpolation {
    NEAREST,
    BILINEAR,
    BICUBIC
}
