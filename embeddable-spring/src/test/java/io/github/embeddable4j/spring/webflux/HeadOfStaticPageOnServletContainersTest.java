package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServletHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * HEAD of a static HTML file, WebFlux on a servlet container (through Spring's servlet adapter, as a WebFlux application
 * on spring-boot-starter-jetty or -tomcat runs): WebFlux's static resources answer HEAD with the file's length and no
 * body; the filter takes the length out (the page with the widget is longer), and Jetty then counted the empty body
 * and said {@code Content-Length: 0}, a page of nothing (a WebFlux trial). HEAD now says what GET does: chunked.
 */
class HeadOfStaticPageOnServletContainersTest {

    private static final String PAGE = StaticPageHandler.PAGE;
    private static Server jetty;
    private static int port;
    private static org.apache.catalina.startup.Tomcat tomcat;
    private static int tomcatPort;

    @BeforeAll
    static void start() throws Exception {
        EmbeddableWebFilter filter = new EmbeddableWebFilter(
                Embeddable.of(EmbeddableConfig.builder().clientId("head-test").build()), InjectionRules.defaults(), List.of());
        org.springframework.web.server.WebHandler file = StaticPageHandler.file(); // as WebFlux's ResourceWebHandler answers
        var handler = WebHttpHandlerBuilder.webHandler(file).filter(filter).build();
        var plain = WebHttpHandlerBuilder.webHandler(file).build(); // the same file without the library

        jetty = WebFluxOnJetty.start(handler);
        port = WebFluxOnJetty.port(jetty);
        tomcat = new org.apache.catalina.startup.Tomcat();
        tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        tomcat.setHostname("127.0.0.1");
        var ctx = tomcat.addContext("", null);
        org.apache.catalina.startup.Tomcat.addServlet(ctx, "webflux", new ServletHttpHandlerAdapter(handler)).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/*", "webflux");
        org.apache.catalina.startup.Tomcat.addServlet(ctx, "plain", new ServletHttpHandlerAdapter(plain)).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/plain/*", "plain");
        tomcat.getConnector().addUpgradeProtocol(new org.apache.coyote.http2.Http2Protocol()); // h2c, for the HTTP/2 case
        tomcat.start();
        tomcatPort = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void headOfAStaticPageSaysWhatGetDoesOnJettyAndTomcat() throws Exception {
        for (int server : new int[] {port, tomcatPort}) {
            String get = exchange("GET", server);
            assertThat(get).startsWith("HTTP/1.1 200").contains("adapter.js").doesNotContainIgnoringCase("Content-Length: " + PAGE.length());
            String head = exchange("HEAD", server);
            // chunked (Jetty), or neither length nor chunks on a connection that closes (Tomcat): as GET
            assertThat(head).startsWith("HTTP/1.1 200")
                    .doesNotContainIgnoringCase("Content-Length").doesNotContainIgnoringCase("Accept-Ranges");
            assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).as("no body").isEmpty();
        }
    }

    /**
     * A review: RFC 9112, 6.1: no Transfer-Encoding for an HTTP/1.0 request (Tomcat sent the header set for Jetty).
     * Jetty drops it there, and then still counts the empty body: an HTTP/1.0 HEAD on Jetty keeps its
     * {@code Content-Length: 0} (left as it is: HTTP/1.0 clients that send HEAD are rare).
     */
    @Test
    void headOverHttp10HasNoTransferEncoding() throws Exception {
        for (int server : new int[] {port, tomcatPort}) {
            String get = exchange("GET", server, "HTTP/1.0");
            assertThat(get).as("GET, port %s", server).contains("adapter.js").doesNotContainIgnoringCase("Transfer-Encoding");
            String head = exchange("HEAD", server, "HTTP/1.0");
            assertThat(head).as("HEAD, port %s", server).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Transfer-Encoding");
        }
        assertThat(exchange("HEAD", tomcatPort, "HTTP/1.0")).doesNotContainIgnoringCase("Content-Length");
    }

    /** A review: RFC 9113, 8.2.2: Transfer-Encoding is connection-specific, never in an HTTP/2 response (Tomcat, h2c). */
    @Test
    void headOverHttp2HasNoTransferEncoding() throws Exception {
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        var uri = java.net.URI.create("http://127.0.0.1:" + tomcatPort + "/page.html");
        client.send(java.net.http.HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()); // the h2c upgrade
        try { // control: the same file without the library
            client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + tomcatPort + "/plain/page.html"))
                    .timeout(java.time.Duration.ofSeconds(8)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            org.junit.jupiter.api.Assumptions.abort(org.apache.catalina.util.ServerInfo.getServerInfo() + " answers no HEAD over h2c"
                    + " through WebFlux's servlet adapter, even without the library (Tomcat 11 with Spring 7 here): nothing to compare");
        }
        var head = client.send(java.net.http.HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(head.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(head.headers().map()).doesNotContainKey("transfer-encoding").doesNotContainKey("content-length");
    }

    private static String exchange(String method, int port) throws Exception {
        return exchange(method, port, "HTTP/1.1");
    }

    private static String exchange(String method, int port, String version) throws Exception {
        return StaticPageHandler.exchange(method, port, version);
    }
}
