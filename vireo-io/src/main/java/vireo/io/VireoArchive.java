package vireo.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import vireo.io.safetensors.SafeTensors;
import vireo.json.Json;
import vireo.tensor.Tensor;

/**
 * The container of the one-file model, {@code .vireo}, shared by every face that writes one: a zip of named
 * entries (JSON documents and safetensors state dicts) closed by {@code metadata.json}, which says who wrote the
 * file ({@link Kind}: {@code "format"} and {@code "format_version"}), when and with which versions, and lists the
 * SHA-256 of every other entry.
 *
 * <p>Writing goes to a temporary file renamed over the target ({@link AtomicFiles}), so a crash mid-save leaves
 * the old file intact. Reading takes in and checks the whole file — zip structure, every checksum — before handing
 * out any entry, so a truncated or altered file fails with one clear line naming it, and nothing is built from
 * half a file. What the entries mean is the writer's business: the Keras face's {@code ModelFile}, the CLI's
 * {@code ModelStore}.
 *
 * <pre>{@code
 * VireoArchive.writer()
 *         .json("config.json", config)
 *         .tensors("model.safetensors", model.stateDict(), Map.of("format", "pt"))
 *         .write(path, VireoArchive.Kind.CLI_CLASSIFIER, 1, Map.of());
 * VireoArchive a = VireoArchive.read(path);
 * a.require(VireoArchive.Kind.CLI_CLASSIFIER, 1);          // a Keras model here fails with what to use instead
 * Map<String, Tensor> weights = a.tensors("model.safetensors").tensors();
 * }</pre>
 */
public final class VireoArchive {

    public static final String METADATA = "metadata.json";
    public static final String EXTENSION = ".vireo";
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 64;

    /** Who writes {@code .vireo} files, what such a file holds, and how to use one (for messages). */
    public enum Kind {
        KERAS("vireo.keras", "a Keras Sequential model", "load it with vireo.keras.Models.load"),
        CLI_CLASSIFIER("vireo.cli", "an image classifier trained by the vireo command",
                "use it with vireo evaluate, predict or summary --model");

        private final String format;
        private final String holds;
        private final String use;

        Kind(String format, String holds, String use) {
            this.format = format;
            this.holds = holds;
            this.use = use;
        }

        /** The {@code "format"} value of {@code metadata.json}. */
        public String format() {
            return format;
        }

        /** What such a file holds, e.g. "a Keras Sequential model". */
        public String holds() {
            return holds;
        }

        /** How to use such a file, e.g. "load it with vireo.keras.Models.load". */
        public String use() {
            return use;
        }

