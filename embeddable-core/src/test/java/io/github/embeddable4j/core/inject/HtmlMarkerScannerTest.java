package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the snippet goes, case by case. {@code @} marks the expected insertion point; no {@code @} means none. */
class HtmlMarkerScannerTest {

    private static final String SNIPPET = "[S]";

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
    }
}
