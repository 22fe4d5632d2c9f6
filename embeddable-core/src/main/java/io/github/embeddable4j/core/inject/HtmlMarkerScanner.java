package io.github.embeddable4j.core.inject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A small streaming HTML tokenizer that finds where the snippet goes: the {@code </head>} that really ends the head,
 * or else the first real {@code </body>} (see {@link InjectionPoint}). It follows the WHATWG tokenizer for every
 * state that decides what is a tag: markers inside comments, CDATA sections, bogus comments ({@code <!DOCTYPE>},
 * {@code <?...>}), attribute values and raw-text elements ({@code <script>}, {@code <style>}, {@code <textarea>},
 * {@code <title>}, ...) are not end tags. Tag names match case-insensitively and end in white space, '/' or '>'.
 *
 * <p>Of tree construction it models only what decides whether a {@code </head>} still ends the head: the head ends
 * without one at the first start tag of an element the parser does not keep in the head ({@code <body>},
 * {@code <div>}, ...), at non-white-space text, and at {@code </html>} or {@code </br>}; after that only
 * {@code </body>} counts. Nothing inside a {@code <template>} counts (its content is inert). Not modelled: foreign
 * content (SVG, MathML), {@code <select>}, framesets, script escape states, and CDATA sections, which are skipped
 * to {@code ]]>} as in XHTML and, like comments, leave the head open. A leading byte order mark is not text.
 *
 * <p>Units are bytes (for ASCII-compatible charsets, where every byte below 0x80 is that ASCII character and no
 * multi-byte sequence contains one) or UTF-16 chars. {@link #scan(byte[], int, int)} and
 * {@link #scan(char[], int, int)} are the same code for the two array types: a fast path that reads a whole tag at
 * once when it lies inside the array, and bulk skips over text, attribute values, comments and raw text; every other
 * unit goes through {@link #feed(int)}, the state machine one unit at a time. The scanner never looks back, so a
 * caller need hold back only the {@link #pending()} units that could still turn out to start a marker (at most 6).
 */
final class HtmlMarkerScanner {

    private static final int DATA = 0;
    private static final int TAG_OPEN = 1;
    private static final int END_TAG_OPEN = 2;
    private static final int TAG_NAME = 3;
    private static final int BEFORE_ATTR_NAME = 4;
    private static final int ATTR_NAME = 5;
    private static final int AFTER_ATTR_NAME = 6;
    private static final int BEFORE_ATTR_VALUE = 7;
    private static final int ATTR_VALUE_DQ = 8;
    private static final int ATTR_VALUE_SQ = 9;
    private static final int ATTR_VALUE_UNQ = 10;
    private static final int MARKUP_DECL = 11;
    private static final int MARKUP_DECL_DASH = 12;
    private static final int CDATA_OPEN = 13;
    private static final int CDATA = 14;
    private static final int BOGUS_COMMENT = 15;
    private static final int RAW_TEXT = 16;
    private static final int RAW_LT = 17;
    private static final int RAW_END_TAG = 18;
    private static final int PLAINTEXT = 19;
    // The WHATWG tokenizer's comment states, one for one (13.2.5.43 to 13.2.5.52).
    private static final int COMMENT_START = 20;
    private static final int COMMENT_START_DASH = 21;
    private static final int COMMENT = 22;
    private static final int COMMENT_LT = 23;
    private static final int COMMENT_LT_BANG = 24;
    private static final int COMMENT_LT_BANG_DASH = 25;
    private static final int COMMENT_LT_BANG_DASH_DASH = 26;
    private static final int COMMENT_END_DASH = 27;
    private static final int COMMENT_END = 28;
    private static final int COMMENT_END_BANG = 29;

    /** {@code </head>} and {@code </body>} are both 2 + 4 + 1 units long, counting the unit after the name. */
    static final int MARKER_LENGTH = 7;
    /** What {@link #attributesEnd} and {@link #rawEndAt} return when they need units past the end of the array. */
    private static final int SLOW = -1;

    private static final String CDATA_WORD = "CDATA[";
    /** Eight bytes of a byte array as one long, for {@link #indexOf(byte[], int, int, int)}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final int[] BOM_BYTES = {0xEF, 0xBB, 0xBF};

    private final boolean headIsMarker;
    private int state = DATA;
    /** The tag being read: its name packed by {@link TagNames#append}, its length, and whether it is an end tag. */
    private long name;
    private int nameLength;
    private boolean endTag;
    /** The raw-text element we are in (packed name), and the end tag name read so far inside it. */
    private long rawElement;
    private long rawName;
    private int rawNameLength;
    private int cdataMatch;
    private int brackets;
    /** Tree facts: the head has ended (only {@code </body>} counts now); how many templates are open. */
    private boolean headEnded;
    private int templateDepth;
    /** Units of a leading byte order mark seen; -1 once anything else has been. */
    private int bom;

    HtmlMarkerScanner(InjectionPoint point) {
        this.headIsMarker = point == InjectionPoint.HEAD_END;
    }

    /** Whether a {@code </head>} now would end the head: nothing has ended it, and no template is open. */
    private boolean headLive() {
        return headIsMarker && !headEnded && templateDepth == 0;
    }

    /** How many of the most recently scanned units may be the start of a marker and must be held back. */
    int pending() {
        if (templateDepth > 0) {
            return 0;
        }
        switch (state) {
            case TAG_OPEN:
                return 1;
            case END_TAG_OPEN:
                return 2;
            case TAG_NAME:
                return endTag && couldBeMarker() ? 2 + nameLength : 0;
            default:
                return 0;
        }
    }

    private boolean couldBeMarker() {
        return nameLength <= 4 && (name == TagNames.BODY_PREFIXES[nameLength]
                || (headLive() && name == TagNames.HEAD_PREFIXES[nameLength]));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The fast paths. scan(byte[]) and scan(char[]), dataRun, attributesEnd, rawEndAt and the skips are the same code
    // for the two array types; only the array type and the "& 0xFF" of a byte read differ. Keep them in step.

    /**
     * Scans {@code b[from..end)}. Returns the index just after the unit that completes a marker (the marker began
     * {@value #MARKER_LENGTH} units before that), or -1 when there is none in the range.
     */
    int scan(byte[] b, int from, int end) {
        int i = from;
        if (bom >= 0 && i < end) {
            i = skipByteOrderMark(b, i, end);
        }
        while (i < end) {
            int before = state;
            int next = switch (before) { // as far as a state's bulk path goes
                case DATA -> dataRun(b, i, end);
                case RAW_TEXT -> rawTextRun(b, i, end);
                case ATTR_VALUE_DQ -> indexOf(b, i, end, '"');
                case ATTR_VALUE_SQ -> indexOf(b, i, end, '\'');
                case BOGUS_COMMENT -> indexOf(b, i, end, '>');
                case COMMENT -> indexOf(b, i, end, '-', '<');
                case CDATA -> brackets == 0 ? indexOf(b, i, end, ']') : i;
                case PLAINTEXT -> end;
                default -> i;
            };
            if (next < 0) {
                return -next - 2; // a marker
            }
            i = next;
            if (i < end && state == before) { // the bulk path stopped at a unit the state machine must read
                if (feed(b[i] & 0xFF)) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /** The same as {@link #scan(byte[], int, int)}, for chars. */
    int scan(char[] b, int from, int end) {
        int i = from;
        if (bom >= 0 && i < end) {
            i = skipByteOrderMark(b, i, end);
        }
        while (i < end) {
            int before = state;
            int next = switch (before) { // as far as a state's bulk path goes
                case DATA -> dataRun(b, i, end);
                case RAW_TEXT -> rawTextRun(b, i, end);
                case ATTR_VALUE_DQ -> indexOf(b, i, end, '"');
                case ATTR_VALUE_SQ -> indexOf(b, i, end, '\'');
                case BOGUS_COMMENT -> indexOf(b, i, end, '>');
                case COMMENT -> indexOf(b, i, end, '-', '<');
                case CDATA -> brackets == 0 ? indexOf(b, i, end, ']') : i;
                case PLAINTEXT -> end;
                default -> i;
            };
            if (next < 0) {
                return -next - 2; // a marker
            }
            i = next;
            if (i < end && state == before) { // the bulk path stopped at a unit the state machine must read
                if (feed(b[i])) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * In the data state: reads tag after tag, each whole when it ends before {@code end}, as long as they leave the
     * state at DATA. Returns where it stopped: {@code end}; after a tag that opened raw text or plain text; at a '<'
     * that {@link #feed} must read (a tag running past {@code end}, a comment or other markup declaration, "</>"),
     * nothing having changed since; or {@code -2 - markerEnd} at a marker.
     */
    private int dataRun(byte[] b, int i, int end) {
        while (true) {
            i = headLive() ? headText(b, i, end) : indexOf(b, i, end, '<');
            int j = i + 1;
            if (j >= end) {
                return i;
            }
            int c = b[j] & 0xFF;
            boolean isEnd = c == '/';
            if (isEnd) {
                if (++j >= end) {
                    return i;
                }
                c = b[j] & 0xFF;
            }
            int code = TagNames.CODES[c];
            if (code == 0 || code == TagNames.OTHER_CODE) { // not a letter
                int bogusEnd = bogusCommentEnd(b, j, end, isEnd, c);
                if (bogusEnd == SLOW) {
                    return i;
                }
                if (bogusEnd < 0) {
                    notATag(); // '<' followed by anything else is text
                    i = j;
                } else {
                    i = bogusEnd;
                }
                continue;
            }
            long packed = 0;
            int length = 0;
            do {
                packed = packed << 5 | code;
                length++;
                if (++j >= end) {
                    return i;
                }
                c = b[j] & 0xFF;
                code = TagNames.CODES[c];
            } while (code != 0);
            if (isEnd && length == 4 && isLiveMarker(packed)) {
                return -2 - markerFound(packed, c, j);
            }
            int after = c == '>' ? j + 1 : attributesEnd(b, j, end);
            if (after < 0) {
                return i;
            }
            tagEnded(isEnd, length <= TagNames.MAX_LENGTH ? packed : TagNames.TOO_LONG);
            if (state != DATA) {
                return after;
            }
            i = after;
        }
    }

    /** In raw text: '<' after '<' until the element's end tag. Returns where it stopped (see scan). */
    private int rawTextRun(byte[] b, int i, int end) {
        while (true) {
            i = indexOf(b, i, end, '<');
            if (i == end) {
                return end;
            }
            int after = rawEndAt(b, i, end);
            if (after == SLOW || state != RAW_TEXT) {
                return after == SLOW ? i : after;
            }
            i = after;
        }
    }

    /**
     * In the data state: reads tag after tag, each whole when it ends before {@code end}, as long as they leave the
     * state at DATA. Returns where it stopped: {@code end}; after a tag that opened raw text or plain text; at a '<'
     * that {@link #feed} must read (a tag running past {@code end}, a comment or other markup declaration, "</>"),
     * nothing having changed since; or {@code -2 - markerEnd} at a marker.
     */
    private int dataRun(char[] b, int i, int end) {
        while (true) {
            i = headLive() ? headText(b, i, end) : indexOf(b, i, end, '<');
            int j = i + 1;
            if (j >= end) {
                return i;
            }
            int c = b[j];
            boolean isEnd = c == '/';
            if (isEnd) {
                if (++j >= end) {
                    return i;
                }
                c = b[j];
            }
            int code = c < 0x80 ? TagNames.CODES[c] : TagNames.OTHER_CODE;
            if (code == 0 || code == TagNames.OTHER_CODE) { // not a letter
                int bogusEnd = bogusCommentEnd(b, j, end, isEnd, c);
                if (bogusEnd == SLOW) {
                    return i;
                }
                if (bogusEnd < 0) {
                    notATag(); // '<' followed by anything else is text
                    i = j;
                } else {
                    i = bogusEnd;
                }
                continue;
            }
            long packed = 0;
            int length = 0;
            do {
                packed = packed << 5 | code;
                length++;
                if (++j >= end) {
                    return i;
                }
                c = b[j];
                code = c < 0x80 ? TagNames.CODES[c] : TagNames.OTHER_CODE;
            } while (code != 0);
            if (isEnd && length == 4 && isLiveMarker(packed)) {
                return -2 - markerFound(packed, c, j);
            }
            int after = c == '>' ? j + 1 : attributesEnd(b, j, end);
            if (after < 0) {
                return i;
            }
            tagEnded(isEnd, length <= TagNames.MAX_LENGTH ? packed : TagNames.TOO_LONG);
            if (state != DATA) {
                return after;
            }
            i = after;
        }
    }

    /** In raw text: '<' after '<' until the element's end tag. Returns where it stopped (see scan). */
    private int rawTextRun(char[] b, int i, int end) {
        while (true) {
            i = indexOf(b, i, end, '<');
            if (i == end) {
                return end;
            }
            int after = rawEndAt(b, i, end);
            if (after == SLOW || state != RAW_TEXT) {
                return after == SLOW ? i : after;
            }
            i = after;
        }
    }

    /**
     * From the unit after a tag name (white space, '/' or '>'), the index after the '>' that ends the tag, or
     * {@link #SLOW} when that is not before {@code end}. The attribute states of the tokenizer, in one loop.
     */
    private static int attributesEnd(byte[] b, int j, int end) {
        int c = b[j] & 0xFF;
        while (true) {
            // before attribute name; '/' (self-closing start tag state) comes back here unless a '>' follows
            while ((TagNames.CLASSES[c] & TagNames.SPACE_OR_SLASH) != 0) {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j] & 0xFF;
            }
            if (c == '>') {
                return j + 1;
            }
            // attribute name: its first unit may be anything else, even '=' or a quote
            do {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j] & 0xFF;
            } while ((TagNames.CLASSES[c] & TagNames.ATTR_NAME_END) == 0);
            // after attribute name
            while ((TagNames.CLASSES[c] & TagNames.SPACE) != 0) {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j] & 0xFF;
            }
            if (c != '=') {
                continue; // '>' ends the tag, '/' goes to before attribute name, anything else starts a name
            }
            // before attribute value
            do {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j] & 0xFF;
            } while ((TagNames.CLASSES[c] & TagNames.SPACE) != 0);
            if (c == '"' || c == '\'') {
                j = indexOf(b, j + 1, end, c);
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j] & 0xFF; // after attribute value (quoted): as before attribute name
            } else if (c != '>') {
                do { // attribute value (unquoted)
                    if (++j >= end) {
                        return SLOW;
                    }
                    c = b[j] & 0xFF;
                } while ((TagNames.CLASSES[c] & TagNames.SPACE_OR_GT) == 0);
            }
        }
    }

    /**
     * After {@code <} (or {@code </}) and a unit {@code c} at {@code j} that is not a letter: the index after the
     * '>' that ends a bogus comment ({@code <!DOCTYPE ...>}, {@code <!x>}, {@code <?...>}, {@code </ x>}), which
     * ends at the first '>' whatever comes between; -2 when the '<' is text; {@link #SLOW} for what {@link #feed}
     * reads ({@code </>}, {@code <!-}, {@code <![}, or a '>' not before {@code end}).
     */
    private static int bogusCommentEnd(byte[] b, int j, int end, boolean isEnd, int c) {
        int from;
        if (isEnd) {
            if (c == '>') {
                return SLOW;
            }
            from = j;
        } else if (c == '?') {
            from = j + 1;
        } else if (c == '!') {
            if (j + 1 >= end || b[j + 1] == '-' || b[j + 1] == '[') {
                return SLOW;
            }
            from = j + 1;
        } else {
            return -2;
        }
        int gt = indexOf(b, from, end, '>');
        return gt < end ? gt + 1 : SLOW;
    }

    /** The same as {@link #attributesEnd(byte[], int, int)}, for chars. */
    private static int attributesEnd(char[] b, int j, int end) {
        int c = b[j];
        while (true) {
            // before attribute name; '/' (self-closing start tag state) comes back here unless a '>' follows
            while (c < 0x80 && (TagNames.CLASSES[c] & TagNames.SPACE_OR_SLASH) != 0) {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j];
            }
            if (c == '>') {
                return j + 1;
            }
            // attribute name: its first unit may be anything else, even '=' or a quote
            do {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j];
            } while (c >= 0x80 || (TagNames.CLASSES[c] & TagNames.ATTR_NAME_END) == 0);
            // after attribute name
            while (c < 0x80 && (TagNames.CLASSES[c] & TagNames.SPACE) != 0) {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j];
            }
            if (c != '=') {
                continue; // '>' ends the tag, '/' goes to before attribute name, anything else starts a name
            }
            // before attribute value
            do {
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j];
            } while (c < 0x80 && (TagNames.CLASSES[c] & TagNames.SPACE) != 0);
            if (c == '"' || c == '\'') {
                j = indexOf(b, j + 1, end, c);
                if (++j >= end) {
                    return SLOW;
                }
                c = b[j]; // after attribute value (quoted): as before attribute name
            } else if (c != '>') {
                do { // attribute value (unquoted)
                    if (++j >= end) {
                        return SLOW;
                    }
                    c = b[j];
                } while (c >= 0x80 || (TagNames.CLASSES[c] & TagNames.SPACE_OR_GT) == 0);
            }
        }
    }

    /**
     * After {@code <} (or {@code </}) and a unit {@code c} at {@code j} that is not a letter: the index after the
     * '>' that ends a bogus comment ({@code <!DOCTYPE ...>}, {@code <!x>}, {@code <?...>}, {@code </ x>}), which
     * ends at the first '>' whatever comes between; -2 when the '<' is text; {@link #SLOW} for what {@link #feed}
     * reads ({@code </>}, {@code <!-}, {@code <![}, or a '>' not before {@code end}).
     */
    private static int bogusCommentEnd(char[] b, int j, int end, boolean isEnd, int c) {
        int from;
        if (isEnd) {
            if (c == '>') {
                return SLOW;
            }
            from = j;
        } else if (c == '?') {
            from = j + 1;
        } else if (c == '!') {
            if (j + 1 >= end || b[j + 1] == '-' || b[j + 1] == '[') {
                return SLOW;
            }
            from = j + 1;
        } else {
            return -2;
        }
        int gt = indexOf(b, from, end, '>');
        return gt < end ? gt + 1 : SLOW;
    }

    /**
     * In raw text, at a '<': returns the index to go on from. When {@code </name} of the element and a delimiter
     * follow, the raw text ends there (the index is after the delimiter); when what follows is something else, the
     * index is that of its first unit that is not "</" or a letter. {@link #SLOW} when that is not inside the array
     * (feed takes the '<').
     */
    private int rawEndAt(byte[] b, int i, int end) {
        int j = i + 1;
        if (j >= end) {
            return SLOW;
        }
        if (b[j] != '/') {
            return j; // the '<' is text; the unit after it is read again as raw text
        }
        long packed = 0;
        int length = 0;
        int c;
        while (++j < end && TagNames.isLetter(c = b[j] & 0xFF)) {
            packed = TagNames.append(packed, length++, c);
        }
        if (j >= end) {
            return SLOW;
        }
        // Not the element's end tag: "</" and the letters are text, the unit after them is read again as raw text.
        return length > 0 && packed == rawElement && rawTextEnded(b[j] & 0xFF) ? j + 1 : j;
    }

    /** The same as {@link #rawEndAt(byte[], int, int)}, for chars. */
    private int rawEndAt(char[] b, int i, int end) {
        int j = i + 1;
        if (j >= end) {
            return SLOW;
        }
        if (b[j] != '/') {
            return j; // the '<' is text; the unit after it is read again as raw text
        }
        long packed = 0;
        int length = 0;
        int c;
        while (++j < end && TagNames.isLetter(c = b[j])) {
            packed = TagNames.append(packed, length++, c);
        }
        if (j >= end) {
            return SLOW;
        }
        // Not the element's end tag: "</" and the letters are text, the unit after them is read again as raw text.
        return length > 0 && packed == rawElement && rawTextEnded(b[j]) ? j + 1 : j;
    }

    /** Text while the head may still end with {@code </head>}: white space keeps it open, anything else ends it. */
    private int headText(byte[] b, int i, int end) {
        for (; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c == '<') {
                return i;
            }
            if (!TagNames.isSpace(c)) {
                headEnded = true;
                return indexOf(b, i, end, '<');
            }
        }
        return end;
    }

    /** The same as {@link #headText(byte[], int, int)}, for chars. */
    private int headText(char[] b, int i, int end) {
        for (; i < end; i++) {
            int c = b[i];
            if (c == '<') {
                return i;
            }
            if (!TagNames.isSpace(c)) {
                headEnded = true;
                return indexOf(b, i, end, '<');
            }
        }
        return end;
    }

    /** Steps over a byte order mark at the very start (EF BB BF, perhaps across writes); it is not text. */
    private int skipByteOrderMark(byte[] b, int i, int end) {
        while (i < end && bom >= 0) {
            if ((b[i] & 0xFF) != BOM_BYTES[bom]) {
                if (bom > 0 && headLive()) {
                    headEnded = true; // EF or EF BB without the rest: text
                }
                bom = -1;
                return i;
            }
            i++;
            bom = bom == 2 ? -1 : bom + 1;
        }
        return i;
    }

    /** Steps over a byte order mark (U+FEFF) at the very start; it is not text. */
    private int skipByteOrderMark(char[] b, int i, int end) {
        bom = -1;
        return b[i] == '\uFEFF' ? i + 1 : i;
    }

    /**
     * The index of the first {@code unit} in {@code b[from..end)}, or {@code end}. Eight bytes at a time: XOR with
     * the unit repeated makes its bytes zero, and {@code (x - 0x01..) & ~x & 0x80..} marks the lowest zero byte
     * exactly (a borrow only runs up from a zero byte below).
     */
    private static int indexOf(byte[] b, int from, int end, int unit) {
        int i = from;
        if (i < end && b[i] == unit) {
            return i; // a tag right after a tag, a quote closing an empty value: common, and no set-up
        }
        long pattern = unit * ONES;
        for (; i <= end - 8; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        byte u = (byte) unit;
        while (i < end && b[i] != u) {
            i++;
        }
        return i;
    }

    /** The same as {@link #indexOf(byte[], int, int, int)}, for chars. */
    private static int indexOf(char[] b, int from, int end, int unit) {
        int i = from;
        while (i < end && b[i] != unit) {
            i++;
        }
        return i;
    }

    /** The index of the first {@code u1} or {@code u2} in {@code b[from..end)}, or {@code end}. */
    private static int indexOf(byte[] b, int from, int end, int u1, int u2) {
        int i = from;
        long pattern1 = u1 * ONES;
        long pattern2 = u2 * ONES;
        for (; i <= end - 8; i += 8) {
            long word = (long) LONGS.get(b, i);
            long x1 = word ^ pattern1;
            long x2 = word ^ pattern2;
            long zero = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < end && b[i] != u1 && b[i] != u2) {
            i++;
        }
        return i;
    }

    /** The same as {@link #indexOf(byte[], int, int, int, int)}, for chars. */
    private static int indexOf(char[] b, int from, int end, int u1, int u2) {
        int i = from;
        while (i < end && b[i] != u1 && b[i] != u2) {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What both paths share: the effects of a tag on the tree facts, and the state machine one unit at a time.

    /** A '<' that starts no tag: it is text, which ends the head. */
    private void notATag() {
        if (headLive()) {
            headEnded = true;
        }
    }

    /** Whether an end tag with this (four-unit) name is a marker now. */
    private boolean isLiveMarker(long packed) {
        return templateDepth == 0 && (packed == TagNames.BODY || (packed == TagNames.HEAD && headLive()));
    }

    /**
     * A marker's name ended at {@code delimiter} (index {@code at}): the state goes on as for any end tag, in case the
     * caller cannot use this marker and scans on. A {@code </head>} ends the head. Returns the index after it.
     */
    private int markerFound(long packed, int delimiter, int at) {
        if (packed == TagNames.HEAD) {
            headEnded = true;
        }
        name = packed;
        nameLength = 4;
        endTag = true;
        state = delimiter == '>' ? DATA : BEFORE_ATTR_NAME;
        return at + 1;
    }

    /** A start or end tag ended with '>'. Most change nothing; see {@link #tagEffects}. */
    private void tagEnded(boolean isEnd, long packed) {
        int flags = TagNames.flags(packed);
        state = DATA;
        if (flags != 0 || headLive()) {
            tagEffects(isEnd, packed, flags);
        }
    }

    /** What a tag with these flags does to the tree facts, and the state after it. */
    private void tagEffects(boolean isEnd, long packed, int flags) {
        if (isEnd) {
            if ((flags & TagNames.TEMPLATE) != 0 && templateDepth > 0) {
                templateDepth--;
            } else if ((flags & TagNames.END_TAG_ENDS_HEAD) != 0 && headLive()) {
                headEnded = true;
            }
            return;
        }
        if ((flags & TagNames.IN_HEAD) == 0 && headLive()) {
            headEnded = true;
        }
        if ((flags & TagNames.TEMPLATE) != 0) {
            templateDepth++;
        } else if ((flags & TagNames.RAW_TEXT) != 0) {
            state = RAW_TEXT;
            rawElement = packed;
        } else if ((flags & TagNames.PLAINTEXT) != 0) {
            state = PLAINTEXT;
        }
    }

    /** After {@code </name} of the raw-text element: a delimiter ends the raw text. Returns whether it did. */
    private boolean rawTextEnded(int c) {
        if (c == '>') {
            state = DATA;
        } else if (TagNames.isSpace(c) || c == '/') {
            name = rawElement; // the end tag goes on with attributes; at its '>' it changes nothing
            nameLength = 0;
            endTag = true;
            state = BEFORE_ATTR_NAME;
        } else {
            return false;
        }
        return true;
    }

    /**
     * Feeds one unit, one state at a time. Returns true when it completes a marker: the marker then began
     * {@value #MARKER_LENGTH} units back, counting this one (the unit after the tag name).
     */
    boolean feed(int c) {
        bom = -1;
        switch (state) {
            case DATA -> data(c);
            case TAG_OPEN -> tagOpen(c);
            case END_TAG_OPEN -> endTagOpen(c);
            case TAG_NAME -> {
                return tagName(c);
            }
            case BEFORE_ATTR_NAME -> beforeAttrName(c);
            case ATTR_NAME -> attrName(c);
            case AFTER_ATTR_NAME -> afterAttrName(c);
            case BEFORE_ATTR_VALUE -> beforeAttrValue(c);
            case ATTR_VALUE_DQ -> {
                if (c == '"') {
                    state = BEFORE_ATTR_NAME;
                }
            }
            case ATTR_VALUE_SQ -> {
                if (c == '\'') {
                    state = BEFORE_ATTR_NAME;
                }
            }
            case ATTR_VALUE_UNQ -> attrValueUnquoted(c);
            case MARKUP_DECL -> markupDeclaration(c);
            case MARKUP_DECL_DASH -> markupDeclarationDash(c);
            case CDATA_OPEN -> cdataOpen(c);
            case CDATA -> cdata(c);
            case BOGUS_COMMENT -> {
                if (c == '>') {
                    state = DATA;
                }
            }
            case RAW_TEXT, RAW_LT, RAW_END_TAG -> rawText(c);
            case PLAINTEXT -> { } // the rest of the document is text
            default -> comment(c);
        }
        return false;
    }

    private void data(int c) {
        if (c == '<') {
            state = TAG_OPEN;
        } else if (headLive() && !TagNames.isSpace(c)) {
            headEnded = true;
        }
    }

    private void tagOpen(int c) {
        if (c == '/') {
            state = END_TAG_OPEN;
        } else if (c == '!') {
            state = MARKUP_DECL;
        } else if (c == '?') {
            state = BOGUS_COMMENT;
        } else if (TagNames.isLetter(c)) {
            startName(c, false);
        } else {
            notATag();
            if (c != '<') { // another '<' may start a tag
                state = DATA;
                data(c);
            }
        }
    }

    private void endTagOpen(int c) {
        if (TagNames.isLetter(c)) {
            startName(c, true);
        } else {
            state = c == '>' ? DATA : BOGUS_COMMENT;
        }
    }

    private void startName(int c, boolean isEnd) {
        name = TagNames.append(0, 0, c);
        nameLength = 1;
        endTag = isEnd;
        state = TAG_NAME;
    }

    private boolean tagName(int c) {
        if (c >= 0x80 || (TagNames.CLASSES[c] & TagNames.TAG_NAME_END) == 0) {
            name = TagNames.append(name, nameLength++, c);
            return false;
        }
        if (endTag && nameLength == 4 && isLiveMarker(name)) {
            markerFound(name, c, 0);
            return true;
        }
        if (c == '>') {
            tagEnded(endTag, name);
        } else {
            state = BEFORE_ATTR_NAME;
        }
        return false;
    }

    private void beforeAttrName(int c) {
        if (c == '>') {
            tagEnded(endTag, name);
        } else if (!TagNames.isSpace(c) && c != '/') {
            state = ATTR_NAME;
        }
    }

    private void attrName(int c) {
        if (TagNames.isSpace(c)) {
            state = AFTER_ATTR_NAME;
        } else if (c == '/') {
            state = BEFORE_ATTR_NAME;
        } else if (c == '=') {
            state = BEFORE_ATTR_VALUE;
        } else if (c == '>') {
            tagEnded(endTag, name);
        }
    }

    private void afterAttrName(int c) {
        if (c == '>') {
            tagEnded(endTag, name);
        } else if (c == '/') {
            state = BEFORE_ATTR_NAME;
        } else if (c == '=') {
            state = BEFORE_ATTR_VALUE;
        } else if (!TagNames.isSpace(c)) {
            state = ATTR_NAME;
        }
    }

    private void beforeAttrValue(int c) {
        if (c == '"') {
            state = ATTR_VALUE_DQ;
        } else if (c == '\'') {
            state = ATTR_VALUE_SQ;
        } else if (c == '>') {
            tagEnded(endTag, name);
        } else if (!TagNames.isSpace(c)) {
            state = ATTR_VALUE_UNQ;
        }
    }

    private void attrValueUnquoted(int c) {
        if (TagNames.isSpace(c)) {
            state = BEFORE_ATTR_NAME;
        } else if (c == '>') {
            tagEnded(endTag, name);
        }
    }

    private void markupDeclaration(int c) {
        if (c == '-') {
            state = MARKUP_DECL_DASH;
        } else if (c == '[') {
            state = CDATA_OPEN;
            cdataMatch = 0;
        } else {
            bogusComment(c);
        }
    }

    private void markupDeclarationDash(int c) {
        if (c == '-') {
            state = COMMENT_START;
        } else {
            bogusComment(c);
        }
    }

    private void cdataOpen(int c) {
        if (c == CDATA_WORD.charAt(cdataMatch)) {
            if (++cdataMatch == CDATA_WORD.length()) {
                state = CDATA;
                brackets = 0;
            }
        } else {
            bogusComment(c);
        }
    }

    private void cdata(int c) {
        if (c == ']') {
            brackets++;
        } else {
            if (c == '>' && brackets >= 2) {
                state = DATA;
            }
            brackets = 0;
        }
    }

    private void bogusComment(int c) {
        state = c == '>' ? DATA : BOGUS_COMMENT;
    }

    /** Raw text: only {@code </name} of the element, then white space, '/' or '>', ends it. */
    private void rawText(int c) {
        switch (state) {
            case RAW_TEXT -> {
                if (c == '<') {
                    state = RAW_LT;
                }
            }
            case RAW_LT -> {
                if (c == '/') {
                    state = RAW_END_TAG;
                    rawName = 0;
                    rawNameLength = 0;
                } else if (c != '<') {
                    state = RAW_TEXT;
                }
            }
            default -> { // RAW_END_TAG: "</" and the letters so far
                if (TagNames.isLetter(c)) {
                    rawName = TagNames.append(rawName, rawNameLength++, c);
                } else if (rawNameLength == 0 || rawName != rawElement || !rawTextEnded(c)) {
                    state = c == '<' ? RAW_LT : RAW_TEXT; // "anything else": text, and the unit is read again
                }
            }
        }
    }

    /**
     * One unit of a comment, following the WHATWG tokenizer's comment states exactly; "reconsume in state X" is a
     * call with the same unit in state X. So a comment ends at {@code -->} or {@code --!>} (not at {@code --!->}:
     * after {@code --!} a dash goes back to "comment end dash"), or abruptly as {@code <!-->} or {@code <!--->}.
     * The less-than-sign states only report nesting errors, but are kept so the code reads against the spec.
     */
    private void comment(int c) {
        switch (state) {
            case COMMENT_START -> {
                if (c == '-') {
                    state = COMMENT_START_DASH;
                } else if (c == '>') {
                    state = DATA; // abrupt closing of empty comment: <!-->
                } else {
                    reconsumeInComment(COMMENT, c);
                }
            }
            case COMMENT_START_DASH -> {
                if (c == '-') {
                    state = COMMENT_END;
                } else if (c == '>') {
                    state = DATA; // abrupt closing of empty comment: <!--->
                } else {
                    reconsumeInComment(COMMENT, c);
                }
            }
            case COMMENT -> {
                if (c == '<') {
                    state = COMMENT_LT;
                } else if (c == '-') {
                    state = COMMENT_END_DASH;
                }
            }
            case COMMENT_LT -> {
                if (c == '!') {
                    state = COMMENT_LT_BANG;
                } else if (c != '<') {
                    reconsumeInComment(COMMENT, c);
                }
            }
            case COMMENT_LT_BANG -> {
                if (c == '-') {
                    state = COMMENT_LT_BANG_DASH;
                } else {
                    reconsumeInComment(COMMENT, c);
                }
            }
            case COMMENT_LT_BANG_DASH -> {
                if (c == '-') {
                    state = COMMENT_LT_BANG_DASH_DASH;
                } else {
                    reconsumeInComment(COMMENT_END_DASH, c);
                }
            }
            // '>' and anything else alike (the latter a nested-comment error): reconsume in comment end.
            case COMMENT_LT_BANG_DASH_DASH -> reconsumeInComment(COMMENT_END, c);
            case COMMENT_END_DASH -> {
                if (c == '-') {
                    state = COMMENT_END;
                } else {
                    reconsumeInComment(COMMENT, c);
                }
            }
            case COMMENT_END -> {
                if (c == '>') {
                    state = DATA;
                } else if (c == '!') {
                    state = COMMENT_END_BANG;
                } else if (c != '-') { // a third dash stays in comment end: "--->" closes
                    reconsumeInComment(COMMENT, c);
                }
            }
            default -> { // COMMENT_END_BANG
                if (c == '-') {
                    state = COMMENT_END_DASH;
                } else if (c == '>') {
                    state = DATA; // incorrectly closed comment: --!>
                } else {
                    reconsumeInComment(COMMENT, c);
                }
            }
        }
    }

    private void reconsumeInComment(int commentState, int c) {
        state = commentState;
        comment(c);
    }
}
