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
    private static final Set<String> ASCII_SAFE_MULTIBYTE = Set.of("UTF-8", "EUC-JP", "EUC-KR", "GB2312");
    /** Answers per charset: the check decodes 128 bytes, and filters ask on every response. */
    private static final Map<Charset, Boolean> ASCII_COMPATIBLE = new ConcurrentHashMap<>();

    private HtmlInjection() {
    }

    /**
     * Whether markers can be found byte by byte in this charset: every byte below 0x80 must always be that ASCII
     * character. True for UTF-8, US-ASCII, ISO-8859-*, windows-125*, KOI8-* and the EUC charsets; false for UTF-16,
     * UTF-32, and charsets such as Shift_JIS, GBK or Big5 whose second bytes can look like ASCII; false for null.
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
        if (ASCII_SAFE_MULTIBYTE.contains(name)) {
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
