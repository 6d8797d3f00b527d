package pxlab.jfr.chunk;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one chunk's bytes, reading JFR's encodings: integers as LEB128-style varints (seven bits a byte,
 * low first; the ninth byte carries a full eight), floats, doubles and header fields big-endian, booleans and bytes
 * raw, and strings as an encoding byte and a payload.
 *
 * <p><b>Note</b>: reads are bounded by the array, which may be longer than the chunk (a reused buffer): positions are
 * checked against the chunk's length, and {@link ChunkParser} checks that each event ends inside its own size. A
 * read past the array throws {@link ArrayIndexOutOfBoundsException}, which it reports as damage.
 */
final class ChunkInput {

    /** The string encodings: what the byte before a string says. */
    static final byte STRING_NULL = 0;
    static final byte STRING_EMPTY = 1;
    static final byte STRING_CONSTANT = 2;
    static final byte STRING_UTF8 = 3;
    static final byte STRING_CHARS = 4;
    static final byte STRING_LATIN1 = 5;

    /** Longest string {@link #readInline} looks up in {@link #recent} before making a new one. */
    private static final int RECENT_MAX_BYTES = 32;

    private final byte[] bytes;
    private final int length;
    private int pos;
    /**
     * Short strings read lately, by a hash of their bytes: events repeat a few short values ({@code mutex},
     * {@code SCHED_OTHER}) millions of times, and one String each would be most of what a chunk's records hold.
     */
    private final String[] recent = new String[256];
    private char[] chars = new char[64];

    /**
     * Reads a chunk.
     *
     * @param bytes  The chunk, from index 0.
     * @param length Its size: the array may be longer, and what follows is not the chunk's.
     */
    ChunkInput(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    int position() {
        return pos;
    }

    void position(int at) {
        if (at < 0 || at > length)
            throw new ArrayIndexOutOfBoundsException("position " + at + " outside the chunk's " + length + " bytes");
        pos = at;
    }

    int size() {
        return length;
    }

    long readLong() {
        long v = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = bytes[pos++];
            v |= (b & 0x7FL) << shift;
            if (b >= 0) return v;
        }
        return v | (bytes[pos++] & 0xFFL) << 56;
    }

    int readInt() {
        return (int) readLong();
    }

    byte readByte() {
        return bytes[pos++];
    }

    boolean readBoolean() {
        return bytes[pos++] != 0;
    }

    long rawLong(int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (bytes[at + i] & 0xFFL);
        return v;
    }

    int rawInt(int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }

    float readFloat() {
        float f = Float.intBitsToFloat(rawInt(pos));
        pos += 4;
        return f;
    }

    double readDouble() {
        double d = Double.longBitsToDouble(rawLong(pos));
        pos += 8;
        return d;
    }

    /**
     * Reads a string that carries its own characters: never a constant-pool reference.
     *
     * @param encoding The encoding byte, already read.
     * @return The string; {@code null} for {@link #STRING_NULL}.
     */
    String readInline(byte encoding) {
        switch (encoding) {
            case STRING_NULL: return null;
            case STRING_EMPTY: return "";
            case STRING_UTF8: return text(StandardCharsets.UTF_8);
            case STRING_LATIN1: return text(StandardCharsets.ISO_8859_1);
            case STRING_CHARS: return chars();
            default: throw new IllegalStateException("unknown string encoding " + encoding + " at byte " + (pos - 1));
        }
    }

    /** Skips a string of any encoding. */
    void skipString() {
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL: case STRING_EMPTY: return;
            case STRING_CONSTANT: readLong(); return;
            case STRING_UTF8: case STRING_LATIN1: {
                int n = length();   // not "pos += length()": that adds to pos as it was before the length
                pos += n;
                return;
            }
            case STRING_CHARS: for (int n = length(); n > 0; n--) readLong(); return;
            default: throw new IllegalStateException("unknown string encoding " + encoding + " at byte " + (pos - 1));
        }
    }

    private String text(Charset charset) {
        int n = length();
        if (n > RECENT_MAX_BYTES) {
            String s = new String(bytes, pos, n, charset);
            pos += n;
            return s;
        }
        int h = n;
        for (int i = pos; i < pos + n; i++) h = 31 * h + bytes[i];
        int slot = (h ^ h >>> 8) & (recent.length - 1);
        String s = recent[slot];
        if (s == null || !sameAscii(s, pos, n)) {
            s = new String(bytes, pos, n, charset);
            recent[slot] = s;
        }
        pos += n;
        return s;
    }

    /** A string written as varint chars, which is how JDK 17 writes an event's string field. */
    private String chars() {
        int n = length();
        if (chars.length < n) chars = new char[Math.max(n, chars.length * 2)];
        int h = n;
        for (int i = 0; i < n; i++) {
            chars[i] = (char) readLong();
            h = 31 * h + chars[i];
        }
        if (n > RECENT_MAX_BYTES) return new String(chars, 0, n);
        int slot = (h ^ h >>> 8) & (recent.length - 1);
        String s = recent[slot];
        if (s == null || !sameChars(s, n)) {
            s = new String(chars, 0, n);
            recent[slot] = s;
        }
        return s;
    }

    private boolean sameChars(String s, int n) {
        if (s.length() != n) return false;
        for (int i = 0; i < n; i++) if (s.charAt(i) != chars[i]) return false;
        return true;
    }

    /** Whether a string is these bytes, all ASCII (the same in Latin-1 and UTF-8). */
    private boolean sameAscii(String s, int at, int n) {
        if (s.length() != n) return false;
        for (int i = 0; i < n; i++) {
            byte b = bytes[at + i];
            if (b < 0 || s.charAt(i) != b) return false;
        }
        return true;
    }

    private int length() {
        return readCount(1, "string bytes");
    }

    /**
     * Reads a count of things that follow (strings, attributes, constants, array elements), checked against the
     * bytes left in the chunk: a count no damaged file can make the reader allocate for, or loop over, beyond
     * what the chunk holds.
     *
     * @param bytesEach The fewest bytes one of the things takes.
     * @param what      What is counted, for the message.
     * @return The count, from 0 to the bytes left divided by {@code bytesEach}.
     */
    int readCount(int bytesEach, String what) {
        int at = pos;
        long n = readLong();
        if (n < 0 || n > (length - pos) / bytesEach)
            throw new IllegalStateException(n + " " + what + " at byte " + at + ", more than the " + (length - pos)
                    + " bytes left in the chunk hold");
        return (int) n;
    }
}
