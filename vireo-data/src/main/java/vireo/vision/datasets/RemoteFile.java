package vireo.vision.datasets;

import java.util.Comparator;
import java.util.List;

/**
 * A file to download by name from a list of mirrors, with the checksums it is known by (at least one).
 *
 * @param name the file name, appended to each mirror's base URL and used for the file on disk
 */
public record RemoteFile(String name, List<Checksum> checksums) {

    public RemoteFile {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("RemoteFile: expected a plain file name, received '" + name + "'");
        }
        if (checksums.isEmpty()) {
            throw new IllegalArgumentException("RemoteFile " + name + ": expected at least one checksum; files are "
                    + "never downloaded unverified");
        }
        checksums = List.copyOf(checksums);
    }

    public RemoteFile(String name, Checksum... checksums) {
        this(name, List.of(checksums));
    }

    /** The checksum a download is verified against: the strongest known. */
    public Checksum preferred() {
        return checksums.stream().max(Comparator.comparingInt(Checksum::strength)).orElseThrow();
    }
}
