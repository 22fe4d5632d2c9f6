package io.github.embeddable4j.core.inject;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Tag;
import org.jsoup.select.Elements;

/**
 * The second oracle: jsoup, an HTML parser that follows the WHATWG tokenizer and tree builder, decides where the
 * snippet goes. It shares nothing with {@link HtmlMarkerScanner} or {@link ReferenceInjector}.
 *
 * <p>A marker candidate is any {@code </head}, {@code </body} or (for the head's end) {@code <body} followed by white
 * space, '/' or '>'. The probe puts
 * the snippet (a {@code <script>} element with a unique {@code src}) in front of a candidate and asks jsoup. The
 * candidate is where the snippet goes when the snippet comes out as exactly one element (the parser was in its data
 * state: inside a comment, an attribute value, raw text or a tag it would be text or attributes), outside any
 * {@code <template>} (whose content is inert), and, for {@code </head} and {@code <body}, as a child of the head
 * element (the head was still open: after the head has ended, a {@code </head>} is ignored). The expected point is the first such
 * candidate, and the output without the snippet must parse to the same tree as the original.
 *
 * <p>Where embeddable4j deliberately differs from the HTML spec, or jsoup from browsers, the document is
 * translated or left out, see {@link #jsoupView} and {@link #notComparable}.
 */
final class JsoupOracle {

