package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoders every configured value passes through, to the character. The hostile-value suite proves nothing breaks
 * out; these pin what each encoder writes, including the fast path that returns plain text as it is (mutation testing
 * found that a markup character let through there, where it starts or ends the text, changed no other test).
 */
class EscapeTest {

    /** Each markup character alone, first, last, and between plain text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "&|&amp;", "<|&lt;", ">|&gt;", "\"|&quot;", "'|&#39;",
        "&b|&amp;b", "a&|a&amp;", "a<b|a&lt;b", "a>b|a&gt;b", "a\"b|a&quot;b", "it's|it&#39;s",
    })
    void markupCharactersBecomeReferencesWherever(String text, String escaped) {
        assertThat(Escape.htmlAttribute(text)).isEqualTo(escaped);
    }

    /** Printable ASCII but the markup characters is plain, from space to '~', and comes back as the same string. */
    @org.junit.jupiter.api.Test
    void printableAsciiIsLeftAsItIs() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            if ("&<>\"'".indexOf(c) < 0) {
                all.append(c);
            }
        }
        String plain = all.toString();
        assertThat(Escape.htmlAttribute(plain)).isSameAs(plain);
        // the same characters after one that needs escaping go through the slow path unchanged
        assertThat(Escape.htmlAttribute("&" + plain)).isEqualTo("&amp;" + plain);
    }

    /**
     * Outside printable ASCII, a numeric reference; what XML cannot hold (C0 controls but tab and line ends, DEL is
     * fine, lone surrogates, U+FFFE, U+FFFF) becomes U+FFFD. Each border of XML's Char production on both sides.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8|FFFD", "9|9", "A|A", "B|FFFD", "C|FFFD", "D|D", "E|FFFD", "1F|FFFD", "7F|7F", "80|80",
        "D7FF|D7FF", "D800|FFFD", "DFFF|FFFD", "E000|E000", "FFFD|FFFD", "FFFE|FFFD", "FFFF|FFFD",
        "10000|10000", "1F600|1F600", "10FFFF|10FFFF",
    })
    void otherCharactersBecomeNumericReferences(String codePoint, String referenced) {
        String text = new String(Character.toChars(Integer.parseInt(codePoint, 16)));
        assertThat(Escape.htmlAttribute("a" + text + "b")).isEqualTo("a&#x" + referenced + ";b");
        assertThat(Escape.htmlAttribute(text)).isEqualTo("&#x" + referenced + ";");
    }

    @org.junit.jupiter.api.Test
    void queryComponentsKeepOnlyTheUnreservedCharacters() {
        assertThat(Escape.queryComponent("AZaz09-._~")).isEqualTo("AZaz09-._~");
        // the neighbours of each range are encoded: @ [ ` { / :
        assertThat(Escape.queryComponent("A@Z[a`z{0/9:")).isEqualTo("A%40Z%5Ba%60z%7B0%2F9%3A");
        assertThat(Escape.queryComponent("a b+c&d=e/f?g#h%i")).isEqualTo("a%20b%2Bc%26d%3De%2Ff%3Fg%23h%25i");
        // after the first reserved character, the unreserved ones are still left alone; the rest as UTF-8 bytes
        assertThat(Escape.queryComponent(" -._~\u00e9\ud83d\ude00")).isEqualTo("%20-._~%C3%A9%F0%9F%98%80");
    }

    /** What can end a JavaScript string or its script element becomes a \\u escape; a space and other text do not. */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "\\", "'", "<", ">", "&", "\u0000", "\n", "\u001f", "\u007f", "\u2028", "\u2029"})
    void jsStringEscapesWhatCanEndTheStringOrTheElement(String c) {
        assertThat(Escape.jsString("a" + c + "b")).isEqualTo(String.format("a\\u%04xb", (int) c.charAt(0)));
    }

    @org.junit.jupiter.api.Test
    void jsStringLeavesOtherTextAlone() {
        assertThat(Escape.jsString(" a~\u0080\u00e9\u2027\u202a")).isEqualTo(" a~\u0080\u00e9\u2027\u202a");
    }
}
