package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPageServletTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/rc/redirect").build());

    private static TestServer start(String container, ServletContainerInitializer setup) throws Exception {
        return container.equals("jetty") ? TestServer.jetty(setup) : TestServer.tomcat(setup);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void servesThePageWithItsHeadersAndTheFilterLeavesItAlone(String container) throws Exception {
        try (TestServer server = start(container, (c, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE));
            RedirectPageServlet.register(ctx, EMBEDDABLE, "/rc/redirect");
        })) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<byte[]> page = client.send(HttpRequest.newBuilder(URI.create(server.url("/rc/redirect?code=c0de&state=s")))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            RedirectPage expected = RedirectPage.of(EMBEDDABLE);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(expected.bytes()); // not injected: the widget must not load in its popup
            expected.headers().forEach((name, value) -> assertThat(page.headers().firstValue(name)).as(name)
                    .hasValueSatisfying(v -> assertThat(v).isEqualToIgnoringCase(value))); // Jetty writes "utf-8"

            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.url("/rc/redirect")))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(post.headers().firstValue("Cache-Control")).hasValue("no-store");
            // The bridge's form of a refusal: one shape for every endpoint of the SDK.
            assertThat(post.body()).isEqualTo("{\"error\":\"method-not-allowed\",\"message\":\"This path answers GET, HEAD only.\"}");

            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(server.url("/rc/redirect"))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(again.statusCode()).isEqualTo(200); // and it keeps serving
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void warnsAtStartupWhenTheRedirectUriIsNotServedHere(String container) throws Exception {
        RedirectPageServlet right = new RedirectPageServlet(EMBEDDABLE);
        RedirectPageServlet wrong = new RedirectPageServlet(EMBEDDABLE);
        try (TestServer server = start(container, (c, ctx) -> {
            var r = ctx.addServlet("right", right);
            r.addMapping("/rc/redirect");
            r.setLoadOnStartup(1);
            var w = ctx.addServlet("wrong", wrong);
            w.addMapping("/oauth/*");
            w.setLoadOnStartup(1);
        })) {
            assertThat(right.startupWarnings()).isEmpty();
            assertThat(wrong.startupWarnings()).singleElement().asString()
                    .contains("https://crm.example.com/rc/redirect").contains("/rc/redirect").contains("[/oauth/*]");
        }
    }

    /**
     * Registered with {@code register}, the servlet starts with the application, so its warning comes at start-up and
     * not at the first request (a Quarkus trial saw it only then, from a request thread).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void registerStartsTheServletWithTheApplication(String container) throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.github.embeddable4j");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (TestServer server = start(container, (c, ctx) -> RedirectPageServlet.register(ctx, EMBEDDABLE, "/oauth/back"))) {
            assertThat(logged).as("logged at start-up, before any request").anyMatch(m -> m.contains("RedirectPageServlet")
                    && m.contains("[/oauth/back]"));
        } finally {
            jul.removeHandler(handler);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void warnsWhenNoRedirectUriIsConfiguredAtAll(String container) throws Exception {
        RedirectPageServlet unused = new RedirectPageServlet(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()));
        try (TestServer server = start(container, (c, ctx) -> {
            var r = ctx.addServlet("unused", unused);
            r.addMapping("/rc/redirect");
            r.setLoadOnStartup(1);
        })) {
            assertThat(unused.startupWarnings()).singleElement().asString().contains("no redirectUri is configured");
        }
    }

    @org.junit.jupiter.api.Test
    void prefixMappingsAndContextPathsCount() {
        assertThat(RedirectPageServlet.mismatchWarnings(EMBEDDABLE, "", List.of("/rc/*"))).isEmpty();
        assertThat(RedirectPageServlet.mismatchWarnings(EMBEDDABLE, "/rc", List.of("/redirect"))).isEmpty();
        assertThat(RedirectPageServlet.mismatchWarnings(EMBEDDABLE, "/app", List.of("/rc/redirect"))).hasSize(1);
    }

    /**
     * The advice fits the mistake (from a trial under /crm): a redirect URI outside the context path is fixed by
     * setting it to the servlet's URL, not by mapping the servlet where it already is; a redirect URI whose path ends
     * with the servlet's is right behind a proxy that strips the rest, which the warning says instead of asking for a
     * mapping the proxy would never reach.
     */
    @org.junit.jupiter.api.Test
    void theAdviceFitsTheMistake() {
        // redirect URI https://crm.example.com/rc/redirect, application in /crm, servlet at /rc/redirect
        assertThat(RedirectPageServlet.mismatchWarnings(EMBEDDABLE, "/crm", List.of("/rc/redirect"))).singleElement().asString()
                .contains("served at [/crm/rc/redirect]").contains("Set redirectUri to this page's URL (such as"
                        + " https://crm.example.com/crm/rc/redirect)").doesNotContain("serve the page at");
        Embeddable proxied = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/crm/rc/redirect").build());
        assertThat(RedirectPageServlet.mismatchWarnings(proxied, "", List.of("/rc/redirect"))).singleElement().asString()
                .contains("That is right if a proxy publishes this application under /crm and strips it");
        assertThat(RedirectPageServlet.mismatchWarnings(proxied, "", List.of("/other"))).singleElement().asString()
                .contains("or serve the page at /crm/rc/redirect.");
    }
}
