package io.github.embeddable4j.core.inject;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InjectingStreamsTest {

    @Test
    void holdsBackOnlyWhatMayStartAMarkerAndFlushDoesNotReleaseIt() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        InjectingOutputStream out = new InjectingOutputStream(sink, UTF_8, "[S]", InjectionPoint.HEAD_END);
        out.write("<head><title>x</title></he".getBytes(UTF_8));
        out.flush();
        assertThat(sink.toString(UTF_8)).isEqualTo("<head><title>x</title>");
        out.write("ader>".getBytes(UTF_8)); // "</header>" is not a marker: released at once
        assertThat(sink.toString(UTF_8)).isEqualTo("<head><title>x</title></header>");
        out.write("</head".getBytes(UTF_8));
        assertThat(sink.toString(UTF_8)).isEqualTo("<head><title>x</title></header>");
        out.write(">".getBytes(UTF_8));
        assertThat(sink.toString(UTF_8)).isEqualTo("<head><title>x</title></header>[S]</head>");
        assertThat(out.injected()).isTrue();
        assertThat(out.scanning()).isFalse();
    }

    @Test
    void aFragmentIsReportedOnceBeforeAnyOfItsUnitsGoOnAndADocumentNever() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.util.List<Integer> seenAt = new java.util.ArrayList<>();
        InjectingOutputStream bytes = new InjectingOutputStream(sink, UTF_8, "<x>", InjectionPoint.HEAD_END) {
            @Override
            protected void fragmentFound() {
                seenAt.add(sink.size());
            }
        };
        bytes.write("  <tr><td>1</td></tr>".getBytes(UTF_8));
        bytes.write("<tr><td>2</td></tr></bod".getBytes(UTF_8));
        bytes.finish();
        assertThat(seenAt).containsExactly(0); // the htmx partial's first element: nothing was written yet
        assertThat(sink.toString(UTF_8)).isEqualTo("  <tr><td>1</td></tr><tr><td>2</td></tr></bod");

        StringWriter chars = new StringWriter();
        java.util.List<Integer> charsSeenAt = new java.util.ArrayList<>();
        InjectingWriter writer = new InjectingWriter(chars, "<x>", InjectionPoint.HEAD_END) {
            @Override
            protected void fragmentFound() {
                charsSeenAt.add(chars.getBuffer().length());
            }
        };
        writer.write("<html><head></head><body><p>a document</p></body></html>");
        writer.write("<p>and more</p>");
        writer.finish();
        assertThat(charsSeenAt).isEmpty();
        assertThat(chars.toString()).startsWith("<html><head><x></head>");
    }

    @Test
    void finishAndCloseReleaseTheHeldTail() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        InjectingOutputStream out = new InjectingOutputStream(sink, UTF_8, "[S]", InjectionPoint.HEAD_END);
        out.write("<p>truncated </hea".getBytes(UTF_8));
        out.finish();
        assertThat(sink.toString(UTF_8)).isEqualTo("<p>truncated </hea");
        out.write("d>".getBytes(UTF_8)); // after finish: copied, never injected
        assertThat(sink.toString(UTF_8)).isEqualTo("<p>truncated </head>");
        assertThat(out.injected()).isFalse();

        StringWriter chars = new StringWriter();
        try (InjectingWriter w = new InjectingWriter(chars, "[S]", InjectionPoint.HEAD_END)) {
            w.write("tail <");
        }
        assertThat(chars.toString()).isEqualTo("tail <");
    }

    @Test
    void resetStartsOver() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        InjectingOutputStream out = new InjectingOutputStream(sink, UTF_8, "[S]", InjectionPoint.HEAD_END);
        out.write("<head></head>".getBytes(UTF_8));
        sink.reset();
        out.reset();
        out.write("<!-- <head> --".getBytes(UTF_8));
        sink.reset();
        out.reset();
        out.write("<head></head>".getBytes(UTF_8));
        assertThat(sink.toString(UTF_8)).isEqualTo("<head>[S]</head>");
    }

    @Test
    void snippetIsEncodedInTheResponseCharset() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (InjectingOutputStream out = new InjectingOutputStream(sink, ISO_8859_1, "<!-- é -->", InjectionPoint.HEAD_END)) {
            out.write("<head><title>\u00e9</title></head>".getBytes(ISO_8859_1));
        }
        assertThat(sink.toByteArray()).isEqualTo("<head><title>\u00e9</title><!-- é --></head>".getBytes(ISO_8859_1));
    }

    @Test
    void writerSingleCharacterWrites() throws IOException {
        StringWriter chars = new StringWriter();
        try (InjectingWriter w = new InjectingWriter(chars, "[S]", InjectionPoint.BODY_END)) {
            for (char c : "<body>x</BODY>".toCharArray()) {
                w.write(c);
            }
        }
        assertThat(chars.toString()).isEqualTo("<body>x[S]</BODY>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "US-ASCII", "ISO-8859-1", "ISO-8859-15", "windows-1252", "windows-1251", "KOI8-R", "EUC-JP", "EUC-KR",
        "x-EUC-TW", "Shift_JIS", "windows-31j", "GBK", "GB18030", "Big5"})
    void asciiCompatibleCharsets(String name) {
        assertThat(HtmlInjection.isAsciiCompatible(Charset.forName(name))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "IBM037", "ISO-2022-JP", "x-IBM943"})
    void charsetsWhereBytesCanLookLikeAsciiAreRefused(String name) {
        Charset cs = Charset.forName(name);
        assertThat(HtmlInjection.isAsciiCompatible(cs)).isFalse();
        assertThatThrownBy(() -> new InjectingOutputStream(new ByteArrayOutputStream(), cs, "x", InjectionPoint.HEAD_END))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentWithoutMarkerIsUnchangedByteForByte() throws IOException {
        byte[] input = new byte[256 * 4];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) i;
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (InjectingOutputStream out = new InjectingOutputStream(sink, StandardCharsets.ISO_8859_1, "[S]", InjectionPoint.HEAD_END)) {
            out.write(input);
        }
        assertThat(sink.toByteArray()).isEqualTo(input);
    }

    @Test
    void releaseHeldSendsEverythingAndTheNextMarkerGetsTheSnippet() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        InjectingOutputStream out = new InjectingOutputStream(sink, UTF_8, "[S]", InjectionPoint.HEAD_END);
        out.write("<head></he".getBytes(UTF_8));
        out.releaseHeld();
        assertThat(sink.toString(UTF_8)).isEqualTo("<head></he");
        out.write("ad><body>x</body>".getBytes(UTF_8));
        assertThat(sink.toString(UTF_8)).isEqualTo("<head></head><body>x[S]</body>");

        StringWriter chars = new StringWriter();
        InjectingWriter w = new InjectingWriter(chars, "[S]", InjectionPoint.HEAD_END);
        w.write("<head><title>x</title>");
        w.releaseHeld(); // nothing held: scanning goes on normally
        w.write("</head>");
        assertThat(chars.toString()).isEqualTo("<head><title>x</title>[S]</head>");
    }

    @Test
    void aGateThatSaysNoCopiesTheRestUnchanged() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        InjectingOutputStream out = new InjectingOutputStream(sink, UTF_8, "[S]", InjectionPoint.HEAD_END) {
            @Override
            protected boolean shouldInject() {
                return false;
            }
        };
        out.write("<head></hea".getBytes(UTF_8));
        out.write("d><body></body>".getBytes(UTF_8));
        assertThat(sink.toString(UTF_8)).isEqualTo("<head></head><body></body>");
        assertThat(out.scanning()).isFalse();
        assertThat(out.injected()).isFalse();
    }
}
