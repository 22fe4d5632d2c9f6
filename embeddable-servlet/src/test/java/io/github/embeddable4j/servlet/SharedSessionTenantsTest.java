package io.github.embeddable4j.servlet;

import static io.github.embeddable4j.servlet.LoginHandoffContractTest.assertHandoff;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign in once per tenant on a real container: two tenants of ONE RingCentral app (same client ID, a redirect URI per
 * tenant host, both registered on it), one session for both hosts (a parent-domain session cookie, simulated by
 * sending the session cookie of localhost to 127.0.0.1). NOTES.md: "a code is taken only by a page whose widget can
 * exchange it (sessions shared across hosts, a selector by user)". Ada connects on acme; a page of globex loads before
 * acme's page does (another tab). Globex's page must not take acme's code, and acme's next page must still carry it.
 */
class SharedSessionTenantsTest {

    private static final byte[] KEY = "a test key that is 32 bytes long".getBytes(StandardCharsets.US_ASCII);

    private MockRingCentral mock;
    private TestServer server;
    private Embeddable acme;
    private Embeddable globex;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private void start(String container) throws Exception {
        mock = new MockRingCentral("crm-app");
        Exception last = null;
        for (int attempt = 0; attempt < 5 && server == null; attempt++) {
            int port = MockRingCentral.freePort();
            acme = Embeddable.of(EmbeddableConfig.builder().clientId("crm-app").appServer(AppServer.SANDBOX)
                    .redirectUri("http://localhost:" + port + "/ringcentral/redirect").build());
            globex = Embeddable.of(EmbeddableConfig.builder().clientId("crm-app").appServer(AppServer.SANDBOX).prefix("gx")
                    .redirectUri("http://127.0.0.1:" + port + "/ringcentral/redirect").build());
            EmbeddableSelector byHost = request -> request.getServerName().equals("127.0.0.1") ? globex : acme;
            LoginHandoffFlow flow = LoginHandoffFlow.builder(acme).serverKey(KEY).appUser(LoginTestApp::sessionUser)
                    .authorizeEndpoint(mock.url("/restapi/oauth/authorize")).build();
            ServletContainerInitializer setup = (classes, ctx) -> {
                EmbeddableFilter.register(ctx, new EmbeddableFilter(acme).withSelector(byHost).withLoginHandoff(flow)
                        .withEventBridge(BridgeServlet.DEFAULT_MOUNT, java.util.List.of(), CsrfTokenResolver.none()));
                LoginHandoffServlet.register(ctx, new LoginHandoffServlet(flow).withSelector(byHost));
                ConnectOnLoginFilter.register(ctx, new ConnectOnLoginFilter(flow).withSelector(byHost));
                ctx.addServlet("login", new LoginTestApp.LoginServlet()).addMapping("/login");
                ctx.addServlet("pages", new PageServlet()).addMapping("/page");
            };
            try {
                server = container.equals("jetty") ? TestServer.jetty(setup, port) : TestServer.tomcat(setup, port);
            } catch (Exception e) {
                last = e;
            }
        }
        if (server == null) {
            throw new IllegalStateException("no free port", last);
        }
        mock.register(acme.redirectUri()); // the mock keeps one redirect URI per app: acme's is the one used here
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aGlobexPageOfTheSharedSessionDoesNotTakeAcmesCode(String container) throws Exception {
        start(container);
        SignInBrowser atAcme = new SignInBrowser("http://localhost:" + server.port());
        HttpResponse<String> login = atAcme.get("/login?user=ada");
        assertThat(login.statusCode()).isEqualTo(200);
        String sessionCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie"));
        HttpResponse<String> connect = atAcme.get("/ringcentral/connect?return=/page");
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        HttpResponse<String> authorize = atAcme.get(SignInBrowser.location(connect));
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        HttpResponse<String> callback = atAcme.get(SignInBrowser.location(authorize));
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);

        // another tab, on globex's host, with the same (parent-domain) session: loaded twice
        HttpResponse<String> globexPage = globexPage(sessionCookie);
        HttpResponse<String> globexAgain = globexPage(sessionCookie);
        HttpResponse<String> acmePage = atAcme.navigate(SignInBrowser.location(callback));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(globexPage.statusCode()).as("globex's page: " + globexPage.body().replaceAll("(?s)<table>.*", ""))
                .isEqualTo(200);
        soft.assertThat(globexAgain.statusCode()).as("globex's page loaded again").isEqualTo(200);
        soft.assertThat(globexPage.body()).as("globex's page carries no code").doesNotContain("authorizationCode=");
        soft.assertThat(acmePage.body()).as("acme's next page still carries acme's code").contains("authorizationCode=");
        soft.assertAll();
        Map<String, String> handoff = assertHandoff(acmePage);
        HttpResponse<String> token = mock.exchangeCode(handoff.get("clientId"), handoff.get("authorizationCode"),
                handoff.get("redirectUri"), handoff.get("authorizationCodeVerifier"));
        assertThat(token.statusCode()).as("acme's widget exchanges its code: " + token.body()).isEqualTo(200);
    }

    private HttpResponse<String> globexPage(String sessionCookie) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/page"))
                        .header("Cookie", sessionCookie).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
