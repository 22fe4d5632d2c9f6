package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the snippet goes, case by case. {@code @} marks the expected insertion point; no {@code @} means none. Every
 * expectation is also checked against jsoup ({@link JsoupOracle}), so the tables cannot drift from the HTML spec.
 */
class HtmlMarkerScannerTest {

    private static final String SNIPPET = "[S]";
    private static final JsoupOracle JSOUP = new JsoupOracle("<script src=\"https://probe.invalid/p.js\"></script>");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <html><head><title>x</title>@</head><body></body></html>
            <HTML><HEAD>@</HEAD ><BODY></BODY></HTML>
            <head>@</head\\n>
            <head>@</head/>
            <head>@</head foo="bar">
            <head></header></heading></head-x></headx>@</head>
            <head><!-- </head> -->@</head>
            `<head><!-->@</head>`
            `<head><!--->@</head>`
            `<head><!---->@</head>`
            `<head><!--!></head>-->@</head>`
            `<head><!-- a --!>@</head>`
            `<head><!-- -- -> </head> -->@</head>`
            `<head><script>var s = "</head>";</script>@</head>`
            `<head><script type="module">if (a</head) b();</SCRIPT >@</head>`
            `<head><script>x</scriptx></head></script>@</head>`
            `<head><style>a::after{content:"</head>"}</style>@</head>`
            `<head><title></head></title><noscript></head></noscript><noframes></head></noframes>@</head>`
            `<head><![CDATA[ </head> ]]>@</head>`
            `<head><meta content="</head>"><meta content='</head>'>@</head>`
            `<head><meta title=</head>@</head>`
            `<!DOCTYPE html><?xml version="1.0"?><head>@</head>`
            `<head><!x </head>@</head>`
            `<head><?x </head>@</head>`
            `<html>@<body><p>no head</p></body></html>`
            `<html><head><title>t</title>@<body class=x>`
            `<!DOCTYPE html>\n<title>t</title>\n@<BODY\n>`
            `<head><template><body></template>@</head>`
            `<head>@</head></head>`
            `<head><plaintext></head>`
            `no markup at all`
            `<head></he`
            `<head></head`
            `<head>@</head>\u00e9</body>`
            """)
    void headEnd(String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END);
    }

    /** The comment states of the WHATWG tokenizer, one rule per row. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            markup declaration open: "<!" and one dash is a bogus comment, ending at '>'       | `<head><!->@</head>`
            markup declaration open: "<!-x" is a bogus comment, ending at '>'                  | `<head><!-x </head>@</head>`
            comment start, '>': abrupt closing of an empty comment                            | `<head><!-->@</head>`
            comment start, other: reconsumed in the comment state                             | `<head><!--x</head>-->@</head>`
            comment start, '!': no bang state yet, so "<!--!>" does not close                 | `<head><!--!></head>-->@</head>`
            comment start dash, '>': abrupt closing of an empty comment                       | `<head><!--->@</head>`
            comment start dash, '-': to comment end, where '>' closes                         | `<head><!---->@</head>`
            comment start dash, other: the dash is text                                       | `<head><!---x </head> -->@</head>`
            comment start dash, '!': reconsumed in comment, "<!---!>" does not close          | `<head><!---!> </head> -->@</head>`
            comment, '-' then other: a single dash is text                                    | `<head><!-- - </head> -->@</head>`
            comment end dash, '-': to comment end, where '>' closes                           | `<head><!-- a -->@</head>`
            comment end dash, other: reconsumed in comment                                    | `<head><!-- -> </head> -->@</head>`
            comment end, '-': stays in comment end, so "--->" closes                          | `<head><!-- a --->@</head>`
            comment end, '-': any number of dashes, then '>'                                  | `<head><!-- a ------>@</head>`
            comment end, other: "--" is text                                                  | `<head><!-- -- </head> -->@</head>`
            comment end, '!': to comment end bang, where '>' closes ("--!>")                  | `<head><!-- a --!>@</head>`
            comment end bang, '-': back to comment end dash, so "--!->" does not close        | `<head><!-- a --!-> </head> -->@</head>`
            comment end bang, '-': "--!-->" closes at its "-->"                               | `<head><!-- a --!-->@</head>`
            comment end bang, '-': "--!--!>" closes at its "--!>"                             | `<head><!-- a --!--!>@</head>`
            comment end bang, other: "--!" is text                                            | `<head><!-- --!x </head> -->@</head>`
            comment end bang, '!': "--!!>" does not close                                     | `<head><!-- --!!> </head> -->@</head>`
            comment less-than sign: "<!--" inside a comment does not nest; "-->" closes        | `<head><!-- <!-- </head> -->@</head>`
            comment less-than sign: repeated '<' stays in the state                           | `<head><!-- <<!-->@</head>`
            comment less-than sign bang: other is reconsumed in comment                       | `<head><!-- <!x </head> -->@</head>`
            comment less-than sign bang dash: other is reconsumed in comment end dash          | `<head><!-- <!-> </head> -->@</head>`
            comment less-than sign bang dash dash, '>': reconsumed in comment end, closes      | `<head><!-- <!-->@</head>`
            comment less-than sign bang dash dash, other: nested comment, reconsumed in end   | `<head><!-- <!--x </head> -->@</head>`
            comment less-than sign bang dash dash, '!': reconsumed in end, then "!>" closes    | `<head><!-- <!--!>@</head>`
            end of file in a comment: no marker                                               | `<head><!-- </head> --`
            """)
    void commentStates(String rule, String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `<html><head></head><body>x@</body></html>`
            `<body><script>"</body>"</script>@</BODY>`
            `<body><textarea></body></textarea><xmp></body></xmp><iframe></body></iframe>@</body>`
            `<body><noembed></body></noembed><title></body></title>@</body>`
            `<body>< /body></ body>@</body>`
            `<body><@</body>`
            `<body><template></body><template></template></body></template>@</body>`
            `<head></head>`
            """)
    void bodyEnd(String marked) {
        assertInjection(marked, InjectionPoint.BODY_END);
    }

    /**
     * HEAD_END when the head ends without a {@code </head>}: as an HTML parser reads it, after which a
     * {@code </head>} is ignored and the snippet goes before {@code </body>}.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a <body> start tag ends the head: the snippet goes before it       | `<html><head><title>t</title>@<body>x</head>y</body>`
            so does any start tag the parser does not keep in the head          | `<head><div></div></head>@</body>`
            a start tag from an element of the body, uppercase                 | `<HEAD><META><P></HEAD>@</BODY>`
            an image                                                            | `<head><img src=x></head>@</body>`
            SVG                                                                 | `<head><svg></svg></head>@</body>`
            a raw-text element of the body: textarea                            | `<head><textarea></head></textarea></head>@</body>`
            a raw-text element of the body: xmp                                 | `<head><xmp></head></xmp></head>@</body>`
            non-white-space text                                                | `<head>x</head>@</body>`
            a character reference                                               | `<head>&nbsp;</head>@</body>`
            a '<' that starts no tag is text                                    | `<head>< /head></head>@</body>`
            a '<' before another '<' is text                                    | `<head><<meta></head>@</body>`
            an end tag html                                                     | `<head></html></head>@</body>`
            an end tag br (read as <br>)                                        | `<head></br></head>@</body>`
            the head elements keep it open                                      | `<head><base href=/><link rel=x><meta charset=utf-8><basefont><bgsound>@</head>`
            so do the head's raw-text elements                                  | `<head><title>x</title><style>x</style><script>x</script><noscript>x</noscript><noframes>x</noframes>@</head>`
            so do white space, comments, DOCTYPEs, bogus comments, CDATA        | `<head> \t\n<!-- x --><!DOCTYPE html><?x?><![CDATA[x]]>@</head>`
            so do other end tags (ignored in the head)                          | `<head></div></p></title></head-x>@</head>`
            so do <html> and another <head>                                     | `<head><html lang=en><head>@</head>`
            the head may start implicitly                                       | `<title>x</title>@</head>`
            and end at once, in a document                                      | `<html><p>x</p></head>@</body>`
            content inside a template does not end it                           | `<head><template><div>x</div></template>@</head>`
            nor does a </head> inside a template                                | `<head><template></head></template>@</head>`
            nested templates                                                    | `<head><template><template></template></head></template>@</head>`
            a </template> without a template is ignored                         | `<head></template>@</head>`
            plaintext ends the head and everything else                         | `<head><plaintext></head></body>`
            """)
    void headEndsWithoutHeadEndTag(String rule, String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END);
    }

    /**
     * HEAD_END on a fragment: a response whose head ends (as a parser reads it) before any {@code <html>},
     * {@code <head>} or {@code <body>} start tag is a partial (htmx, Turbo, a JSON-less AJAX answer served as
     * {@code text/html}) and gets no snippet, whatever follows; the injector stops scanning it. embeddable4j's rule,
     * not HTML's (a parser would take the {@code </body>}), so jsoup is not asked.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an element first                                | `<tr><td>1</td></tr></body>`
            text first                                      | `Saved.</body>`
            a script, then an element                       | `<script>x()</script><div id=x></div><body></body>`
            a comment and white space, then an element      | `<!-- partial -->\n<li>x</li></head></body>`
            an end tag html                                 | `</html></body>`
            a body start tag inside a template is inert     | `<template><body></template>x</body>`
            so is an html start tag                         | `<template><html></template><p>x</p></body>`
            and a DOCTYPE                                   | `<template><!DOCTYPE html></template><p>x</p></body>`
            a bogus comment that only starts like a DOCTYPE | `<!DOCTYP><p>x</p></body>`
            """)
    void fragmentsGetNothing(String rule, String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END, false);
    }

    /**
     * A DOCTYPE starts a document, not a partial: the html, head and body tags are optional in HTML (style guides
     * say to leave them out), and no htmx or Turbo partial starts with a DOCTYPE. Such a page got no widget.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no html, head or body tag at all                | `<!DOCTYPE html><title>Contacts</title><main><p>hi</p></main>@</body></html>`
            a body start tag ends the implicit head         | `<!doctype html>\n<meta charset=utf-8><title>x</title>@<body><p>x</p>`
            any case, after a comment                       | `<!-- c -->\n<!DoCtYpE html><div>x</div>@</body>`
            a legacy DOCTYPE with identifiers               | `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd"><p>x@</body>`
            no marker: nothing, but not for want of looking | `<!DOCTYPE html><p>x</p>`
            """)
    void aDoctypeMakesADocument(String rule, String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END);
    }

    /** A leading byte order mark is not text: the head stays open. Anywhere else it is text. */
    @ParameterizedTest
    @ValueSource(strings = {"\uFEFF<head>@</head>", "\uFEFF<html> \uFEFF<head></head>@</body>"})
    void byteOrderMark(String marked) {
        assertInjection(marked, InjectionPoint.HEAD_END);
    }

    /**
     * Checks the expectation on every path: whole documents, the byte stream (UTF-8) and the writer, each in one
     * write (the fast paths) and one unit at a time (the state machine); and against jsoup.
     */
    private static void assertInjection(String marked, InjectionPoint point) {
        assertInjection(marked, point, true);
    }

    private static void assertInjection(String marked, InjectionPoint point, boolean askJsoup) {
        String doc = marked.replace("\\n", "\n").replace("\\t", "\t").replace("\\u00e9", "\u00e9");
        String input = doc.replace("@", "");
        String expected = doc.replace("@", SNIPPET);
        assertThat(HtmlInjection.inject(input, SNIPPET, point)).isEqualTo(expected);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int[] everyByte = IntStream.range(1, bytes.length).toArray();
        int[] everyChar = IntStream.range(1, input.length()).toArray();
        for (int[] cuts : new int[][] {{}, everyByte}) {
            byte[] out = InjectorDifferentialTest.streamBytes(bytes, StandardCharsets.UTF_8, point, cuts, SNIPPET);
            assertThat(new String(out, StandardCharsets.UTF_8)).as("bytes, %d writes", cuts.length + 1).isEqualTo(expected);
        }
        for (int[] cuts : new int[][] {{}, everyChar}) {
            assertThat(InjectorDifferentialTest.writeChars(input, point, cuts, SNIPPET)).as("chars, %d writes", cuts.length + 1)
                    .isEqualTo(expected);
        }
        if (askJsoup && JsoupOracle.notComparable(input, point) == null) { // CDATA in the head: see there
            assertThat(JSOUP.expectedInjectionIndex(input, point)).as("jsoup's answer").isEqualTo(doc.indexOf('@'));
        }
    }
}
