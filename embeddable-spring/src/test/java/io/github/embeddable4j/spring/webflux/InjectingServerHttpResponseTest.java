package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WebFlux response decorator on its own: a page cut anywhere, read-only buffers, both write paths, fragments and
 * zero-copy files; the real-server behaviour is in the WebFlux shape's tests.
 */
class InjectingServerHttpResponseTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("unit").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";
    private static final String INJECTED = PAGE.replace("</head>", EMBEDDABLE.scriptTag() + "</head>");
    private static final java.util.function.Function<String, reactor.core.publisher.Mono<String>> LOADER =
            nonce -> reactor.core.publisher.Mono.just(EMBEDDABLE.scriptTag(nonce));
    private final DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;

    private static InjectingServerHttpResponse decorate(MockServerHttpResponse response) {
        return new InjectingServerHttpResponse(response, new HashMap<>(), LOADER,
                InjectionRules.builder().injectedHeader("X-Injected").build(), List.of(), false);
    }

    private static MockServerHttpResponse html() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        response.getHeaders().setContentType(MediaType.parseMediaType("text/html;charset=UTF-8"));
        return response;
    }

    /** The page cut at every position into two buffers: the marker split anywhere still gets the loader once. */
    @Test
    void aPageCutAnywhereGetsTheLoaderOnce() {
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= page.length; cut++) {
            byte[] original = page.clone();
            MockServerHttpResponse response = html();
            Flux<DataBuffer> body = Flux.just(factory.wrap(ByteBuffer.wrap(original, 0, cut)),
                    factory.wrap(ByteBuffer.wrap(original, cut, page.length - cut)));
            decorate(response).writeWith(body).block();
            assertThat(response.getBodyAsString().block()).as("cut at " + cut).isEqualTo(INJECTED);
            assertThat(original).as("the application's bytes are not written to").isEqualTo(page);
            // The marker header goes out only when the snippet is in by the commit, at the first non-empty buffer.
            int markerEnd = PAGE.indexOf("</head>") + "</head>".length();
            if (cut >= markerEnd) {
                assertThat(response.getHeaders().getFirst("X-Injected")).as("cut at " + cut).isEqualTo("1");
            } else if (cut > 1 && cut <= PAGE.indexOf("</head>")) { // a first buffer of "<" alone is held back whole
                assertThat(response.getHeaders().getFirst("X-Injected")).as("cut at " + cut).isNull();
            }
        }
    }

    @Test
    void readOnlyBuffersAreInjectedToo() {
        MockServerHttpResponse response = html();
        ByteBuffer readOnly = ByteBuffer.wrap(PAGE.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        assertThat(readOnly.hasArray()).isFalse();
        decorate(response).writeWith(Flux.just(factory.wrap(readOnly))).block();
        assertThat(response.getBodyAsString().block()).isEqualTo(INJECTED);
    }

    /**
     * A Japanese page in Shift_JIS, cut at every byte: its second bytes read as a backslash and 'A' byte by byte, never
     * as markup, so it gets the loader where a UTF-8 page does; in UTF-16 it passes unchanged.
     */
    @Test
    void aShiftJisPageGetsTheLoaderAndAUtf16OnePassesUnchanged() {
        java.nio.charset.Charset sjis = java.nio.charset.Charset.forName("Shift_JIS");
        String page = PAGE.replace("<title>t</title>", "<title>\u8868\u793a\u30a2</title>").replace(">b<", ">\u30bd<");
        byte[] bytes = page.getBytes(sjis);
        for (int cut = 0; cut <= bytes.length; cut++) {
            MockServerHttpResponse response = new MockServerHttpResponse();
            response.getHeaders().set("Content-Type", "text/html;charset=Shift_JIS");
            decorate(response).writeWith(Flux.just(factory.wrap(java.util.Arrays.copyOfRange(bytes, 0, cut)),
                    factory.wrap(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)))).block();
            String body = org.springframework.core.io.buffer.DataBufferUtils.join(response.getBody()).map(b -> b.toString(sjis)).block();
            assertThat(body).as("cut at " + cut).isEqualTo(page.replace("</head>", EMBEDDABLE.scriptTag() + "</head>"));
        }
        MockServerHttpResponse utf16 = new MockServerHttpResponse();
        utf16.getHeaders().set("Content-Type", "text/html;charset=UTF-16");
        decorate(utf16).writeWith(Flux.just(factory.wrap(page.getBytes(StandardCharsets.UTF_16)))).block();
        assertThat(org.springframework.core.io.buffer.DataBufferUtils.join(utf16.getBody())
                .map(b -> b.toString(StandardCharsets.UTF_16)).block()).isEqualTo(page);
    }

    /** A charset Java does not know, or a type that cannot be parsed: the page goes out as written, no exception. */
    @Test
    void anUnknownCharsetOrAnUnreadableTypePassesThePageUnchanged() {
        for (String type : new String[] {"text/html;charset=x-no-such-charset", "text/html;;;charset=\"", "text/html; charset=\"utf-8\""}) {
            MockServerHttpResponse response = new MockServerHttpResponse();
            response.getHeaders().set("Content-Type", type);
            decorate(response).writeWith(Flux.just(buffer(PAGE))).block();
            String expected = type.contains("utf-8") ? INJECTED : PAGE; // a quoted known charset is still a page
            // read as bytes: the mock's getBodyAsString() would parse the type itself
            String body = org.springframework.core.io.buffer.DataBufferUtils.join(response.getBody())
                    .map(b -> b.toString(StandardCharsets.UTF_8)).block();
            assertThat(body).as(type).isEqualTo(expected);
        }
    }

    @Test
    void writeAndFlushWithInjectsAcrossItsChunks() {
        MockServerHttpResponse response = html();
        int cut = PAGE.indexOf("</head>") + 3;
        Flux<Publisher<DataBuffer>> chunks = Flux.just(Flux.just(buffer(PAGE.substring(0, cut))),
                Flux.just(buffer(PAGE.substring(cut))));
        decorate(response).writeAndFlushWith(chunks).block();
        assertThat(response.getBodyAsString().block()).isEqualTo(INJECTED);
    }

    @Test
    void aFragmentKeepsItsLengthAndValidatorsAndAPageLosesThem() {
        String rows = "<tr><td>Ada</td></tr>";
        MockServerHttpResponse fragment = html();
        fragment.getHeaders().setContentLength(rows.length());
        fragment.getHeaders().setETag("\"rows\"");
        decorate(fragment).writeWith(Mono.just(buffer(rows))).block();
        assertThat(fragment.getBodyAsString().block()).isEqualTo(rows);
        assertThat(fragment.getHeaders().getContentLength()).isEqualTo(rows.length());
        assertThat(fragment.getHeaders().getETag()).isEqualTo("\"rows\"");
        assertThat(fragment.getHeaders().getFirst("X-Injected")).isNull();

        MockServerHttpResponse page = html();
        page.getHeaders().setContentLength(PAGE.length());
        page.getHeaders().setETag("\"page\"");
        page.getHeaders().setLastModified(1_000_000L);
        decorate(page).writeWith(Mono.just(buffer(PAGE))).block();
        assertThat(page.getBodyAsString().block()).isEqualTo(INJECTED);
        assertThat(page.getHeaders().getContentLength()).isEqualTo(-1);
        assertThat(page.getHeaders().getETag()).isNull();
        assertThat(page.getHeaders().getLastModified()).isEqualTo(-1);
    }

    /**
     * A HEAD answered with an empty body, as Spring Cloud Gateway relays the HEAD an upstream server answered with
     * headers only (found by a gateway trial): the empty body says nothing about the page, whose GET gets the widget, so
     * the response keeps GET's headers (no upstream length, no validators, the injected-header). An empty GET body
     * is the page, and keeps them.
     */
    @Test
    void aHeadWithAnEmptyBodyGetsGetsHeadersAndAnEmptyGetKeepsItsOwn() {
        for (boolean head : new boolean[] {true, false}) {
            MockServerHttpResponse response = html();
            response.getHeaders().setContentLength(147);
            response.getHeaders().setETag("\"upstream\"");
            new InjectingServerHttpResponse(response, new HashMap<>(), LOADER,
                    InjectionRules.builder().injectedHeader("X-Injected").build(), List.of(), head)
                    .writeWith(Flux.empty()).block();
            if (head) {
                assertThat(response.getHeaders().getFirst("Content-Length")).as("HEAD").isNull();
                assertThat(response.getHeaders().getETag()).as("HEAD").isNull();
                assertThat(response.getHeaders().getFirst("X-Injected")).as("HEAD").isEqualTo("1");
            } else {
                assertThat(response.getHeaders().getContentLength()).as("GET").isEqualTo(147);
                assertThat(response.getHeaders().getETag()).as("GET").isEqualTo("\"upstream\"");
                assertThat(response.getHeaders().getFirst("X-Injected")).as("GET").isNull();
            }
        }
    }

    /** Files that get no widget keep zero-copy transfer; a page served from a file is read and injected. */
    @Test
    void zeroCopyStaysForFilesThatGetNoWidget(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ZeroCopyResponse image = new ZeroCopyResponse();
        image.getHeaders().setContentType(MediaType.IMAGE_PNG);
        decorate(image).writeWith(png, 0, 4).block();
        assertThat(image.zeroCopied).containsExactly(png);

        Path html = Files.writeString(dir.resolve("page.html"), "xx" + PAGE + "yy");
        ZeroCopyResponse page = new ZeroCopyResponse();
        page.getHeaders().setContentType(MediaType.TEXT_HTML);
        decorate(page).writeWith(html, 2, PAGE.length()).block();
        assertThat(page.zeroCopied).isEmpty();
        assertThat(page.getBodyAsString().block()).isEqualTo(INJECTED);
    }

    private DataBuffer buffer(String text) {
        return factory.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class ZeroCopyResponse extends MockServerHttpResponse implements ZeroCopyHttpOutputMessage {
        final List<Path> zeroCopied = new ArrayList<>();

        @Override
        public Mono<Void> writeWith(Path file, long position, long count) {
            zeroCopied.add(file);
            return setComplete();
        }
    }
}
