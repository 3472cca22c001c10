package vireo.vision.models;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vireo.io.torch.TorchCheckpoints;
import vireo.tensor.Tensor;
import vireo.vision.datasets.Checksum;
import vireo.vision.datasets.Downloader;
import vireo.vision.datasets.RemoteFile;

/**
 * One checkpoint file named as torch.hub names them, {@code name-<hash prefix>.ext}, kept in a cache directory under
 * that name, verified whenever it is downloaded or loaded.
 *
 * <p><b>Verification.</b> With a full SHA-256 the file must match it. Without one, the file's SHA-256 must begin
 * with the hex digits in its name: torch.hub's own rule ({@code load_state_dict_from_url(check_hash=True)} takes
 * the hex run between a {@code '-'} and a {@code '.'} and compares it with the start of the SHA-256), here with at
 * least 8 digits required, as torch.hub's documentation states. A full digest given is checked against the name's
 * prefix too, so a typo in a registry fails at once rather than at the first download.
 *
 * <p>Downloads go through vireo-data's {@link Downloader}: to a temporary file beside the target, verified, then
 * renamed; a failed or tampered download leaves nothing behind.
 */
public record WeightsFile(RemoteFile remote) {

    /** torch.hub's {@code HASH_REGEX}. */
    private static final Pattern HUB_HASH = Pattern.compile("-([a-f0-9]*)\\.");

    /** A file verified by the hash prefix in its name only. */
    public static WeightsFile hubNamed(String fileName) {
        return new WeightsFile(new RemoteFile(fileName, prefixChecksum(fileName)));
    }

    /** A file verified by its full SHA-256, which must begin with the hash prefix in its name. */
    public static WeightsFile hubNamed(String fileName, String sha256) {
        Checksum prefix = prefixChecksum(fileName);
        Checksum full = Checksum.sha256OfArchive(sha256);
        if (!prefix.matches(full.hex())) {
            throw new IllegalArgumentException("WeightsFile " + fileName + ": expected a SHA-256 beginning "
                    + prefix.hex() + " (the hash in the name), received " + full.hex());
        }
        return new WeightsFile(new RemoteFile(fileName, full, prefix));
    }

    private static Checksum prefixChecksum(String fileName) {
        Matcher m = HUB_HASH.matcher(fileName);
        if (!m.find() || m.group(1).length() < Checksum.MIN_PREFIX_DIGITS) {
            throw new IllegalArgumentException("WeightsFile: expected a torch.hub file name 'name-<" + Checksum
                    .MIN_PREFIX_DIGITS + "+ hex digits of the SHA-256>.ext', received '" + fileName + "'");
        }
        return Checksum.sha256PrefixOfArchive(m.group(1));
    }

    public String fileName() {
        return remote.name();
    }

    /** The checksum the file is verified against: the full SHA-256 where known, else the name's prefix. */
    public Checksum checksum() {
        return remote.preferred();
    }

    /**
     * The verified file in {@code cacheDir}, downloaded from the first of {@code mirrors} (base URLs ending in
     * {@code /}) that serves it correctly if it is not there yet. A file already there is verified and reused with
     * no network access.
     *
     * @throws IOException when every mirror failed (the message says what each did), or when the file in the cache
     *                     does not match its checksum (it is left alone)
     */
    public Path download(Path cacheDir, List<URI> mirrors) throws IOException {
        return new Downloader().fetchIfAbsent(remote, mirrors, cacheDir);
    }

    /**
     * The file in {@code cacheDir}, verified; never downloads.
     *
     * @throws NoSuchFileException when it is not there, saying how to download it
     */
    public Path cached(Path cacheDir) throws IOException {
        Path file = cacheDir.resolve(fileName());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not downloaded yet; nothing is downloaded unless "
                    + "asked: call download(cacheDir) first (Weights.download) or put the file there");
        }
        return Downloader.verify(remote, file);
    }

    /** The state dict in the cached file (verified first), with PyTorch's keys. Never downloads. */
    public Map<String, Tensor> load(Path cacheDir) throws IOException {
        return TorchCheckpoints.read(cached(cacheDir));
    }
}
