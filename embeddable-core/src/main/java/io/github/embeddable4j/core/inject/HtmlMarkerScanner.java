package io.github.embeddable4j.core.inject;

/**
 * A small streaming HTML tokenizer that finds where the snippet goes: the {@code </head>} or {@code <body>} start
 * tag that really ends the head, or else the first real {@code </body>}, and tells a fragment (see
 * {@link InjectionPoint}) so its caller can stop. It follows the WHATWG tokenizer for every
 * state that decides what is a tag: markers inside comments, CDATA sections, bogus comments ({@code <!DOCTYPE>},
 * {@code <?...>}), attribute values and raw-text elements ({@code <script>}, {@code <style>}, {@code <textarea>},
 * {@code <title>}, ...) are not end tags. Tag names match case-insensitively and end in white space, '/' or '>'.
 *
 * <p>Of tree construction it models only what decides whether a {@code </head>} still ends the head: the head ends
 * without one at the first start tag of an element the parser does not keep in the head ({@code <body>},
 * {@code <div>}, ...), at non-white-space text, and at {@code </html>} or {@code </br>}; after that only
 * {@code </body>} counts, and only in a document (after a DOCTYPE or an html, head or body start tag; else it is a
 * fragment). Nothing inside a {@code <template>} counts (its content is inert). Not modelled: foreign
 * content (SVG, MathML), {@code <select>}, framesets, script escape states, and CDATA sections, which are skipped
 * to {@code ]]>} as in XHTML and, like comments, leave the head open. A leading byte order mark is not text.
 *
 * <p>Units are bytes (for ASCII-compatible charsets, where every byte below 0x40 is that ASCII character, so every
 * marker, which begins with {@code <}, begins where the browser reads one: see {@link HtmlInjection#isAsciiCompatible})
 * or UTF-16 chars. {@link #scan(byte[], int, int)} ({@link ByteScanning}) and
 * {@link #scan(char[], int, int)} ({@link CharScanning}) are the same code for the two array types: a fast path
 * that reads a whole tag at once when it lies inside the array, and bulk skips over text, attribute values,
 * comments and raw text; every other unit goes through {@link #feed(int)}, the state machine one unit at a time.
 * The scanner never looks back, so a caller need hold back only the {@link #pending()} units that could still turn
 * out to start a marker (at most 6).
 */
final class HtmlMarkerScanner {

    static final int DATA = 0;
    private static final int TAG_OPEN = 1;
    private static final int END_TAG_OPEN = 2;
    static final int TAG_NAME = 3;
    private static final int BEFORE_ATTR_NAME = 4;
    private static final int ATTR_NAME = 5;
    private static final int AFTER_ATTR_NAME = 6;
    private static final int BEFORE_ATTR_VALUE = 7;
    static final int ATTR_VALUE_DQ = 8;
    static final int ATTR_VALUE_SQ = 9;
    private static final int ATTR_VALUE_UNQ = 10;
    private static final int MARKUP_DECL = 11;
    private static final int MARKUP_DECL_DASH = 12;
    private static final int CDATA_OPEN = 13;
    static final int CDATA = 14;
    static final int BOGUS_COMMENT = 15;
    static final int RAW_TEXT = 16;
    private static final int RAW_LT = 17;
    private static final int RAW_END_TAG = 18;
    static final int PLAINTEXT = 19;
    /** Not a tokenizer state: in the fast path, the name of a tag that may matter has ended (see ByteScanning). */
    static final int SPECIAL_TAG = 30;
    /** After {@code <!D}: the rest of the word DOCTYPE, any case; the DOCTYPE itself is then read as a bogus comment. */
    private static final int DOCTYPE_OPEN = 31;
    // The WHATWG tokenizer's comment states, one for one (13.2.5.43 to 13.2.5.52).
    private static final int COMMENT_START = 20;
    private static final int COMMENT_START_DASH = 21;
    static final int COMMENT = 22;
    private static final int COMMENT_LT = 23;
    private static final int COMMENT_LT_BANG = 24;
    private static final int COMMENT_LT_BANG_DASH = 25;
    private static final int COMMENT_LT_BANG_DASH_DASH = 26;
    private static final int COMMENT_END_DASH = 27;
    private static final int COMMENT_END = 28;
    private static final int COMMENT_END_BANG = 29;

    /** {@code </head>} and {@code </body>} are both 2 + 4 + 1 units long, counting the unit after the name. */
    static final int MARKER_LENGTH = 7;
    /** What the fast paths' helpers return when they need units past the end of the array. */
    static final int SLOW = -1;

    private static final String CDATA_WORD = "CDATA[";
    private static final String DOCTYPE_WORD = "doctype";

    private final boolean headIsMarker;
    int state = DATA;
    /** The tag being read: its name packed by {@link TagNames#append}, its length, and whether it is an end tag. */
    long name;
    int nameLength;
    boolean endTag;
    /** The raw-text element we are in (packed name), and the end tag name read so far inside it. */
    long rawElement;
    private long rawName;
    private int rawNameLength;
    /** How much of CDATA_WORD or DOCTYPE_WORD has been read. */
    private int wordMatch;
    int brackets;
    /** Tree facts: the head has ended (only {@code </body>} counts now); how many templates are open. */
    boolean headEnded;
    /**
     * An {@code <html>}, {@code <head>} or {@code <body>} start tag or a DOCTYPE (outside templates) was seen: a
     * document (those tags are optional in HTML; a partial never starts with a DOCTYPE).
     */
    boolean documentStarted;
    /**
     * The head ended without {@code </head>} or {@code <body>} before any of those start tags: a fragment (an htmx
     * or Turbo partial), which gets no snippet, so nothing more is a marker and the caller may stop scanning.
     */
    boolean gaveUp;
    /** The length of the marker found last: {@value #MARKER_LENGTH} for an end tag, 6 for {@code <body}. */
    int markerLength = MARKER_LENGTH;
    int templateDepth;
    /** Units of a leading byte order mark seen; -1 once anything else has been. */
    int bom;

