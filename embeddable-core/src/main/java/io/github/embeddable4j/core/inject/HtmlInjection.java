package io.github.embeddable4j.core.inject;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Helpers around the streaming injector. */
public final class HtmlInjection {

    /** Multi-byte charsets in which every byte of a multi-byte character is 0x80 or above. */
    private static final Set<String> ASCII_SAFE_MULTIBYTE = Set.of("UTF-8", "EUC-JP", "EUC-KR", "GB2312", "X-EUC-TW");
    /**
     * Multi-byte charsets whose later bytes may look like ASCII, but never like a byte below 0x40: the second bytes of
     * Shift_JIS, GBK or Big5 are 0x40 or above (GB18030's four-byte form adds digits). Every byte markup begins or ends
     * with ({@code < > / ! - = " '}, white space) is below 0x40, so it is always that character, a byte right after an
     * ASCII one starts a character, and a tag name with a multi-byte character in it matches no name the scanner
     * knows: markers are found where a browser finds them (as the HTML standard, which calls these charsets
     * ASCII-compatible, relies on too). Japanese, Chinese and Taiwanese applications serve pages in them. One known
     * difference: ']' (0x5D) can be a second byte, so in a CDATA section such a character followed by "]>" ends the
     * section early on the byte path; the snippet then goes where an HTML parser puts it (HTML reads
     * {@code <![CDATA[} as a comment that ends at the first '>'), not where an XHTML one does.
     */
    private static final Set<String> MARKUP_SAFE_MULTIBYTE = Set.of("SHIFT_JIS", "WINDOWS-31J", "X-SJIS_0213",
            "X-MS932_0213", "GBK", "GB18030", "BIG5", "BIG5-HKSCS", "X-WINDOWS-950", "X-MS950-HKSCS", "X-WINDOWS-949");
    /** Answers per charset: the check decodes 128 bytes, and filters ask on every response. */
    private static final Map<Charset, Boolean> ASCII_COMPATIBLE = new ConcurrentHashMap<>();

    private HtmlInjection() {
    }

    /**
     * Whether markers can be found byte by byte in this charset: every byte below 0x40 must always be that ASCII
     * character, and ASCII must encode as itself. True for UTF-8, US-ASCII, ISO-8859-*, windows-125*, KOI8-*, the EUC
     * charsets, and Shift_JIS (windows-31j), GBK, GB18030, Big5 and windows-949, whose second bytes can look like ASCII
     * letters but never like markup; false for UTF-16, UTF-32, stateful charsets such as ISO-2022-JP (where {@code <} can be
     * half of a character), EBCDIC, and null.
     */
    public static boolean isAsciiCompatible(@Nullable Charset charset) {
        if (charset == null) {
            return false;
        }
        if (charset == StandardCharsets.UTF_8 || charset == StandardCharsets.ISO_8859_1 || charset == StandardCharsets.US_ASCII) {
            return true;
        }
        return ASCII_COMPATIBLE.computeIfAbsent(charset, HtmlInjection::check);
    }

    private static boolean check(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        if (ASCII_SAFE_MULTIBYTE.contains(name) || MARKUP_SAFE_MULTIBYTE.contains(name)) {
            return true;
        }
        if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f) {
            return false;
        }
        byte[] ascii = new byte[128];
        for (int i = 0; i < 128; i++) {
            ascii[i] = (byte) i;
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(ascii));
            return chars.toString().equals(new String(ascii, StandardCharsets.US_ASCII));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Inserts a snippet into a complete document, by the same rules as the streaming injectors. Returns the
     * document unchanged when it has no marker.
     */
    public static String inject(String html, String snippet, InjectionPoint point) {
        HtmlMarkerScanner scanner = new HtmlMarkerScanner(point);
        int markerEnd = scanner.scan(html.toCharArray(), 0, html.length());
        if (markerEnd < 0) { // none, or NEVER (a fragment)
            return html;
        }
        int at = markerEnd - scanner.markerLength;
        return html.substring(0, at) + snippet + html.substring(at);
    }
}
