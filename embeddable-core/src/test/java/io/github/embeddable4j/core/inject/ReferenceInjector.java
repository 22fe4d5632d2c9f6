package io.github.embeddable4j.core.inject;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test oracle: a deliberately simple, whole-document implementation (indexOf and regular expressions over a
 * String) of "where does the snippet go", for documents in the grammar {@link RandomHtml} generates. It shares no
 * code with the streaming scanner.
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

    private ReferenceInjector() {
    }

    static String inject(String doc, String snippet, InjectionPoint point) {
        int at = find(doc, point == InjectionPoint.HEAD_END);
        return at < 0 ? doc : doc.substring(0, at) + snippet + doc.substring(at);
    }

    static int find(String d, boolean headToo) {
        int i = 0;
        while (true) {
            int lt = d.indexOf('<', i);
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
                i = e + 1;
            } else if (d.startsWith("</", lt)) {
                Matcher m = END_TAG.matcher(d).region(lt, d.length());
                if (m.lookingAt()) {
                    String name = m.group(1).toLowerCase(Locale.ROOT);
                    if (m.end() == d.length()) {
                        return -1; // no delimiter yet: not a complete marker
                    }
                    if (name.equals("body") || (headToo && name.equals("head"))) {
                        return lt;
                    }
                    i = tagEnd(d, m.end());
                    if (i < 0) {
                        return -1;
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
                    continue;
                }
                String name = m.group(1).toLowerCase(Locale.ROOT);
                int e = tagEnd(d, m.end());
                if (e < 0) {
                    return -1;
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

    /**
     * The index after the '>' that ends the tag whose attributes start at {@code from}, or -1 when it never ends (no
     * '>' outside quoted values).
     */
    private static int tagEnd(String d, int from) {
        Matcher m = TAG_REST.matcher(d).region(from, d.length());
        return m.lookingAt() ? m.end() : -1;
    }
}
