package io.github.embeddable4j.core.inject;

/**
 * A small streaming HTML tokenizer that finds the first real {@code </head>} or {@code </body>} end tag. It follows
 * the HTML parsing rules that matter for that question: markers inside comments, CDATA sections, bogus comments
 * ({@code <!DOCTYPE>}, {@code <?...>}), quoted attribute values and raw-text elements ({@code <script>},
 * {@code <style>}, {@code <textarea>}, {@code <title>}, ...) are not end tags. Tag names match case-insensitively
 * and must end in white space, {@code /} or {@code >}.
 *
 * <p>It reads one unit at a time: a byte (for ASCII-compatible charsets, where every byte below 0x80 is that
 * ASCII character and no multi-byte sequence contains one) or a UTF-16 char. It never looks ahead, so a caller
 * need hold back only the {@link #pending()} units that could still turn out to start a marker (at most 6).
 */
final class HtmlMarkerScanner {

    private static final int DATA = 0;
    private static final int TAG_OPEN = 1;
    private static final int END_TAG_OPEN = 2;
    private static final int END_TAG_NAME = 3;
    private static final int START_TAG_NAME = 4;
    private static final int BEFORE_ATTR_NAME = 5;
    private static final int ATTR_NAME = 6;
    private static final int AFTER_ATTR_NAME = 7;
    private static final int BEFORE_ATTR_VALUE = 8;
    private static final int ATTR_VALUE_DQ = 9;
    private static final int ATTR_VALUE_SQ = 10;
    private static final int ATTR_VALUE_UNQ = 11;
    private static final int MARKUP_DECL = 12;
    private static final int MARKUP_DECL_DASH = 13;
    private static final int CDATA_OPEN = 14;
    private static final int CDATA = 16;
    private static final int BOGUS_COMMENT = 17;
    private static final int RAW_TEXT = 18;
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

