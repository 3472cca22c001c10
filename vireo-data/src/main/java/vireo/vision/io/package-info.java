/**
 * Image decoding into {@link vireo.vision.io.Image}, the 8-bit RGB picture that transforms work on before
 * {@code ToTensor} (the role PIL's {@code Image} plays for torchvision).
 *
 * <p>Why it exists: a folder of photos is the usual input for transfer learning, and photos come as baseline or
 * progressive JPEG (some CMYK/YCCK), PNG with alpha, grayscale, BMP and GIF. Decoding goes through ImageIO with
 * TwelveMonkeys' JPEG plugin (on the class path, found through {@code META-INF/services}); every format is turned
 * into RGB the way torchvision's {@code pil_loader} does ({@code img.convert("RGB")}: alpha dropped, gray
 * replicated). A file that cannot be read fails with an {@link java.io.IOException} naming the path and the reason.
 *
 * <p>May import {@code vireo.tensor} and the JDK ({@code java.desktop}'s ImageIO).
 */
package vireo.vision.io;
