package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.graduation.GraduationCounter;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationScope;
import io.github.embeddable4j.core.setup.SetupPage;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The setup page over real HTTP, on Jetty and Tomcat: who may see it, what it sends, and what it refuses. */
class SetupPageServletTest {

    private static final EmbeddableConfig CONFIG = EmbeddableConfig.builder().clientId("abc").appServer(AppServer.SANDBOX)
            .clientSecret("ServletSecret1").allowSecretsInMarkup(true).build();
    private static final Embeddable EMBEDDABLE = Embeddable.of(CONFIG);
    private static final String PATH = SetupPageServlet.DEFAULT_PATH;
    private static final String ROLE = "embeddable-admin";

    private final HttpClient client = HttpClient.newHttpClient();

    private static TestServer start(String container, SetupPageServlet servlet) throws Exception {
        ServletContainerInitializer setup = (c, ctx) -> {
            ctx.addFilter("fake-client", new FakeClientFilter()).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE));
            SetupPageServlet.register(ctx, servlet, PATH);
        };
        return container.equals("jetty") ? TestServer.jetty(setup) : TestServer.tomcat(setup);
    }

    private HttpResponse<String> get(TestServer server, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A refusal must look like any unmapped path: the container's own 404, the same but for the path it may echo. */
    private void assertHidden(HttpResponse<String> response, HttpResponse<String> unmapped) {
        assertThat(response.statusCode()).isEqualTo(404).isEqualTo(unmapped.statusCode());
        assertThat(response.headers().firstValue("Content-Type")).isEqualTo(unmapped.headers().firstValue("Content-Type"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(response.body().replace(PATH, "/no-such-page")).isEqualTo(unmapped.body());
    }

    /** A request line java.net.http refuses to send (a malformed %-escape), over a plain socket; returns the whole response. */
    private static String rawGet(TestServer server, String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void localhostGetsThePageWithStrictHeadersAndNoWidget(String container) throws Exception {
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE))) {
            HttpResponse<String> page = get(server, PATH);
            assertThat(page.statusCode()).isEqualTo(200);
            SetupPage.headers().forEach((name, value) -> assertThat(page.headers().firstValue(name)).as(name)
                    .hasValueSatisfying(v -> assertThat(v.replace(" ", "")).isEqualToIgnoringCase(value.replace(" ", ""))));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                    "default-src 'none'; style-src '" + SetupPage.CONTENT_SECURITY_POLICY.split("'")[3]
                            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<h1>RingCentral Embeddable setup</h1>")
                    .contains("ringcentral.embeddable.client-secret=****")
                    .doesNotContain("ServletSecret1")
                    .doesNotContain("<script"); // the filter left it alone: the loader appears only as escaped text
            assertThat(page.headers().firstValue("Content-Length")).hasValue(
                    String.valueOf(page.body().getBytes(StandardCharsets.UTF_8).length));

            // The form, over HTTP: what was typed comes back, a typed secret is refused, a typo gets a suggestion.
            String query = "?check=1&client-id=typed&extra=" + URLEncoder.encode(
                    "clientSecret=TypedSecret2\ndefaultCalWith=ringout", StandardCharsets.UTF_8);
            HttpResponse<String> form = get(server, PATH + query);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("value=\"typed\"").contains("Did you mean &#39;defaultCallWith&#39;?")
                    .contains("&#39;clientSecret&#39; is a secret").doesNotContain("TypedSecret2");

            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(server.url(PATH)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void everyoneElseGetsA404AsIfNothingWereThere(String container) throws Exception {
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE))) {
            HttpResponse<String> unmapped = get(server, "/no-such-page");
            assertHidden(get(server, PATH, "X-Forwarded-For", "203.0.113.9"), unmapped);
            assertHidden(get(server, PATH, "X-Forwarded-For", "127.0.0.1, 203.0.113.9"), unmapped);
            assertHidden(get(server, PATH, "Forwarded", "for=198.51.100.17;proto=https"), unmapped);
            assertHidden(get(server, PATH, "X-Real-IP", "198.51.100.17"), unmapped);
            assertHidden(get(server, PATH, "X-Test-Remote-Addr", "192.0.2.44"), unmapped);
            // A user in a role is nobody special when no role is configured.
            assertHidden(get(server, PATH, "X-Test-Remote-Addr", "192.0.2.44", "X-Test-User", "ann", "X-Test-Roles", ROLE), unmapped);
            // Refused before anything else: a POST from elsewhere is a 404 too, not a 405.
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.url(PATH)))
                    .header("X-Forwarded-For", "203.0.113.9").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(404);
            // A proxy on this machine forwarding for this machine is still local.
            assertThat(get(server, PATH, "X-Forwarded-For", "127.0.0.1", "Forwarded", "for=\"[::1]:4711\"").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void aConfiguredRoleOpensThePageFromAnywhere(String container) throws Exception {
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE, null, ROLE))) {
            HttpResponse<String> unmapped = get(server, "/no-such-page");
            assertThat(get(server, PATH, "X-Test-Remote-Addr", "192.0.2.44", "X-Test-User", "ann", "X-Test-Roles", "user," + ROLE)
                    .statusCode()).isEqualTo(200);
            assertThat(get(server, PATH, "X-Forwarded-For", "203.0.113.9", "X-Test-User", "ann", "X-Test-Roles", ROLE)
                    .statusCode()).isEqualTo(200);
            assertHidden(get(server, PATH, "X-Test-Remote-Addr", "192.0.2.44", "X-Test-User", "bob", "X-Test-Roles", "user"), unmapped);
            assertHidden(get(server, PATH, "X-Test-Remote-Addr", "192.0.2.44"), unmapped);
            assertThat(get(server, PATH).statusCode()).isEqualTo(200); // localhost still may
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void refusesOtherMethodsAndOversizedOrUndecodableQueries(String container) throws Exception {
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE))) {
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.url(PATH)))
                    .POST(HttpRequest.BodyPublishers.ofString("client-id=x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(post.body()).isEqualTo("{\"error\":\"method-not-allowed\",\"message\":\"This path answers GET, HEAD only.\"}");

            HttpResponse<String> tooLong = get(server, PATH + "?check=1&user-agent=" + "a".repeat(SetupPageServlet.MAX_QUERY_LENGTH));
            assertThat(tooLong.statusCode()).isEqualTo(414);
            assertThat(tooLong.body()).startsWith("{\"error\":\"query-too-long\"");
            assertThat(get(server, PATH + "?check=1&user-agent=" + "a".repeat(SetupPageServlet.MAX_QUERY_LENGTH - 100)).statusCode())
                    .isEqualTo(200);

            assertThat(rawGet(server, PATH + "?check=1&client-id=%zz")).startsWith("HTTP/1.1 400 ")
                    .endsWith("{\"error\":\"bad-query\",\"message\":\"The query string cannot be decoded.\"}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void showsGraduationProgressAndSurvivesAStoreThatFails(String container) throws Exception {
        Map<GraduationCounter, Integer> counts = Map.of(GraduationCounter.SMS_SENT, 3);
        Supplier<GraduationProgress> progress = () -> GraduationProgress.of(GraduationScope.of(CONFIG), counts);
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE, progress))) {
            assertThat(get(server, PATH).body()).contains("<span class=\"count\">3 / 6</span>").contains("keep testing in sandbox");
        }
        Supplier<GraduationProgress> failing = () -> {
            throw new IllegalStateException("store unreadable");
        };
        try (TestServer server = start(container, new SetupPageServlet(EMBEDDABLE, failing))) {
            HttpResponse<String> page = get(server, PATH);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Graduation progress could not be read: IllegalStateException")
                    .doesNotContain("store unreadable"); // the log has the message, which may hold a password
        }
    }
}
