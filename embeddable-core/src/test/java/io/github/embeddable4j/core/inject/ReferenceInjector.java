package io.github.embeddable4j.core.inject;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test oracle: a deliberately simple, whole-document implementation (indexOf and regular expressions over a
 * String) of "where does the snippet go", for documents in the grammar {@link RandomHtml} generates. It shares no
 * code with the streaming scanner, and is itself checked against jsoup ({@link JsoupOracle}).
 */
final class ReferenceInjector {

    private static final Pattern END_TAG = Pattern.compile("</([A-Za-z][^\\t\\n\\f\\r />]*)");
    private static final Pattern START_TAG = Pattern.compile("<([A-Za-z][^\\t\\n\\f\\r />]*)");
    /**
     * The rest of a tag after its name, as HTML reads it: white space, '/', or an attribute, then '>'. A name starts
     * with any other character (quotes, '<' and '=' included) and runs to white space, '/', '>' or '='. An '=' after
     * it (white space around allowed) must be followed by a value: quoted (a quote opens a value only here), unquoted
     * (to white space or '>'), or nothing before '>'. The attribute is atomic, so an unclosed quote cannot be read
     * again as part of a name: the match fails, and the tag never ends.
     */
    private static final Pattern TAG_REST = Pattern.compile(
            "(?:[\\t\\n\\f\\r /]|(?>[^\\t\\n\\f\\r />][^\\t\\n\\f\\r />=]*+"
            + "(?:[\\t\\n\\f\\r ]*+=[\\t\\n\\f\\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\\t\\n\\f\\r >\"'][^\\t\\n\\f\\r >]*+|(?=>))"
            + "|(?![\\t\\n\\f\\r ]*+=))))*+>");
    private static final List<String> RAW = List.of("script", "style", "textarea", "title", "xmp", "iframe",
            "noembed", "noframes", "noscript");
    /** Start tags the HTML parser keeps in the head; any other ends it. */
    private static final List<String> IN_HEAD = List.of("html", "head", "base", "basefont", "bgsound", "link", "meta",
            "title", "noscript", "noframes", "style", "script", "template");
    private static final Pattern WHITE_SPACE = Pattern.compile("[\\t\\n\\f\\r ]*");

    private ReferenceInjector() {
    }

    /** What {@link #find} returns for a fragment: the head ended before any html, head or body start tag. */
    static final int FRAGMENT = -2;
    private static final List<String> DOCUMENT = List.of("html", "head", "body");

    static String inject(String doc, String snippet, InjectionPoint point) {
        int at = find(doc, point == InjectionPoint.HEAD_END);
        return at < 0 ? doc : doc.substring(0, at) + snippet + doc.substring(at);
    }