    private static final Pattern HEAD_OR_BODY_END = Pattern.compile("(?:</(?:head|body)|<body)[\\t\\n\\f\\r />]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD_END_AFTER = Pattern.compile("(?:</head|<body)[\\t\\n\\f\\r />]", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body[\\t\\n\\f\\r />]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_START = Pattern.compile("<script[\\t\\n\\f\\r />]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_END = Pattern.compile("</script[\\t\\n\\f\\r />]", Pattern.CASE_INSENSITIVE);
    /** An end tag name that runs on into a '<': where jsoup's raw-text end tag name state leaves the spec. */
    private static final Pattern END_TAG_NAME_WITH_LT = Pattern.compile("</[A-Za-z][^\\t\\n\\f\\r />]*<");

    private final String snippet;
    private final String snippetSrc;

    /** @param snippet a single {@code <script src="...">} element whose src appears nowhere in the documents */
    JsoupOracle(String snippet) {
        this.snippet = snippet;
        Element script = Jsoup.parse(snippet).selectFirst("script[src]");
        if (script == null) {
            throw new IllegalArgumentException("the probe must be a script element with a src: " + snippet);
        }
        this.snippetSrc = script.attr("src");
    }

    /**
     * Why jsoup cannot judge this document, or null when it can:
     * <ul>
     *   <li>jsoup makes a CDATA section outside SVG and MathML a text node, and text ends the head. For the HTML
     *       spec it is a bogus comment, which leaves the head open, and so for the scanner, which reads it
     *       XHTML-style to {@code ]]>}. Left out for {@link InjectionPoint#HEAD_END}: documents with a CDATA section
     *       before a {@code </head} or {@code <body}.
     *   <li>jsoup reads a '<' into an end tag name inside raw text (see {@link #jsoupView}); documents where
     *       that cannot be translated away are left out, conservatively wherever the name appears.
     *   <li>embeddable4j's choice (NOTES.md, "Streaming injector"): script escape states are not modelled.
     *       Inside a {@code <script>}, {@code <!--} followed by another {@code <script>} start tag makes the spec's
     *       tokenizer ignore the next {@code </script>} ("double escaped"); the scanner ends the script there.
     *       Conservatively, any text after a {@code <script} start whose content up to the next {@code </script}
     *       holds {@code <!--} and then {@code <script} is left out.
     * </ul>
     * Two further choices need no exclusion: the scanner's tokenizer reads CDATA sections XHTML-style to
     * {@code ]]>}, and so does jsoup's (the spec would end one outside SVG/MathML at the first {@code >}); after
     * {@code <plaintext>} nothing is a tag, in the spec and in jsoup alike.
     */
    static String notComparable(String doc, InjectionPoint point) {
        int cdata = doc.indexOf("<![CDATA[");
        if (point == InjectionPoint.HEAD_END && cdata >= 0 && HEAD_END_AFTER.matcher(doc).find(cdata)) {
            return "jsoup reads a CDATA section as text, which ends the head; the HTML spec reads it as a comment";
        }
        Matcher endTagWithLt = END_TAG_NAME_WITH_LT.matcher(doc);
        for (int from = 0; endTagWithLt.find(from); from = endTagWithLt.end() - 1) {
            if (cutEndTagName(doc, endTagWithLt.start()) < 0) {
                return "jsoup reads a '<' into an end tag name inside raw text";
            }
        }
        Matcher start = SCRIPT_START.matcher(doc);
        while (start.find()) {
            Matcher end = SCRIPT_END.matcher(doc);
            int contentEnd = end.find(start.end()) ? end.start() : doc.length();
            String content = doc.substring(start.end(), contentEnd);
            int escape = content.indexOf("<!--");
            if (escape >= 0 && SCRIPT_START.matcher(content).find(escape)) {
                return "script double-escape states (<!-- then <script inside a script) are not modelled";
            }
        }
        return null;
    }

    /**
     * The document as jsoup should see it; every index stays the same. Four translations:
     * <ul>
     *   <li>jsoup parses as if scripting were disabled, so {@code <noscript>} content is markup to it; browsers
     *       (scripting enabled) and the scanner read it as raw text. {@code noframes} is parsed exactly as a
     *       scripting-enabled {@code noscript} (raw text, allowed in the head) and is as long, so it stands in.
     *       The generator never writes {@code noframes} itself.
     *   <li>jsoup (1.21) reads an end tag name inside raw text up to white space, '/' or '>', so in
     *       {@code <style></sty</style>} it takes {@code sty<} as a name and misses the {@code </style>}; the
     *       spec's name stops at the first non-letter, and that {@code <} starts the real end tag. Where it is safe,
     *       the last letter of such a name becomes '/' ({@code </st/</style>}): in raw text both are text up to the
     *       same '<', and elsewhere both are end tags ending at the same unit (see {@link #cutEndTagName}). Where
     *       it is not, {@link #notComparable} leaves the document out.
     *   <li>A leading byte order mark is text to jsoup's string parser; a browser's decoder drops it, and so does
     *       the scanner. It becomes a space, which keeps the head open as the mark does.
     *   <li>jsoup lets a start tag end a {@code <title>} or {@code <textarea>} when no {@code </title} (or
     *       {@code </textarea}) follows, where the spec reads the rest of the document as text (and a probe would
     *       break out). Appending both end tags switches that off and changes nothing before them: a tokenizer's
     *       state at any index depends only on what comes before it.
     * </ul>
     */
    static String jsoupView(String doc) {
        String view = Pattern.compile("noscript", Pattern.CASE_INSENSITIVE).matcher(doc).replaceAll("noframes");
        StringBuilder sb = new StringBuilder(view);
        if (view.startsWith("\uFEFF")) {
            sb.setCharAt(0, ' ');
        }
        Matcher m = END_TAG_NAME_WITH_LT.matcher(view);
        for (int from = 0; m.find(from); from = m.end() - 1) { // the '<' that ends one may begin the next
            int cut = cutEndTagName(view, m.start());
            if (cut >= 0) {
                sb.setCharAt(cut, '/');
            }
        }
        return sb.append("</title></textarea>").toString();
    }

    /**
     * For {@code </} + letters + a run holding '<' at {@code at}: the index of the last letter when turning it into
     * '/' keeps the meaning, else -1. Outside raw text the original is an end tag whose name runs to white space,
     * '/' or '>'; the cut one is an end tag with one letter less, then '/', then an attribute name over the rest of
     * the run. That ends at the same unit only if the run holds no '=' and no '=' follows it after white space, and
     * the shorter name must mean nothing (not a known element, so never a marker, never a raw-text end).
     */
    static int cutEndTagName(String doc, int at) {
        int letters = at + 2;
        while (letters < doc.length() && isAsciiLetter(doc.charAt(letters))) {
            letters++;
        }
        String shorter = doc.substring(at + 2, letters - 1).toLowerCase(Locale.ROOT);
        if (shorter.isEmpty() || Tag.isKnownTag(shorter)) {
            return -1;
        }
        int end = letters;
        while (end < doc.length() && " \t\n\f\r/>".indexOf(doc.charAt(end)) < 0) {
            if (doc.charAt(end) == '=') {
                return -1;
            }
            end++;
        }
        while (end < doc.length() && " \t\n\f\r".indexOf(doc.charAt(end)) >= 0) {
            end++;
        }
        return end < doc.length() && doc.charAt(end) == '=' ? -1 : letters - 1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The index where the snippet belongs in {@code doc}, or -1 when it has no real marker. */
    int expectedInjectionIndex(String doc, InjectionPoint point) {
        String view = jsoupView(doc);
        Matcher candidates = (point == InjectionPoint.HEAD_END ? HEAD_OR_BODY_END : BODY_END).matcher(view);
        while (candidates.find()) {
            // </head and <body end the head: the probe before them must land in the head.
            boolean headEnd = view.charAt(candidates.start() + 1) != '/' || (view.charAt(candidates.start() + 2) | 0x20) == 'h';
            if (isReal(view, candidates.start(), headEnd)) {
                return candidates.start();
            }
        }
        return -1;
    }

    /** Whether the candidate at {@code at} is where the snippet goes (see the class comment). */
    private boolean isReal(String view, int at, boolean headEnd) {
        Elements snippets = snippetsIn(parse(view.substring(0, at) + snippet + view.substring(at)));
        if (snippets.size() != 1) {
            return false;
        }
        Element probe = snippets.get(0);
        for (Element ancestor : probe.parents()) {
            if (ancestor.normalName().equals("template")) {
                return false;
            }
        }
        return !headEnd || probe.parent().normalName().equals("head");
    }

    /**
     * Checks what a whole parse says about an injector's output: the snippet is one element, and removing it leaves
     * the same tree as the original document. Returns a description of the problem, or null.
     */
    String checkOutput(String original, String output) {
        Document injected = parse(jsoupView(output));
        Elements snippets = snippetsIn(injected);
        if (snippets.size() != 1) {
            return "the snippet is " + snippets.size() + " elements in jsoup's parse of the output";
        }
        snippets.remove();
        String expected = serialize(parse(jsoupView(original)));
        String actual = serialize(injected);
        return expected.equals(actual) ? null
                : "jsoup's tree of the output, without the snippet, differs from the original's:\n  " + expected + "\n  " + actual;
    }

    private Elements snippetsIn(Document d) {
        Elements found = new Elements();
        for (Element script : d.getElementsByTag("script")) {
            if (script.attr("src").equals(snippetSrc)) {
                found.add(script);
            }
        }
        return found;
    }

    private static Document parse(String html) {
        Document d = Jsoup.parse(html);
        d.outputSettings().prettyPrint(false);
        return d;
    }

    private static String serialize(Document d) {
        return d.outerHtml();
    }
}
