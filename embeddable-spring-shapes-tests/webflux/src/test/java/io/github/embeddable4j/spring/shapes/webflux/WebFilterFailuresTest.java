package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.spring.webflux.CsrfTokenSource;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.CharSequenceEncoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link EmbeddableWebFilter} when a page goes wrong: the page's buffer when the client goes away or the write times
 * out while the snippet is still coming (reference-counted Netty buffers, as on a server), the headers of an error
 * answer written in place of a page, and pages cut into flushed one-byte chunks.
 */
class WebFilterFailuresTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("unit").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";

    /** A Netty factory that remembers every buffer it allocates, so a test can read its reference count. */
    static final class TrackingFactory extends NettyDataBufferFactory {
        final List<NettyDataBuffer> allocated = new CopyOnWriteArrayList<>();

        TrackingFactory() {
            super(new UnpooledByteBufAllocator(false));
        }

        @Override
        public NettyDataBuffer allocateBuffer(int initialCapacity) {
            NettyDataBuffer buffer = super.allocateBuffer(initialCapacity);
            allocated.add(buffer);
            return buffer;
        }

        @Override
        @SuppressWarnings("deprecation")
        public NettyDataBuffer allocateBuffer() {
            NettyDataBuffer buffer = super.allocateBuffer();
            allocated.add(buffer);
            return buffer;
        }

        long unreleased() {
            return allocated.stream().filter(b -> b.getNativeBuffer().refCnt() > 0).count();
        }
    }

    private static ServerWebExchange exchange(MockServerHttpResponse response) {
        return new DefaultServerWebExchange(MockServerHttpRequest.get("/page").header("Accept", "text/html").build(),
                response, new DefaultWebSessionManager(), ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
    }

    /** As a @ResponseBody String or ServerResponse.bodyValue(html) writes a page: the encoder allocates, then writeWith. */
    private static Mono<Void> writePage(ServerWebExchange exchange) {
        return new EncoderHttpMessageWriter<>(CharSequenceEncoder.allMimeTypes()).write(Mono.just(PAGE),
                ResolvableType.forClass(String.class), MediaType.TEXT_HTML, exchange.getResponse(), Map.of());
    }

    private static EmbeddableWebFilter bridged(Mono<CsrfTokenSource.Token> token) {
        return new EmbeddableWebFilter(EMBEDDABLE, InjectionRules.defaults(), List.of())
                .withBridge("/embeddable4j", List::of, true, exchange -> token);
    }

    /**
     * The CSRF token arrives, the page is written and its buffer released (the delegate releases what it writes, as a
     * server does): what the two tests below compare with.
     */
    @Test
    void theEncodersBufferIsReleasedWhenThePageIsWritten() {
        TrackingFactory factory = new TrackingFactory();
        MockServerHttpResponse response = new MockServerHttpResponse(factory);
        response.setWriteHandler(body -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
        Sinks.One<CsrfTokenSource.Token> token = Sinks.one();
        WebFilterChain handler = WebFilterFailuresTest::writePage;
        Disposable request = bridged(token.asMono()).filter(exchange(response), handler).subscribe();
        token.tryEmitValue(new CsrfTokenSource.Token("X-CSRF-TOKEN", "t"));
        assertThat(request.isDisposed()).isTrue();
        assertThat(factory.allocated).hasSize(1);
        assertThat(factory.unreleased()).isZero();
        assertThat(response.getHeaders().getFirst("Content-Type")).startsWith("text/html");
    }

    /**
     * The client goes away while the bridge's CSRF token (a session store) is still being looked up: the page's buffer,
     * already allocated by the encoder and handed to writeWith, is released (it leaked before, never subscribed), as
     * Spring's own responses release a Mono body's buffer that was not written.
     */
    @Test
    void aPageWhoseSnippetIsStillComingIsReleasedWhenTheClientGoesAway() {
        TrackingFactory factory = new TrackingFactory();
        MockServerHttpResponse response = new MockServerHttpResponse(factory);
        response.setWriteHandler(body -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
        Sinks.One<CsrfTokenSource.Token> token = Sinks.one(); // never answers before the cancel
        WebFilterChain handler = WebFilterFailuresTest::writePage;
        Disposable request = bridged(token.asMono()).filter(exchange(response), handler).subscribe();
        assertThat(factory.allocated).hasSize(1);
        assertThat(factory.unreleased()).isOne(); // the page waits for its snippet
        request.dispose(); // the connection closed: WebFlux cancels the exchange's Mono
        assertThat(factory.unreleased()).as("buffers still referenced after cancel").isZero();
    }

    /** The same when a time-out above the filter abandons the write with an error. */
    @Test
    void aPageWhoseWriteFailsBeforeTheBodyIsSubscribedIsReleased() {
        TrackingFactory factory = new TrackingFactory();
        MockServerHttpResponse response = new MockServerHttpResponse(factory);
        response.setWriteHandler(body -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
        WebFilterChain handler = WebFilterFailuresTest::writePage;
        // A filter above with a time-out (or a server's request time-out): the write is abandoned with an error.
        Throwable failed = bridged(Mono.never()).filter(exchange(response), handler)
                .timeout(java.time.Duration.ofMillis(50)).then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just).block();
        assertThat(failed).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(factory.allocated).hasSize(1);
        assertThat(factory.unreleased()).as("buffers still referenced after the time-out").isZero();
    }

    /**
     * inject.error-pages: a relayed page (a gateway copies the upstream's Content-Length and ETag) whose body fails
     * before its first byte (the upstream connection reset) is answered by the error handler with JSON. The failed
     * page's held Content-Length and ETag were put back on the error answer at its commit: two Content-Length values
     * (an invalid response) and the page's validator on an error.
     */
    @Test
    void anErrorAnswerDoesNotGetTheHeadersOfThePageThatFailed() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerWebExchange exchange = exchange(response);
        String json = "{\"status\":502,\"error\":\"Bad Gateway\"}";
        org.springframework.web.server.WebExceptionHandler errorHandler = (ex, error) -> {
            ex.getResponse().setStatusCode(org.springframework.http.HttpStatus.BAD_GATEWAY);
            return new EncoderHttpMessageWriter<>(CharSequenceEncoder.allMimeTypes()).write(Mono.just(json),
                    ResolvableType.forClass(String.class), MediaType.APPLICATION_JSON, ex.getResponse(), Map.of());
        };
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE,
                InjectionRules.builder().errorPages(true).build(), List.of()).withErrorPages(() -> List.of(errorHandler));
        WebFilterChain relay = ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
            ex.getResponse().getHeaders().setContentLength(5000);
            ex.getResponse().getHeaders().setETag("\"upstream\"");
            return ex.getResponse().writeWith(Flux.error(new java.io.IOException("Connection prematurely closed BEFORE response body")));
        };
        filter.filter(exchange, relay).block();
        assertThat(response.getStatusCode().value()).isEqualTo(502);
        assertThat(response.getBodyAsString().block()).isEqualTo(json);
        assertThat(response.getHeaders().get("Content-Length")).as(response.getHeaders().toString())
                .containsExactly(String.valueOf(json.length()));
        assertThat(response.getHeaders().getETag()).isNull();
    }

    /**
     * A HEAD of a page whose body fails before its first byte, answered by WebFlux's error handling (on the exchange
     * as it came, beneath the filter's decorator): the 500 answer was marked as having got the widget.
     */
    @Test
    void aFailedHeadIsNotMarkedInjected() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerWebExchange exchange = new DefaultServerWebExchange(MockServerHttpRequest.head("/page").header("Accept", "text/html").build(),
                response, new DefaultWebSessionManager(), ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE,
                InjectionRules.builder().injectedHeader("X-Embeddable-Injected").build(), List.of());
        WebFilterChain page = ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
            return ex.getResponse().writeWith(Flux.error(new IllegalStateException("template failed")));
        };
        filter.filter(exchange, page).onErrorResume(e -> { // as ExceptionHandlingWebHandler: the original response
            response.setStatusCode(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return response.setComplete();
        }).block();
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getFirst("X-Embeddable-Injected")).as(response.getHeaders().toString()).isNull();
    }

    /**
     * inject.error-pages, the other way round: a page judged "not for the widget" (JSON) whose body fails is answered
     * with an HTML error page, which is judged as itself and gets the widget.
     */
    @Test
    void anHtmlErrorPageInPlaceOfAFailedJsonAnswerGetsTheWidget() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerWebExchange exchange = exchange(response);
        String html = "<!DOCTYPE html><html><head><title>502</title></head><body>Bad Gateway</body></html>";
        org.springframework.web.server.WebExceptionHandler errorHandler = (ex, error) -> {
            ex.getResponse().setStatusCode(org.springframework.http.HttpStatus.BAD_GATEWAY);
            return new EncoderHttpMessageWriter<>(CharSequenceEncoder.allMimeTypes()).write(Mono.just(html),
                    ResolvableType.forClass(String.class), MediaType.TEXT_HTML, ex.getResponse(), Map.of());
        };
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE,
                InjectionRules.builder().errorPages(true).build(), List.of()).withErrorPages(() -> List.of(errorHandler));
        WebFilterChain api = ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return ex.getResponse().writeWith(Flux.error(new java.io.IOException("upstream reset")));
        };
        filter.filter(exchange, api).block();
        assertThat(response.getStatusCode().value()).isEqualTo(502);
        assertThat(response.getBodyAsString().block()).isEqualTo(html.replace("</head>", EMBEDDABLE.scriptTag() + "</head>"));
    }

    /**
     * One-byte buffers with empty ones between, through both write paths (in mode 2 each byte is a flushed chunk, as
     * Thymeleaf's chunked mode may cut a page anywhere), give what one buffer gives: the marker is found across chunks,
     * because the bytes that may begin it wait for the next chunk even after a flush (a partial tag, which a browser
     * could not render yet anyway).
     */
    @Test
    void pagesCutIntoOneByteBuffersOrFlushedChunksComeOutAsFromOneBuffer() {
        String[] pages = {PAGE, "<html><head><script>var s='</head>'</script><!-- </head> --><title>x</title><body>b</body>",
                "<tr><td>row</td></tr>", "<!DOCTYPE html><p>no head</p></body>", "\uFEFF<!doctype html><HEAD></HEAD ><body>",
                "<html><head></he", "<"};
        for (String page : pages) {
            String whole = run(page, 0);
            for (int mode = 1; mode <= 3; mode++) {
                assertThat(run(page, mode)).as(mode + ": " + page).isEqualTo(whole);
            }
        }
    }

    private static String run(String page, int mode) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerWebExchange exchange = exchange(response);
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        org.springframework.core.io.buffer.DefaultDataBufferFactory f = org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance;
        WebFilterChain chain = ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
            if (mode == 0) {
                return ex.getResponse().writeWith(Mono.just(f.wrap(bytes.clone())));
            }
            java.util.List<DataBuffer> tiny = new java.util.ArrayList<>();
            for (byte b : bytes) {
                tiny.add(f.wrap(new byte[] {b}));
                tiny.add(f.allocateBuffer(0));
            }
            if (mode == 1) {
                return ex.getResponse().writeWith(Flux.fromIterable(tiny));
            }
            if (mode == 2) {
                return ex.getResponse().writeAndFlushWith(Flux.fromIterable(tiny).map(Mono::just));
            }
            return ex.getResponse().writeWith(Flux.fromIterable(tiny).concatWith(Flux.empty()).publishOn(reactor.core.scheduler.Schedulers.parallel()));
        };
        new EmbeddableWebFilter(EMBEDDABLE, InjectionRules.defaults(), List.of()).filter(exchange, chain).block();
        return DataBufferUtils.join(response.getBody()).map(b -> b.toString(StandardCharsets.UTF_8)).defaultIfEmpty("").block();
    }
}
