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

/** The scanner's fast paths over chars: {@link ByteScanning}'s code for {@code char[]} (see there). */
final class CharScanning {

    private CharScanning() {
    }

    /** The same as {@link ByteScanning#scan(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    static int scan(HtmlMarkerScanner s, char[] b, int from, int end) {
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
                return s.markerFound(s.name, b[at], at);
            }
            i = next;
            if (i < end && s.state == before) { // the bulk path stopped at a unit the state machine must read
                int bogusEnd = before == DATA ? bogusCommentEnd(s, b, i, end) : SLOW;
                if (bogusEnd >= 0) {
                    i = bogusEnd;
                    continue;
                }
                if (s.feed(b[i])) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /** The same as {@link ByteScanning#dataRun(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    private static int dataRun(HtmlMarkerScanner s, char[] b, int i, int end) {
        while (true) {
            i = s.headLive() ? headText(s, b, i, end) : indexOf(b, i, end, '<');
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
                c = b[j];
                code = c < 0x80 ? TagNames.CODES[c] : TagNames.OTHER_CODE;
            } while (code != 0);
            if (length > TagNames.MAX_LENGTH) {
                packed = TagNames.TOO_LONG;
            }
            if (ByteScanning.isSpecial(s, isEnd, TagNames.flags(packed))) {
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

    /** The same as {@link ByteScanning#specialTag(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    private static int specialTag(HtmlMarkerScanner s, char[] b, int j, int end) {
        if (s.nameLength == 4 && (s.endTag ? s.isLiveMarker(s.name) : s.isLiveStartMarker(s.name))) {
            return -2 - j;
        }
        int after = b[j] == '>' ? j + 1 : attributesEnd(b, j, end);
        if (after < 0) {
            s.state = TAG_NAME;
            return j;
        }
        s.tagEnded(s.endTag, s.name);
        return after;
    }

    /** The same as {@link ByteScanning#rawTextRun(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    private static int rawTextRun(HtmlMarkerScanner s, char[] b, int i, int end) {
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

    /** The same as {@link ByteScanning#attributesEnd(byte[], int, int)}, for chars. */
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

    /** The same as {@link ByteScanning#bogusCommentEnd(byte[], int, int)}, for chars. */
    private static int bogusCommentEnd(HtmlMarkerScanner s, char[] b, int i, int end) {
        int j = i + 2;
        if (j >= end) {
            return SLOW;
        }
        int c = b[i + 1];
        int d = b[j];
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
    private static boolean isDoctype(char[] b, int at) {
        for (int k = 0; k < 7; k++) {
            if ((b[at + k] | 0x20) != "doctype".charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The same as {@link ByteScanning#rawEndAt(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    private static int rawEndAt(HtmlMarkerScanner s, char[] b, int i, int end) {
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
        return length > 0 && packed == s.rawElement && s.rawTextEnded(b[j]) ? j + 1 : j;
    }

    /** The same as {@link ByteScanning#headText(HtmlMarkerScanner, byte[], int, int)}, for chars. */
    private static int headText(HtmlMarkerScanner s, char[] b, int i, int end) {
        for (; i < end; i++) {
            int c = b[i];
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

    /** Steps over a byte order mark (U+FEFF) at the very start; it is not text. */
    private static int skipByteOrderMark(HtmlMarkerScanner s, char[] b, int i, int end) {
        s.bom = -1;
        return b[i] == '\uFEFF' ? i + 1 : i;
    }

    /** The same as {@link ByteScanning#indexOf(byte[], int, int, int)}, for chars. */
    private static int indexOf(char[] b, int from, int end, int unit) {
        int i = from;
        while (i < end && b[i] != unit) {
            i++;
        }
        return i;
    }

    /** The same as {@link ByteScanning#indexOfEndTagOpen(byte[], int, int)}, for chars (one pair at a time). */
    static int indexOfEndTagOpen(char[] b, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (b[i] == '<' && b[i + 1] == '/') {
                return i;
            }
        }
        return end > from && b[end - 1] == '<' ? end - 1 : end;
    }

    /** The same as {@link ByteScanning#indexOf(byte[], int, int, int, int)}, for chars. */
    private static int indexOf(char[] b, int from, int end, int u1, int u2) {
        int i = from;
        while (i < end && b[i] != u1 && b[i] != u2) {
            i++;
        }
        return i;
    }
}