    HtmlMarkerScanner(InjectionPoint point) {
        this.headIsMarker = point == InjectionPoint.HEAD_END;
    }

    /** What {@link #scan} returns once the document turned out to be a fragment: no marker will come. */
    static final int NEVER = Integer.MIN_VALUE;

    /** The head ends without {@code </head>}; before any html, head or body start tag, that makes a fragment. */
    void endHead() {
        headEnded = true;
        if (!documentStarted) {
            gaveUp = true;
        }
    }

    /** Whether a {@code </head>} now would end the head: nothing has ended it, and no template is open. */
    boolean headLive() {
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
                if (!endTag) {
                    return headLive() && nameLength <= 4 && name == TagNames.BODY_PREFIXES[nameLength] ? 1 + nameLength : 0;
                }
                return couldBeMarker() ? 2 + nameLength : 0;
            default:
                return 0;
        }
    }

    private boolean couldBeMarker() {
        return nameLength <= 4 && (name == TagNames.BODY_PREFIXES[nameLength]
                || (headLive() && name == TagNames.HEAD_PREFIXES[nameLength]));
    }

    /**
     * Scans {@code b[from..end)}. Returns the index just after the unit that completes a marker (the marker began
     * {@link #markerLength} units before that), -1 when there is none in the range, or {@link #NEVER}.
     */
    int scan(byte[] b, int from, int end) {
        return ByteScanning.scan(this, b, from, end);
    }

    /** The same as {@link #scan(byte[], int, int)}, for chars. */
    int scan(char[] b, int from, int end) {
        return CharScanning.scan(this, b, from, end);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the fast paths (ByteScanning, CharScanning) and the state machine share: the tree facts and what tags
    // do to them. Then the state machine, one unit at a time.

    /** A '<' that starts no tag: it is text, which ends the head. */
    void notATag() {
        if (headLive()) {
            endHead();
        }
    }

    /** Whether an end tag with this (four-unit) name is a marker now. */
    boolean isLiveMarker(long packed) {
        return templateDepth == 0 && !gaveUp && (packed == TagNames.BODY || (packed == TagNames.HEAD && headLive()));
    }

    /**
     * Whether a start tag with this (four-unit) name is a marker now: {@code <body>} while the head is open ends the
     * head, so the snippet goes right before it and the parser still puts it in the head.
     */
    boolean isLiveStartMarker(long packed) {
        return packed == TagNames.BODY && headLive();
    }

    /**
     * A marker's name ended at {@code delimiter} (index {@code at}): the state goes on as for any end tag, in case the
     * caller cannot use this marker and scans on. A {@code </head>} ends the head. Returns the index after it.
     */
    int markerFound(long packed, int delimiter, int at) {
        name = packed;
        nameLength = 4;
        if (!endTag) { // <body
            markerLength = MARKER_LENGTH - 1;
            if (delimiter == '>') {
                tagEnded(false, packed);
            } else {
                state = BEFORE_ATTR_NAME;
            }
            return at + 1;
        }
        if (packed == TagNames.HEAD) {
            headEnded = true;
        }
        markerLength = MARKER_LENGTH;
        state = delimiter == '>' ? DATA : BEFORE_ATTR_NAME;
        return at + 1;
    }

    /** A start or end tag ended with '>'. Most change nothing; see {@link #tagEffects}. */
    void tagEnded(boolean isEnd, long packed) {
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
                endHead();
            }
            return;
        }
        if ((flags & TagNames.DOCUMENT) != 0 && templateDepth == 0) { // a template's content is inert
            documentStarted = true;
        }
        if ((flags & TagNames.IN_HEAD) == 0 && headLive()) {
            endHead();
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
    boolean rawTextEnded(int c) {
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
     * {@link #markerLength} units back, counting this one (the unit after the tag name).
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
            case DOCTYPE_OPEN -> doctypeOpen(c);
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
            endHead();
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
        if (nameLength == 4 && (endTag ? isLiveMarker(name) : isLiveStartMarker(name))) {
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
            wordMatch = 0;
        } else if ((c | 0x20) == 'd') {
            state = DOCTYPE_OPEN;
            wordMatch = 1;
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
        if (c == CDATA_WORD.charAt(wordMatch)) {
            if (++wordMatch == CDATA_WORD.length()) {
                state = CDATA;
                brackets = 0;
            }
        } else {
            bogusComment(c);
        }
    }

    /** A DOCTYPE was read: outside a template, the response is a document. */
    void doctype() {
        if (templateDepth == 0) {
            documentStarted = true;
        }
    }

    /** The rest of {@code <!DOCTYPE} (any case; the tokenizer's DOCTYPE ends at the first '>', as a bogus comment does). */
    private void doctypeOpen(int c) {
        if ((c | 0x20) == DOCTYPE_WORD.charAt(wordMatch)) {
            if (++wordMatch == DOCTYPE_WORD.length()) {
                doctype();
                state = BOGUS_COMMENT;
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
