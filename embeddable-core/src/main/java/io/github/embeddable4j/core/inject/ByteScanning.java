package io.github.embeddable4j.core.inject;

import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.ATTR_VALUE_DQ;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.ATTR_VALUE_SQ;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.BOGUS_COMMENT;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.CDATA;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.COMMENT;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.DATA;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.PLAINTEXT;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.RAW_TEXT;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.SLOW;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.SPECIAL_TAG;
import static io.github.embeddable4j.core.inject.HtmlMarkerScanner.TAG_NAME;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scanner's fast paths over bytes: {@link #scan} reads as far as each state's bulk path goes (text to the next
 * '<', whole tags, attribute values to their quote, comments to the next '-' or '<', raw text to its end tag) and
 * hands every other unit to {@link HtmlMarkerScanner#feed}. {@link CharScanning} is the same code over chars; only
 * the array type, the "& 0xFF" of a read, and the eight-bytes-at-a-time search differ. Keep the two in step.
 */
final class ByteScanning {

    /** Eight bytes of a byte array as one long, for {@link #indexOf(byte[], int, int, int)}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LT_BYTES = '<' * ONES;
    private static final long SLASH_BYTES = '/' * ONES;
    private static final int[] BOM_BYTES = {0xEF, 0xBB, 0xBF};

    private ByteScanning() {
    }

    /**
     * Scans {@code b[from..end)}. Returns the index just after the unit that completes a marker (the marker began
     * {@link HtmlMarkerScanner#markerLength} units before that), -1 when there is none in the range, or
     * {@link HtmlMarkerScanner#NEVER} once the document turned out to be a fragment.
     */
    static int scan(HtmlMarkerScanner s, byte[] b, int from, int end) {
        int i = from;
        if (s.bom >= 0 && i < end) {
            i = skipByteOrderMark(s, b, i, end);
        }
        while (i < end) {
            if (s.gaveUp) {
                return HtmlMarkerScanner.NEVER;
            }
            int before = s.state;
            int next = switch (before) { // as far as a state's bulk path goes
                case DATA -> dataRun(s, b, i, end);
                case RAW_TEXT -> rawTextRun(s, b, i, end);
                case ATTR_VALUE_DQ -> indexOf(b, i, end, '"');
                case ATTR_VALUE_SQ -> indexOf(b, i, end, '\'');
                case BOGUS_COMMENT -> indexOf(b, i, end, '>');
                case COMMENT -> indexOf(b, i, end, '-', '<');
                case CDATA -> s.brackets == 0 ? indexOf(b, i, end, ']') : i;
                case PLAINTEXT -> end;
                case SPECIAL_TAG -> specialTag(s, b, i, end);
                default -> i;
            };
            if (next < 0) { // a marker: its name ended at the unit at -next - 2
                int at = -next - 2;
                return s.markerFound(s.name, b[at] & 0xFF, at);
            }
            i = next;
            if (i < end && s.state == before) { // the bulk path stopped at a unit the state machine must read
                int bogusEnd = before == DATA ? bogusCommentEnd(s, b, i, end) : SLOW;
                if (bogusEnd >= 0) {
                    i = bogusEnd;
                    continue;
                }
                if (s.feed(b[i] & 0xFF)) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * In the data state: reads text and tag after tag, each tag whole when it ends before {@code end}. Returns where
     * it stopped: {@code end}; at a '<' that the state machine must read (a tag running past {@code end}, a comment
     * or other markup declaration, "</>"), nothing having changed since; or, in state SPECIAL_TAG, at the unit after
     * the name of a tag for {@link #specialTag} (a possible marker, or a tag that does something).
     */
    private static int dataRun(HtmlMarkerScanner s, byte[] b, int i, int end) {
        while (true) {
            i = s.headLive() ? headText(s, b, i, end) : indexOf(b, i, end, '<');
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
                if (isEnd || c == '!' || c == '?') {
                    return i; // a comment, bogus comment, DOCTYPE, CDATA or "</>": not here (see scan)
                }
                s.notATag(); // '<' followed by anything else is text
                i = j;
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
            if (length > TagNames.MAX_LENGTH) {
                packed = TagNames.TOO_LONG;
            }
            if (isSpecial(s, isEnd, TagNames.flags(packed))) {
                // A marker, or a tag that changes something: specialTag reads it, so this loop stays free of calls.
                s.name = packed;
                s.nameLength = length;
                s.endTag = isEnd;
                s.state = SPECIAL_TAG;
                return j;
            }
            int after = c == '>' ? j + 1 : attributesEnd(b, j, end);
            if (after < 0) {
                return i;
            }
            i = after;
        }
    }

    /**
     * The name of a tag that may be a marker or change something ended at the unit at {@code j} (white space, '/'
     * or '>'): completes the marker (returns {@code -2 - j}), or reads the rest of the tag and applies it (returns
     * the index after its '>'), or, when the tag runs past {@code end}, hands it to the state machine at {@code j}.
     */
    private static int specialTag(HtmlMarkerScanner s, byte[] b, int j, int end) {
        if (s.nameLength == 4 && (s.endTag ? s.isLiveMarker(s.name) : s.isLiveStartMarker(s.name))) {
            return -2 - j;
        }
        int after = (b[j] & 0xFF) == '>' ? j + 1 : attributesEnd(b, j, end);
        if (after < 0) {
            s.state = TAG_NAME;
            return j;
        }
        s.tagEnded(s.endTag, s.name);
        return after;
    }

    /**
     * In raw text: "</" after "</" until the element's end tag (a '<' without '/' cannot end it, and scripts have many:
     * comparisons, shifts, markup in strings). Returns where it stopped (see scan).
     */
    private static int rawTextRun(HtmlMarkerScanner s, byte[] b, int i, int end) {
        while (true) {
            i = indexOfEndTagOpen(b, i, end);
            if (i == end) {
                return end;
            }
            int after = rawEndAt(s, b, i, end);
            if (after == SLOW || s.state != RAW_TEXT) {
                return after == SLOW ? i : after;
            }
            i = after;
        }
    }

    /**
     * Whether a tag with these {@link TagNames} flags is read by {@link #specialTag}: an end tag that may be a marker
     * or does something ({@link HtmlMarkerScanner#tagEnded}), or a start tag that does something. Most tags do
     * nothing, nor do the start tags of the elements kept in the head.
     */
    static boolean isSpecial(HtmlMarkerScanner s, boolean isEnd, int flags) {
        if (isEnd) {
            return (flags & (TagNames.MARKER | TagNames.TEMPLATE | TagNames.END_TAG_ENDS_HEAD)) != 0;
        }
        int startFlags = flags & (TagNames.IN_HEAD | TagNames.RAW_TEXT | TagNames.PLAINTEXT | TagNames.TEMPLATE);
        if (startFlags == TagNames.IN_HEAD) { // kept in the head: only <html> and <head> matter, and only once
            return (flags & TagNames.DOCUMENT) != 0 && !s.documentStarted;
        }
        return startFlags != 0 || s.headLive();
    }

    /**
     * From the unit after a tag name (white space, '/' or '>'), the index after the '>' that ends the tag, or
     * {@link HtmlMarkerScanner#SLOW} when that is not before {@code end}. The tokenizer's attribute states, in one
     * loop.
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
     * At a '<' in the data state: the index after the '>' that ends a bogus comment ({@code <!DOCTYPE ...>}, which
     * also tells the scanner the response is a document, {@code <!x>}, {@code <?...>}, {@code </ x>}), which ends at
     * the first '>' whatever comes between; or {@link HtmlMarkerScanner#SLOW} for anything else, which the state
     * machine reads (a comment, CDATA, {@code </>}, a tag, a DOCTYPE's name cut by {@code end}, or a '>' not before
     * {@code end}).
     */
    private static int bogusCommentEnd(HtmlMarkerScanner s, byte[] b, int i, int end) {
        int j = i + 2;
        if (j >= end) {
            return SLOW;
        }
        int c = b[i + 1] & 0xFF;
        int d = b[j] & 0xFF;
        if (c == '!' && (d | 0x20) == 'd') {
            if (i + 9 > end) {
                return SLOW; // "<!doctype" is not all here: the state machine reads it
            }
            if (isDoctype(b, i + 2)) {
                s.doctype();
            }
        } else if (c == '/' ? d == '>' || TagNames.isLetter(d) : c == '!' ? d == '-' || d == '[' : c != '?') {
            return SLOW;
        }
        int gt = indexOf(b, j, end, '>');
        return gt < end ? gt + 1 : SLOW;
    }

    /** Whether the 7 units at {@code at} are the word DOCTYPE, in any case. */
    private static boolean isDoctype(byte[] b, int at) {
        for (int k = 0; k < 7; k++) {
            if (((b[at + k] & 0xFF) | 0x20) != "doctype".charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * In raw text, at a '<': returns the index to go on from. When {@code </name} of the element and a delimiter
     * follow, the raw text ends there (the index is after the delimiter); when what follows is something else, the
     * index is that of its first unit that is not "</" or a letter. {@link HtmlMarkerScanner#SLOW} when that is not
     * inside the array (the state machine takes the '<').
     */
    private static int rawEndAt(HtmlMarkerScanner s, byte[] b, int i, int end) {
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
        return length > 0 && packed == s.rawElement && s.rawTextEnded(b[j] & 0xFF) ? j + 1 : j;
    }

    /** Text while the head may still end with {@code </head>}: white space keeps it open, anything else ends it. */
    private static int headText(HtmlMarkerScanner s, byte[] b, int i, int end) {
        for (; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c == '<') {
                return i;
            }
            if (!TagNames.isSpace(c)) {
                s.endHead();
                return indexOf(b, i, end, '<');
            }
        }
        return end;
    }

    /** Steps over a byte order mark at the very start (EF BB BF, perhaps across writes); it is not text. */
    private static int skipByteOrderMark(HtmlMarkerScanner s, byte[] b, int i, int end) {
        while (i < end && s.bom >= 0) {
            if ((b[i] & 0xFF) != BOM_BYTES[s.bom]) {
                if (s.bom > 0 && s.headLive()) {
                    s.endHead(); // EF or EF BB without the rest: text
                }
                s.bom = -1;
                return i;
            }
            i++;
            s.bom = s.bom == 2 ? -1 : s.bom + 1;
        }
        return i;
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

    /**
     * The index of the first "</" in {@code b[from..end)}; else of a '<' in its last unit (its '/' may be in the next
     * write); else {@code end}. Eight pairs at a time: a byte of {@code zeros(x)} has its high bit set exactly when
     * that byte of x is zero, so the AND of the '<' bytes at i and the '/' bytes at i + 1 marks each "</".
     */
    static int indexOfEndTagOpen(byte[] b, int from, int end) {
        int i = from;
        for (; i <= end - 9; i += 8) {
            long lt = zeros((long) LONGS.get(b, i) ^ LT_BYTES);
            if (lt != 0) { // most blocks have no '<': skip the second half (without the branch it ran 15-40% slower)
                long pairs = lt & zeros((long) LONGS.get(b, i + 1) ^ SLASH_BYTES);
                if (pairs != 0) {
                    return i + (Long.numberOfTrailingZeros(pairs) >>> 3);
                }
            }
        }
        for (; i < end - 1; i++) {
            if (b[i] == '<' && b[i + 1] == '/') {
                return i;
            }
        }
        return end > from && b[end - 1] == '<' ? end - 1 : end;
    }

    /** The high bit of each byte of {@code x} that is zero, and no other bit: exact, where a borrow-based test is not. */
    private static long zeros(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
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
}
