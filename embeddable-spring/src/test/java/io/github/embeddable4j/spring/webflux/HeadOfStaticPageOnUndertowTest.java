package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.UndertowHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * HEAD of a static HTML file, WebFlux on Undertow (Boot 3.5's spring-boot-starter-undertow; Spring 7 has no Undertow
 * adapter, so this test is left out of the Boot 4 run): WebFlux's static resources answer HEAD with the file's length
 * and no body, the filter takes the length out (the page with the widget is longer), and Undertow then said
 * {@code Content-Length: 0}, a page of nothing (a protocol trial). Each case is compared with the same file served
 * without the library.
 */
class HeadOfStaticPageOnUndertowTest {

    private static final String PAGE = StaticPageHandler.PAGE;
    private static Undertow undertow;
    private static int port;
    private static Undertow plainUndertow;
    private static int plainPort;

    @BeforeAll
    static void start() {
        EmbeddableWebFilter filter = new EmbeddableWebFilter(
                Embeddable.of(EmbeddableConfig.builder().clientId("head-test").build()), InjectionRules.defaults(), List.of());
        org.springframework.web.server.WebHandler file = StaticPageHandler.file(); // as WebFlux's ResourceWebHandler answers
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new UndertowHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(file).filter(filter).build())).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        plainUndertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new UndertowHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(file).build())).build();
        plainUndertow.start();
        plainPort = ((InetSocketAddress) plainUndertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        undertow.stop();
        plainUndertow.stop();
    }

    @Test
    void headOverHttp11SaysWhatGetDoes() throws Exception {
        assertThat(exchange("HEAD", plainPort, "HTTP/1.1")).as("without the library: the file's length")
                .containsIgnoringCase("Content-Length: " + PAGE.length());
        String get = exchange("GET", port, "HTTP/1.1");
        assertThat(get).startsWith("HTTP/1.1 200").contains("adapter.js").doesNotContainIgnoringCase("Content-Length: " + PAGE.length());
        String head = exchange("HEAD", port, "HTTP/1.1");
        assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Content-Length")
                .doesNotContainIgnoringCase("Accept-Ranges").containsIgnoringCase("Transfer-Encoding: chunked");
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).as("no body").isEmpty();
    }

    /**
     * RFC 9112, 6.1: no Transfer-Encoding for an HTTP/1.0 request, which Undertow would pass on: there the HEAD keeps
     * Undertow's {@code Content-Length: 0} (left as it is, as on Jetty: HTTP/1.0 clients that send HEAD are rare).
     */
    @Test
    void headOverHttp10HasNoTransferEncoding() throws Exception {
        assertThat(exchange("GET", port, "HTTP/1.0")).contains("adapter.js").doesNotContainIgnoringCase("Transfer-Encoding");
        assertThat(exchange("HEAD", port, "HTTP/1.0")).startsWith("HTTP/1.0 200").doesNotContainIgnoringCase("Transfer-Encoding");
    }

    private static String exchange(String method, int port, String version) throws Exception {
        return StaticPageHandler.exchange(method, port, version);
    }
}
