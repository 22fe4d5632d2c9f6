package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sign-out mark and a response the filter looks at but does not inject: an HTML fragment (an htmx or Turbo
 * partial served as text/html) that the browser loads as a page (a frame, or a browser that sends no Fetch Metadata).
 * The handoff such a response takes is given back for the next page ("Responses that do not get the widget ... leave
 * it for the next page"); the mark must likewise wait for a page whose bridge script can act on it. This concerns
 * every tenant's pages, those of a tenant without sign in once too.
 */
class SignOutMarkNotInjectedTest {

    private static final byte[] KEY = "a test key that is 32 bytes long".getBytes(StandardCharsets.US_ASCII);

    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        int port = MockRingCentral.freePort();
        Embeddable acme = Embeddable.of(EmbeddableConfig.builder().clientId("acme-app")
                .redirectUri("http://localhost:" + port + "/ringcentral/redirect").build());
        Embeddable demo = Embeddable.of(EmbeddableConfig.builder().prefix("dm").build()); // no sign in once
        EmbeddableSelector selector = request -> "demo".equals(request.getHeader("X-Tenant")) ? demo : acme;
        LoginHandoffFlow flow = LoginHandoffFlow.builder(acme).serverKey(KEY).appUser(LoginTestApp::sessionUser).build();
        ServletContainerInitializer setup = (classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(acme).withSelector(selector).withLoginHandoff(flow)
                    .withEventBridge(BridgeServlet.DEFAULT_MOUNT, java.util.List.of(), CsrfTokenResolver.none()));
            ctx.addServlet("login", new LoginTestApp.LoginServlet()).addMapping("/login");
            ctx.addServlet("app-signout", new LoginTestApp.AppSignOutServlet(flow)).addMapping("/app-signout");
            ctx.addServlet("pages", new PageServlet()).addMapping("/page");
        };
        server = TestServer.jetty(setup, port);
    }

    private HttpRequest.Builder request(String path, String tenant) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).header("X-Tenant", tenant);
    }

    /** The set-up's control: signed out, the next page that gets the widget tells it to log out. */
    @ParameterizedTest
    @ValueSource(strings = {"acme", "demo"})
    void controlTheNextPageLogsTheWidgetOut(String tenant) throws Exception {
        start();
        SignInBrowser browser = new SignInBrowser("http://localhost:" + server.port());
        assertThat(browser.send(request("/login?user=ada", tenant)).statusCode()).isEqualTo(200);
        assertThat(SignInBrowser.logoutMarks(browser.send(request("/app-signout", tenant)))).isNotEmpty();
        HttpResponse<String> page = browser.send(request("/page", tenant).header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document"));
        assertThat(page.body()).contains("data-logout=\"1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "demo"})
    void aFragmentLoadedAsAPageLeavesTheMarkForTheNextPage(String tenant) throws Exception {
        start();
        SignInBrowser browser = new SignInBrowser("http://localhost:" + server.port());
        assertThat(browser.send(request("/login?user=ada", tenant)).statusCode()).isEqualTo(200);
        assertThat(SignInBrowser.logoutMarks(browser.send(request("/app-signout", tenant)))).isNotEmpty();

        // a partial loaded in a frame (its scripts run; isPageLoad counts it), no <html>, <head> or <body>: no widget
        HttpResponse<String> fragment = browser.send(request("/page?doc=fragment", tenant)
                .header("Accept", "text/html").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "iframe"));
        assertThat(fragment.body()).doesNotContain("adapter.js").doesNotContain("data-logout");

        HttpResponse<String> page = browser.send(request("/page", tenant).header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document"));
        assertThat(page.body()).contains("adapter.js");
        assertThat(page.body()).as("the widget is told of the sign-out by the first page that gets it (the fragment"
                + " cleared the mark with " + SignInBrowser.logoutMarks(fragment) + ")").contains("data-logout=\"1\"");
    }
}