    /**
     * The index where the snippet goes, or -1. With {@code headToo}: before the {@code </head>} or {@code <body>}
     * start tag that ends the head while it is open, else before the first {@code </body>}. The head ends without
     * one at the first non-white-space text, start tag of an element not kept in the head, {@code </html>} or
     * {@code </br>}; when that happens before any DOCTYPE or html, head or body start tag, the document is a fragment and the
     * answer is {@link #FRAGMENT}. Inside a template nothing counts.
     */
    static int find(String d, boolean headToo) {
        int i = d.startsWith("\uFEFF") ? 1 : 0; // a leading byte order mark is not text
        boolean headOpen = headToo;
        boolean document = false;
        int templates = 0;
        while (true) {
            int lt = d.indexOf('<', i);
            if (headOpen && templates == 0 && !WHITE_SPACE.matcher(d.substring(i, lt < 0 ? d.length() : lt)).matches()) {
                headOpen = false; // text
                if (!document) {
                    return FRAGMENT;
                }
            }
            if (lt < 0) {
                return -1;
            }
            if (d.startsWith("<!-->", lt)) {
                i = lt + 5;
            } else if (d.startsWith("<!--->", lt)) {
                i = lt + 6;
            } else if (d.startsWith("<!--", lt)) {
                // After "<!--", the first "-->" or "--!>" ends a comment; "--!->" does not.
                int e = d.indexOf("-->", lt + 4);
                int bang = d.indexOf("--!>", lt + 4);
                if (e < 0 && bang < 0) {
                    return -1;
                }
                i = bang >= 0 && (e < 0 || bang < e) ? bang + 4 : e + 3;
            } else if (d.startsWith("<![CDATA[", lt)) {
                int e = d.indexOf("]]>", lt + 9);
                if (e < 0) {
                    return -1;
                }
                i = e + 3;
            } else if (d.startsWith("<!", lt) || d.startsWith("<?", lt)) {
                int e = d.indexOf('>', lt + 2);
                if (e < 0) {
                    return -1;
                }
                if (d.regionMatches(true, lt + 2, "doctype", 0, 7) && templates == 0) {
                    document = true; // a DOCTYPE starts a document, whatever tags it omits
                }
                i = e + 1;
            } else if (d.startsWith("</", lt)) {
                Matcher m = END_TAG.matcher(d).region(lt, d.length());
                if (m.lookingAt()) {
                    String name = asciiLowerCase(m.group(1));
                    if (m.end() == d.length()) {
                        return -1; // no delimiter yet: not a complete marker
                    }
                    if (templates == 0 && (name.equals("body") || (headOpen && name.equals("head")))) {
                        return lt;
                    }
                    i = tagEnd(d, m.end());
                    if (i < 0) {
                        return -1;
                    }
                    if (name.equals("template") && templates > 0) {
                        templates--;
                    } else if ((name.equals("html") || name.equals("br")) && templates == 0 && headOpen) {
                        headOpen = false;
                        if (!document) {
                            return FRAGMENT;
                        }
                    }
                } else if (d.startsWith("</>", lt)) {
                    i = lt + 3;
                } else {
                    int e = d.indexOf('>', lt + 2);
                    if (e < 0) {
                        return -1;
                    }
                    i = e + 1;
                }
            } else {
                Matcher m = START_TAG.matcher(d).region(lt, d.length());
                if (!m.lookingAt()) {
                    i = lt + 1;
                    if (templates == 0 && headOpen) {
                        headOpen = false; // the '<' is text
                        if (!document) {
                            return FRAGMENT;
                        }
                    }
                    continue;
                }
                String name = asciiLowerCase(m.group(1));
                if (m.end() == d.length()) {
                    return -1; // no delimiter yet
                }
                if (name.equals("body") && headOpen && templates == 0) {
                    return lt; // <body> ends the head: the snippet goes before it, and still into the head
                }
                int e = tagEnd(d, m.end());
                if (e < 0) {
                    return -1;
                }
                if (DOCUMENT.contains(name) && templates == 0) {
                    document = true;
                }
                if (templates == 0 && !IN_HEAD.contains(name) && headOpen) {
                    headOpen = false;
                    if (!document) {
                        return FRAGMENT;
                    }
                }
                if (name.equals("template")) {
                    templates++;
                }
                if (name.equals("plaintext")) {
                    return -1;
                }
                if (RAW.contains(name)) {
                    Matcher close = Pattern.compile("</" + name + "[\\t\\n\\f\\r />]", Pattern.CASE_INSENSITIVE).matcher(d);
                    if (!close.find(e)) {
                        return -1;
                    }
                    e = tagEnd(d, close.end() - 1);
                    if (e < 0) {
                        return -1;
                    }
                }
                i = e;
            }
        }
    }

    private static String asciiLowerCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /**
     * The index after the '>' that ends the tag whose attributes start at {@code from}, or -1 when it never ends (no
     * '>' outside quoted values).
     */
    private static int tagEnd(String d, int from) {
        Matcher m = TAG_REST.matcher(d).region(from, d.length());
        return m.lookingAt() ? m.end() : -1;
    }
}