    /** Elements whose content is text up to their own end tag, so a {@code </head>} inside is not a tag. */
    private static final String[] RAW_TEXT_ELEMENTS = {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"};
    private static final String CDATA_WORD = "CDATA[";
    private static final int MAX_NAME = 10;
    /** {@code </head>} and {@code </body>} are both 2 + 4 + 1 units long, counting the unit after the name. */
    static final int MARKER_LENGTH = 7;

    private final boolean headIsMarker;
    private int state = DATA;
    /** Lower-cased tag name read so far (start or end tag), capped at MAX_NAME. */
    private final char[] name = new char[MAX_NAME];
    private int nameLength;
    private boolean nameOverflow;
    /** The raw-text element we are inside, and how much of "</name" has been matched. */
    private String rawTextElement;
    private int rawMatch;
    /** Whether the tag being read is a start tag that opens raw text. */
    private String pendingRawText;
    private boolean pendingPlaintext;
    private int brackets;
    private int cdataMatch;
    private int pending;

    HtmlMarkerScanner(InjectionPoint point) {
        this.headIsMarker = point == InjectionPoint.HEAD_END;
    }

    /** How many of the most recently fed units may be the start of a marker and must be held back. */
    int pending() {
        return pending;
    }

    /** A unit value no byte or char equals: in plain text after {@code <plaintext>} nothing matters any more. */
    static final int NEVER = 0x10000;

    /**
     * The only unit that can change the state from here, when there is one: callers skip straight to it. Text skips
     * to {@code '<'}, a quoted attribute value to its quote, a bogus comment to {@code '>'}; -1 when every unit counts.
     */
    int skipTo() {
        switch (state) {
            case DATA:
                return '<';
            case ATTR_VALUE_DQ:
                return '"';
            case ATTR_VALUE_SQ:
                return '\'';
            case BOGUS_COMMENT:
                return '>';
            case RAW_TEXT:
                return rawMatch == 0 ? '<' : -1;
            case PLAINTEXT:
                return NEVER;
            default:
                return -1;
        }
    }

    /**
     * Feeds one unit. Returns true when it completes a marker: the marker then began {@value #MARKER_LENGTH} units
     * back, counting this one (the unit after the tag name).
     */
    boolean feed(int c) {
        // Kept small, with each state's work in its own method, so the JIT inlines it into the scanning loop.
        switch (state) {
            case DATA -> {
                if (c == '<') {
                    state = TAG_OPEN;
                    pending = 1;
                }
            }
            case TAG_OPEN -> tagOpen(c);
            case END_TAG_OPEN -> endTagOpen(c);
            case END_TAG_NAME -> {
                return endTagName(c);
            }
            case START_TAG_NAME -> startTagName(c);
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
            case COMMENT_START, COMMENT_START_DASH, COMMENT, COMMENT_LT, COMMENT_LT_BANG, COMMENT_LT_BANG_DASH,
                    COMMENT_LT_BANG_DASH_DASH, COMMENT_END_DASH, COMMENT_END, COMMENT_END_BANG -> comment(c);
            case CDATA -> cdata(c);
            case BOGUS_COMMENT -> {
                if (c == '>') {
                    state = DATA;
                }
            }
            case RAW_TEXT -> rawText(c);
            default -> { } // PLAINTEXT: the rest of the document is text
        }
        return false;
    }

    private void endTagOpen(int c) {
        if (isAsciiLetter(c)) {
            startName(c);
            state = END_TAG_NAME;
            pending = couldBeMarker() ? 3 : 0;
        } else {
            pending = 0;
            state = c == '>' ? DATA : BOGUS_COMMENT;
        }
    }

    private void beforeAttrName(int c) {
        if (c == '>') {
            endOfTag();
        } else if (!isSpace(c) && c != '/') {
            state = ATTR_NAME;
        }
    }

    private void afterAttrName(int c) {
        if (c == '>') {
            endOfTag();
        } else if (c == '/') {
            state = BEFORE_ATTR_NAME;
        } else if (c == '=') {
            state = BEFORE_ATTR_VALUE;
        } else if (!isSpace(c)) {
            state = ATTR_NAME;
        }
    }

    private void beforeAttrValue(int c) {
        if (c == '"') {
            state = ATTR_VALUE_DQ;
        } else if (c == '\'') {
            state = ATTR_VALUE_SQ;
        } else if (c == '>') {
            endOfTag();
        } else if (!isSpace(c)) {
            state = ATTR_VALUE_UNQ;
        }
    }

    private void attrValueUnquoted(int c) {
        if (isSpace(c)) {
            state = BEFORE_ATTR_NAME;
        } else if (c == '>') {
            endOfTag();
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

    private void tagOpen(int c) {
        if (c == '/') {
            state = END_TAG_OPEN;
            pending = 2;
        } else if (c == '!') {
            state = MARKUP_DECL;
            pending = 0;
        } else if (c == '?') {
            state = BOGUS_COMMENT;
            pending = 0;
        } else if (isAsciiLetter(c)) {
            startName(c);
            state = START_TAG_NAME;
            pending = 0;
        } else if (c == '<') {
            pending = 1; // a new tag may start here
        } else {
            state = DATA;
            pending = 0;
        }
    }

    private boolean endTagName(int c) {
        if (isSpace(c) || c == '/' || c == '>') {
            boolean marker = pending > 0 && nameLength == 4 && !nameOverflow && isMarkerName();
            pending = 0;
            pendingRawText = null;
            pendingPlaintext = false;
            state = c == '>' ? DATA : BEFORE_ATTR_NAME; // so scanning can go on past a marker that is skipped
            return marker;
        }
        appendName(c);
        pending = couldBeMarker() ? pending + 1 : 0;
        return false;
    }

    private void startTagName(int c) {
        if (isSpace(c) || c == '/' || c == '>') {
            pendingRawText = null;
            pendingPlaintext = false;
            if (!nameOverflow) {
                for (String raw : RAW_TEXT_ELEMENTS) {
                    if (nameIs(raw)) {
                        pendingRawText = raw;
                    }
                }
                pendingPlaintext = nameIs("plaintext");
            }
            if (c == '>') {
                endOfTag();
            } else {
                state = BEFORE_ATTR_NAME;
            }
        } else {
            appendName(c);
        }
    }

    private void attrName(int c) {
        if (isSpace(c)) {
            state = AFTER_ATTR_NAME;
        } else if (c == '/') {
            state = BEFORE_ATTR_NAME;
        } else if (c == '=') {
            state = BEFORE_ATTR_VALUE;
        } else if (c == '>') {
            endOfTag();
        }
    }

    private void endOfTag() {
        if (pendingRawText != null) {
            state = RAW_TEXT;
            rawTextElement = pendingRawText;
            rawMatch = 0;
        } else if (pendingPlaintext) {
            state = PLAINTEXT;
        } else {
            state = DATA;
        }
        pendingRawText = null;
        pendingPlaintext = false;
    }

    private void bogusComment(int c) {
        state = c == '>' ? DATA : BOGUS_COMMENT;
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

    /** Inside raw text only {@code </name} followed by white space, '/' or '>' ends the element. */
    private void rawText(int c) {
        String element = rawTextElement;
        if (rawMatch == 0) {
            if (c == '<') {
                rawMatch = 1;
            }
        } else if (rawMatch == 1) {
            rawMatch = c == '/' ? 2 : (c == '<' ? 1 : 0);
        } else if (rawMatch - 2 < element.length()) {
            if (lower(c) == element.charAt(rawMatch - 2)) {
                rawMatch++;
            } else {
                rawMatch = c == '<' ? 1 : 0;
            }
        } else if (isSpace(c) || c == '/' || c == '>') {
            rawTextElement = null;
            rawMatch = 0;
            if (c == '>') {
                state = DATA;
            } else {
                state = BEFORE_ATTR_NAME;
            }
        } else {
            rawMatch = c == '<' ? 1 : 0;
        }
    }

    private void startName(int c) {
        nameLength = 0;
        nameOverflow = false;
        appendName(c);
    }

    private void appendName(int c) {
        if (nameLength < MAX_NAME && c < 0x80) {
            name[nameLength++] = (char) lower(c);
        } else {
            nameOverflow = true;
        }
    }

    /** Compares the tag name read so far without allocating: this runs for every start tag of a page. */
    private boolean nameIs(String element) {
        if (element.length() != nameLength) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (name[i] != element.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case; other units are returned as they are (they never match a tag name). */
    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static final char[] HEAD = {'h', 'e', 'a', 'd'};
    private static final char[] BODY = {'b', 'o', 'd', 'y'};

    private boolean couldBeMarker() {
        return !nameOverflow && nameLength <= 4 && (startsMarker(BODY) || (headIsMarker && startsMarker(HEAD)));
    }

    private boolean isMarkerName() {
        return startsMarker(BODY) || (headIsMarker && startsMarker(HEAD));
    }

    private boolean startsMarker(char[] marker) {
        for (int i = 0; i < nameLength; i++) {
            if (name[i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
