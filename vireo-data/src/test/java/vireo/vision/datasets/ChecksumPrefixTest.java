package vireo.vision.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hash-prefix checksums (torch.hub's file names) and reuse of a verified file already in place. */
class ChecksumPrefixTest {

    @TempDir
    Path dir;

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aPrefixMatchesDigestsThatBeginWithIt() {
        Checksum c = Checksum.sha256PrefixOfArchive("0676BA61");
        assertEquals("0676ba61", c.hex());
        assertTrue(c.prefix());
        assertTrue(c.matches("0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a"));
        assertFalse(c.matches("0676ba62b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a"));
        assertEquals("SHA-256 beginning 0676ba61", c.toString());
        Checksum full = Checksum.sha256OfArchive("0676ba61b6795bbe1773cffd859882e5e297624d384b6993f7c9e683e722fb8a");
        assertFalse(full.prefix());
        assertFalse(full.matches("0676ba61"), "a full digest needs the full digest");
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256PrefixOfArchive("0676ba6"));
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256PrefixOfArchive("a".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256PrefixOfArchive("0676ba6x"));
    }

    @Test
    void aFullDigestIsPreferredToAPrefixAndToMd5() {
        Checksum prefix = Checksum.sha256PrefixOfArchive("abcdef01");
        Checksum md5 = Checksum.md5OfArchive("0".repeat(32));
        Checksum full = Checksum.sha256OfArchive("abcdef01" + "0".repeat(56));
        assertEquals(full, new RemoteFile("x-abcdef01.pth", prefix, md5, full).preferred());
        assertEquals(md5, new RemoteFile("x-abcdef01.pth", prefix, md5).preferred());
    }

    @Test
    void aVerifiedFileInPlaceIsReusedAndABadOneIsLeftAlone() throws Exception {
        byte[] body = {1, 2, 3, 4};
        String digest = sha256(body);
        Files.write(dir.resolve("w.pth"), body);
        var file = new RemoteFile("w.pth", Checksum.sha256PrefixOfArchive(digest.substring(0, 12)));
        // No mirror at all: only possible because nothing is fetched.
        assertEquals(dir.resolve("w.pth"), new Downloader().fetchIfAbsent(file, List.of(), dir));

        var wrong = new RemoteFile("w.pth", Checksum.sha256OfArchive(sha256(new byte[]{9})));
        var e = assertThrows(IOException.class, () -> new Downloader().fetchIfAbsent(wrong, List.of(), dir));
        assertTrue(e.getMessage().contains("checksum mismatch, expected SHA-256 " + sha256(new byte[]{9})
                + ", received " + digest + " (4 bytes)"), e.getMessage());
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("w.pth")), "left as it was");

        var absent = new RemoteFile("other.pth", Checksum.sha256OfArchive(digest));
        var e2 = assertThrows(IOException.class, () -> new Downloader().fetchIfAbsent(absent, List.of(), dir));
        assertEquals("other.pth: no mirror to download from", e2.getMessage());
    }
}
