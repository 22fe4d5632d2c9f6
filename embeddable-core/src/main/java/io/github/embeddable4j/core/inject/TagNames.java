package io.github.embeddable4j.core.inject;

/**
 * Tag names as the scanner needs them, without allocating: a name is packed into a long, five bits a unit (ASCII
 * letters, either case, as 1 to 26; anything else as 27), so comparing names is comparing longs. Names longer than
 * {@link #MAX_LENGTH} pack to {@link #TOO_LONG}, which matches nothing. What a name means is one look-up in a table
 * without collisions. Also the unit classes tags are made of.
 */
final class TagNames {

    /** The longest name packed: {@code plaintext} has 9 units. */
    static final int MAX_LENGTH = 12;
    static final long TOO_LONG = -1;

    // Unit classes, for ASCII (0 for every byte or char from 0x80).
    static final int SPACE = 1;
    static final int SLASH = 2;
    static final int GT = 4;
    static final int EQUALS = 8;
    static final int TAG_NAME_END = SPACE | SLASH | GT;
    static final int SPACE_OR_SLASH = SPACE | SLASH;
    static final int ATTR_NAME_END = SPACE | SLASH | EQUALS | GT;
    static final int SPACE_OR_GT = SPACE | GT;
    /** Indexed by a byte value (0 to 255); chars from 0x80 must not be looked up. */
    static final byte[] CLASSES = new byte[256];
    /** A unit's code in a packed name, by byte value: 1 to 26 for letters, 0 for what ends a name, 27 for the rest. */
    static final byte[] CODES = new byte[256];
    static final int OTHER_CODE = 27;

    // What a name means.
    /** A start tag the parser keeps in the head: it does not end the head. */
    static final int IN_HEAD = 1;
    /** Its content is raw text (or RCDATA): no tags until its own end tag. */
    static final int RAW_TEXT = 2;
    static final int PLAINTEXT = 4;
    static final int TEMPLATE = 8;
    /** An end tag that ends the head when it is still open ({@code </html>}, {@code </br>}). */
    static final int END_TAG_ENDS_HEAD = 16;
    /** {@code head} and {@code body}: their end tags may be markers. */
    static final int MARKER = 32;
    /** {@code html}, {@code head} and {@code body}: a start tag says the response is a document, not a fragment. */
    static final int DOCUMENT = 64;

    static final long HEAD = pack("head");
    static final long BODY = pack("body");
    /** {@code HEAD_PREFIXES[n]} is the first n letters of "head", packed; so for "body". */
    static final long[] HEAD_PREFIXES = prefixes("head");
    static final long[] BODY_PREFIXES = prefixes("body");

    private static final int TABLE_BITS = 8;
    private static final long[] KEYS = new long[1 << TABLE_BITS];
    private static final int[] FLAGS = new int[1 << TABLE_BITS];

    static {
        for (char c : new char[] {' ', '\t', '\n', '\f', '\r'}) {
            CLASSES[c] = SPACE;
        }
        CLASSES['/'] = SLASH;
        CLASSES['>'] = GT;
        CLASSES['='] = EQUALS;
        for (int c = 0; c < 256; c++) {
            int letter = (c | 0x20) - 'a';
            boolean isLetter = letter >= 0 && letter < 26 && c < 0x80;
            CODES[c] = (byte) ((CLASSES[c] & TAG_NAME_END) != 0 ? 0 : isLetter ? letter + 1 : OTHER_CODE);
        }
        for (String n : new String[] {"base", "basefont", "bgsound", "link", "meta"}) {
            put(n, IN_HEAD);
        }
        put("head", IN_HEAD | MARKER | DOCUMENT);
        put("body", MARKER | DOCUMENT);
        for (String n : new String[] {"title", "noscript", "noframes", "style", "script"}) {
            put(n, IN_HEAD | RAW_TEXT);
        }
        for (String n : new String[] {"textarea", "xmp", "iframe", "noembed"}) {
            put(n, RAW_TEXT);
        }
        put("template", IN_HEAD | TEMPLATE);
        put("plaintext", PLAINTEXT);
        put("html", IN_HEAD | END_TAG_ENDS_HEAD | DOCUMENT);
        put("br", END_TAG_ENDS_HEAD);
    }

    private TagNames() {
    }

    static boolean isLetter(int c) {
        return Integer.compareUnsigned((c | 0x20) - 'a', 26) < 0;
    }

    static boolean isSpace(int c) {
        return c < 0x80 && (CLASSES[c] & SPACE) != 0;
    }

    /** The name {@code packed} (of {@code length} units) with unit {@code c} appended. */
    static long append(long packed, int length, int c) {
        if (length >= MAX_LENGTH) {
            return TOO_LONG;
        }
        int letter = (c | 0x20) - 'a';
        return packed << 5 | (Integer.compareUnsigned(letter, 26) < 0 ? letter + 1 : 27);
    }

    static long pack(String name) {
        long packed = 0;
        for (int i = 0; i < name.length(); i++) {
            packed = append(packed, i, name.charAt(i));
        }
        return packed;
    }

    /** What the packed name means: a combination of the flags above, 0 for most names. */
    static int flags(long packed) {
        int slot = slot(packed);
        return KEYS[slot] == packed ? FLAGS[slot] : 0;
    }

    private static int slot(long packed) {
        return (int) ((packed * 0x165667B19E3779F9L) >>> (64 - TABLE_BITS)); // no two names here collide
    }

    private static void put(String name, int flags) {
        long packed = pack(name);
        int slot = slot(packed);
        if (KEYS[slot] != 0 && KEYS[slot] != packed) {
            throw new IllegalStateException(name + " collides in the tag name table: change the multiplier");
        }
        KEYS[slot] = packed;
        FLAGS[slot] = flags;
    }

    private static long[] prefixes(String name) {
        long[] prefixes = new long[name.length() + 1];
        for (int n = 0; n <= name.length(); n++) {
            prefixes[n] = pack(name.substring(0, n));
        }
        return prefixes;
    }
}
