package vireo.vision.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An expected digest of a downloaded file, either of the file as served ({@link Scope#ARCHIVE}) or of its
 * decompressed bytes ({@link Scope#CONTENT}).
 *
 * <p>Content digests are preferred: a mirror that recompresses a {@code .gz} file (Debian's copy of Fashion-MNIST
 * is one) changes the archive's digest but not the data.
 *
 * <p>A checksum may be a {@linkplain #prefix() prefix} of the digest: torch.hub names its files
 * {@code name-<first 8+ hex digits of the SHA-256>.ext} and verifies only those digits
 * ({@code torch.hub.load_state_dict_from_url(check_hash=True)}); where no full digest is published, that is all
 * anyone can check. A prefix is the weakest kind of checksum ({@link RemoteFile#preferred()} picks a full one).
 *
 * @param prefix whether {@code hex} is only the first digits of the digest (at least 8)
 */
public record Checksum(Algorithm algorithm, Scope scope, String hex, boolean prefix) {

    public enum Algorithm {
        SHA_256("SHA-256"), MD5("MD5");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        public String jcaName() {
            return jcaName;
        }
    }

    public enum Scope { ARCHIVE, CONTENT }

    /** The smallest prefix accepted: torch.hub's "first eight or more digits". */
    public static final int MIN_PREFIX_DIGITS = 8;

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        int expected = algorithm == Algorithm.SHA_256 ? 64 : 32;
        boolean lengthOk = prefix ? hex.length() >= MIN_PREFIX_DIGITS && hex.length() <= expected
                : hex.length() == expected;
        if (!lengthOk || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("Checksum: expected " + (prefix ? MIN_PREFIX_DIGITS + " to " : "")
                    + expected + " hex digits for " + (prefix ? "a prefix of " : "") + algorithm.jcaName()
                    + ", received '" + hex + "'");
        }
    }

    /** A full digest. */
    public Checksum(Algorithm algorithm, Scope scope, String hex) {
        this(algorithm, scope, hex, false);
    }

    public static Checksum sha256OfContent(String hex) {
        return new Checksum(Algorithm.SHA_256, Scope.CONTENT, hex);
    }

    public static Checksum sha256OfArchive(String hex) {
        return new Checksum(Algorithm.SHA_256, Scope.ARCHIVE, hex);
    }

    public static Checksum md5OfArchive(String hex) {
        return new Checksum(Algorithm.MD5, Scope.ARCHIVE, hex);
    }

    /** The first {@code hexPrefix.length()} (8 to 64) hex digits of the file's SHA-256, as torch.hub checks. */
    public static Checksum sha256PrefixOfArchive(String hexPrefix) {
        return new Checksum(Algorithm.SHA_256, Scope.ARCHIVE, hexPrefix, true);
    }

    /** Trust order: full digests before prefixes, then SHA-256 before MD5, then content before archive. */
    int strength() {
        return (prefix ? 0 : 4) + (algorithm == Algorithm.SHA_256 ? 2 : 0) + (scope == Scope.CONTENT ? 1 : 0);
    }

    /** Whether a computed digest (lowercase hex, as {@link #compute} returns) satisfies this checksum. */
    public boolean matches(String actualHex) {
        return prefix ? actualHex.startsWith(hex) : actualHex.equals(hex);
    }

    /** The digest of {@code file} in this checksum's scope (gunzipped first for CONTENT of a .gz file). */
    public String compute(Path file) throws IOException {
        return compute(file, String.valueOf(file.getFileName()).endsWith(".gz"));
    }

    /** As {@link #compute(Path)}, saying whether the file is gzip (a temporary download has another name). */
    public String compute(Path file, boolean gzipped) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this JDK", e);
        }
        boolean gunzip = scope == Scope.CONTENT && gzipped;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gunzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return algorithm.jcaName() + (scope == Scope.CONTENT ? " of the decompressed data " : " ")
                + (prefix ? "beginning " : "") + hex;
    }
}
