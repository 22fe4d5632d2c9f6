package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            `<head><title></head></title><textarea></head></textarea>@</head>`
            `<head><noscript></head></noscript><xmp></head></xmp>@</head>`
            `<head><![CDATA[ </head> ]]>@</head>`
            `<head><meta content="</head>"><meta content='</head>'>@</head>`
            `<head><a title=</head>>@</head>`
            `<!DOCTYPE html><?xml version="1.0"?><head>@</head>`
            `<head><!x </head>>@</head>`
            `<html><body><p>no head</p>@</body></html>`
            `<head>< /head></ head>@</head>`
            `<head><@</head>`
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
            markup declaration open: "<!-x" is a bogus comment, ending at '>'                  | `<head><!-x </head>>@</head>`
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
            `<head></head>`
            """)
    void bodyEnd(String marked) {
        assertInjection(marked, InjectionPoint.BODY_END);
    }

    private static void assertInjection(String marked, InjectionPoint point) {
        String doc = marked.replace("\\n", "\n").replace("\\u00e9", "\u00e9");
        String input = doc.replace("@", "");
        String expected = doc.replace("@", SNIPPET);
        assertThat(HtmlInjection.inject(input, SNIPPET, point)).isEqualTo(expected);
        assertThat(JsoupOracle.notComparable(input)).isNull();
        assertThat(JSOUP.expectedInjectionIndex(input, point)).as("jsoup's answer").isEqualTo(doc.indexOf('@'));
    }
}
