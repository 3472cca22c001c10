package vireo.io.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive the way PyTorch's {@code PyTorchStreamWriter} does: every entry STORED (uncompressed), its
 * data starting on a 64-byte boundary thanks to a padding extra field (id {@code FB}, filled with {@code Z}), so a
 * reader can map storages straight from the file. Unlike torch, sizes and CRC go in the local header (no data
 * descriptor): the size is known in advance and the CRC is patched in after the data, so the data is streamed
 * once. Timestamps are fixed (1980-01-01), so equal input gives an equal file.
 *
 * <p>No Zip64: the archive must stay under 4 GiB and 65,535 entries, and saying so is an error, not a broken file.
 */
final class AlignedZipWriter {

    static final int ALIGNMENT = 64;
    private static final long LIMIT = 0xFFFFFFFFL;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;

    /** Produces an entry's bytes into the sink, exactly as many as announced. */
    @FunctionalInterface
    interface Body {
        void write(Sink sink) throws IOException;
    }

    /** Where an entry's bytes go: counted and checksummed on the way to the file. */
    final class Sink {
        private long written;

        /** Writes {@code buf} from its position to its limit. */
        void write(ByteBuffer buf) throws IOException {
            crc.update(buf.duplicate());
            written += buf.remaining();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    private record Central(byte[] name, long crc, long size, long offset) {
    }

    private final FileChannel ch;
    private final String file;
    private final List<Central> entries = new ArrayList<>();
    private final CRC32 crc = new CRC32();

    AlignedZipWriter(FileChannel ch, String file) {
        this.ch = ch;
        this.file = file;
    }

    void add(String name, byte[] data) throws IOException {
        add(name, data.length, sink -> sink.write(ByteBuffer.wrap(data)));
    }

    void add(String name, long size, Body body) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        long offset = ch.position();
        if (size >= LIMIT || offset + size >= LIMIT || entries.size() >= 0xFFFF) {
            throw new TorchFormatException(file + ": the checkpoint would exceed 4 GiB or 65,535 records at '"
                    + name + "'; writing Zip64 archives is not supported (save as .safetensors instead)");
        }
        // Extra field header (4 bytes) plus padding so that the data begins on the alignment boundary.
        long dataStart = offset + 30 + n.length + 4;
        int pad = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        ByteBuffer h = ByteBuffer.allocate(30 + n.length + 4 + pad).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x04034b50).putShort((short) 20).putShort(flags(name)).putShort((short) 0)
                .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                .putInt(0) // CRC-32, patched below
                .putInt((int) size).putInt((int) size).putShort((short) n.length).putShort((short) (4 + pad))
                .put(n).put((byte) 'F').put((byte) 'B').putShort((short) pad);
        for (int i = 0; i < pad; i++) {
            h.put((byte) 'Z');
        }
        writeFully(h.flip());
        crc.reset();
        Sink sink = new Sink();
        body.write(sink);
        if (sink.written != size) {
            throw new IllegalStateException(name + ": announced " + size + " bytes, wrote " + sink.written);
        }
        long end = ch.position();
        ByteBuffer c = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).flip();
        while (c.hasRemaining()) {
            ch.write(c, offset + 14 + c.position());
        }
        ch.position(end);
        entries.add(new Central(n, crc.getValue(), size, offset));
    }

    /** Writes the central directory and the end record. */
    void finish() throws IOException {
        long cdStart = ch.position();
        for (Central e : entries) {
            ByteBuffer h = ByteBuffer.allocate(46 + e.name.length).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort(flags(new String(e.name, StandardCharsets.UTF_8))).putShort((short) 0)
                    .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                    .putInt((int) e.crc).putInt((int) e.size).putInt((int) e.size)
                    .putShort((short) e.name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.offset).put(e.name);
            writeFully(h.flip());
        }
        long cdSize = ch.position() - cdStart;
        if (ch.position() >= LIMIT) {
            throw new TorchFormatException(file + ": the checkpoint would exceed 4 GiB; writing Zip64 archives is "
                    + "not supported (save as .safetensors instead)");
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
        writeFully(end.flip());
    }

    /** Bit 11 (names are UTF-8) when a name is not plain ASCII. */
    private static short flags(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return 0x0800;
            }
        }
        return 0;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
