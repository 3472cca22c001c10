package vireo.vision.io;

/**
 * What an image file's header says, read without decoding the pixels.
 *
 * @param width  pixels per row
 * @param height rows
 * @param format the decoder's format name, for example {@code "JPEG"} or {@code "png"}
 */
public record ImageInfo(int width, int height, String format) {
}