        static Kind of(String format) {
            for (Kind k : values()) {
                if (k.format.equals(format)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A safetensors entry: its tensors in file order and its {@code __metadata__}. */
    public record Tensors(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private final Path path;
    private final Map<String, byte[]> entries;
    private final Map<String, Object> metadata;

    private VireoArchive(Path path, Map<String, byte[]> entries, Map<String, Object> metadata) {
        this.path = path;
        this.entries = entries;
        this.metadata = metadata;
    }

    // ------------------------------------------------------------ write

    /** Collects entries, in order, for {@link Writer#write}. */
    public static Writer writer() {
        return new Writer();
    }

    /** The entries of a file to write; {@code metadata.json} is added last by {@link #write}. */
    public static final class Writer {

        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        private Writer() {
        }

        /** Adds an entry with these bytes. */
        public Writer bytes(String name, byte[] data) {
            if (name.equals(METADATA) || entries.containsKey(name)) {
                throw new IllegalArgumentException("entry " + name + ": "
                        + (name.equals(METADATA) ? "written by the archive itself" : "added twice"));
            }
            entries.put(name, data.clone());
            return this;
        }

        /** Adds a JSON document ({@link Json#write}: maps, lists, strings, numbers, booleans, null). */
        public Writer json(String name, Object document) {
            return bytes(name, Json.write(document).getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a safetensors file of {@code tensors} with {@code metadata} (may be empty) as its header's. */
        public Writer tensors(String name, Map<String, Tensor> tensors, Map<String, String> metadata)
                throws IOException {
            Path tmp = Files.createTempFile("vireo-archive", ".safetensors");
            try {
                SafeTensors.write(tensors, tmp, metadata);
                return bytes(name, Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        /**
         * Writes the file atomically: the entries, then {@code metadata.json} with the format, versions, date,
         * {@code extra} (the writer's own keys, e.g. epochs completed) and the SHA-256 of every entry.
         */
        public void write(Path path, Kind kind, int formatVersion, Map<String, Object> extra) throws IOException {
            var meta = new LinkedHashMap<String, Object>();
            meta.put("format", kind.format());
            meta.put("format_version", formatVersion);
            meta.put("vireo_version", version());
            meta.put("java_version", System.getProperty("java.version"));
            meta.put("date_saved", Instant.now().toString());
            meta.putAll(extra);
            var sums = new LinkedHashMap<String, Object>();
            entries.forEach((k, v) -> sums.put(k, sha256(v)));
            meta.put("sha256", sums);
            byte[] metaBytes = Json.write(meta).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.replace(path, ch -> {
                var zip = new ZipOutputStream(Channels.newOutputStream(ch));
                for (var e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
                put(zip, METADATA, metaBytes);
                zip.finish(); // not close(): AtomicFiles forces and closes the channel itself
                zip.flush();
            });
        }

        /**
         * Stored, not deflated: float weights barely compress (ResNet-50: 8 %) and deflating them made writing a
         * .vireo several times slower than writing the safetensors file itself.
         */
        private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(data);
            zip.closeEntry();
        }
    }

    // ------------------------------------------------------------ read

    /**
     * Reads and checks the whole file: a zip whose {@code metadata.json} lists every other entry with its
     * SHA-256, each matching.
     *
     * @throws IOException naming the file and what is wrong, for anything that is not such a zip (truncated,
     *                     altered, another format)
     */
    public static VireoArchive read(Path path) throws IOException {
        Map<String, byte[]> entries = readZip(path);
        byte[] metaBytes = entries.get(METADATA);
        if (metaBytes == null) {
            throw new IOException(path + ": not a complete .vireo model file: missing " + METADATA
                    + "; entries present: " + names(entries));
        }
        Map<String, Object> meta;
        try {
            // The Python dialect: Json.write puts a non-finite double as NaN/Infinity, as Keras does.
            meta = Json.parseObject(new String(metaBytes, StandardCharsets.UTF_8), path + ":" + METADATA,
                    Json.Dialect.PYTHON);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + METADATA + " is not valid JSON (" + e.getMessage()
                    + "); the file is corrupt", e);
        }
        if (!(meta.get("sha256") instanceof Map<?, ?> sums)) {
            throw new IOException(path + ": " + METADATA + " has no \"sha256\" object; not a .vireo model file");
        }
        for (var e : entries.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                continue;
            }
            Object want = sums.get(e.getKey());
            if (want == null) {
                throw new IOException(path + ": entry " + e.getKey() + " is not listed in " + METADATA
                        + "; the file was altered");
            }
            if (!want.equals(sha256(e.getValue()))) {
                throw new IOException(path + ": entry " + e.getKey() + " does not match its SHA-256 in " + METADATA
                        + "; the file is corrupt or was altered");
            }
        }
        for (Object listed : sums.keySet()) {
            if (!entries.containsKey(String.valueOf(listed))) {
                throw new IOException(path + ": entry " + listed + " listed in " + METADATA
                        + " is missing; the file is truncated or was altered");
            }
        }
        return new VireoArchive(path, entries, meta);
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** {@code metadata.json} as parsed (maps, lists, strings, {@code Long}/{@code Double}, booleans). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The writer's {@code "format"} (null when absent). */
    public String format() {
        Object f = metadata.get("format");
        return f == null ? null : String.valueOf(f);
    }

    /** The writer, or null for a format this Vireo does not know. */
    public Kind kind() {
        return Kind.of(format());
    }

    /**
     * Checks that {@code kind} wrote the file, in a format version at most {@code maxVersion}.
     *
     * @throws IOException one line saying what the file holds instead and what to use it with, or that the
     *                     format is newer than this Vireo reads
     */
    public void require(Kind kind, int maxVersion) throws IOException {
        Kind actual = kind();
        if (actual != kind) {
            String holds = actual != null ? actual.holds() : "format '" + format() + "'";
            String use = actual != null ? "; " + actual.use() + " " + path : "";
            throw new IOException(path + " holds " + holds + ", not " + kind.holds() + use);
        }
        Object v = metadata.get("format_version");
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
            throw new IOException(path + ": " + METADATA + ": \"format_version\": expected an integer, received "
                    + v);
        }
        if (n.intValue() > maxVersion) {
            throw new IOException(path + ": format version " + n.intValue() + " is newer than this Vireo reads ("
                    + maxVersion + "); upgrade Vireo");
        }
    }

    /** Whether the file has an entry {@code name}. */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The entries' names, in file order ({@code metadata.json} last). */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The bytes of entry {@code name}; an {@code IOException} naming the entries present when it is missing. */
    public byte[] bytes(String name) throws IOException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new IOException(path + ": not a complete .vireo model file: missing " + name + "; entries present: "
                    + names(entries));
        }
        return b.clone();
    }

    /** Entry {@code name} parsed as a JSON object (Python dialect: NaN and Infinity allowed). */
    public Map<String, Object> json(String name) throws IOException {
        String where = path + ":" + name;
        try {
            return Json.parseObject(new String(bytes(name), StandardCharsets.UTF_8), where, Json.Dialect.PYTHON);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    /** Entry {@code name} read as a safetensors file. */
    public Tensors tensors(String name) throws IOException {
        byte[] data = bytes(name);
        Path tmp = Files.createTempFile("vireo-archive", ".safetensors");
        try {
            Files.write(tmp, data);
            return new Tensors(SafeTensors.read(tmp), SafeTensors.readMetadata(tmp));
        } catch (IOException e) {
            throw new IOException(path + ": entry " + name + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ------------------------------------------------------------ helpers

    /**
     * Every entry, in the central directory's order. {@code ZipFile}, not a {@code ZipInputStream}: it starts from
     * the central directory at the end of the file, so a file cut anywhere is refused, even one whose entries all
     * arrived.
     */
    private static Map<String, byte[]> readZip(Path path) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var zip = new ZipFile(path.toFile())) {
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry e = it.nextElement();
                if (out.containsKey(e.getName())) {
                    throw new IOException(path + ": duplicate entry " + e.getName());
                }
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), readBounded(in, path, e.getName()));
                }
            }
        } catch (ZipException | EOFException e) {
            throw new IOException(path + ": not a readable .vireo file (a zip): " + e.getMessage()
                    + "; it may be truncated or corrupt", e);
        }
        if (out.isEmpty()) {
            throw new IOException(path + ": not a .vireo model file (no zip entries; truncated or another format)");
        }
        return out;
    }

    private static byte[] readBounded(InputStream in, Path path, String name) throws IOException {
        var buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > MAX_ENTRY) {
                throw new IOException(path + ": entry " + name + " is larger than 2 GiB");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    /** At most a few names: another zip (a PyTorch checkpoint) may hold hundreds. */
    private static String names(Map<String, byte[]> entries) {
        List<String> names = new ArrayList<>(entries.keySet());
        return names.size() <= 6 ? names.toString()
                : names.subList(0, 6).toString().replace("]", ", ... (" + names.size() + " in all)]");
    }

    /** The lowercase hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String v = VireoArchive.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
