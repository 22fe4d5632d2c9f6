package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.login.PkcePair;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stand-in widget logs in with a one-time login (sign in once's {@code authorizationCode}) the way the real
 * widget's {@code OAuth} module does, so that the sign-in-once browser tests see what the real widget would do with
 * what the application hands it: it exchanges the code from its frame's origin when nobody is logged in, or when the
 * login it keeps is for another {@code externalAuthId}; it leaves the code alone when its login is already for that
 * {@code externalAuthId}; while it logs in it reports no login (its {@code Auth} is "logging in"), and a refused code
 * leaves it logged out. (Read in {@code src/modules/OAuth/index.ts} and {@code src/modules/Adapter/index.js} of
 * ringcentral-embeddable, and {@code modules/Auth/Auth.js} of {@code @ringcentral-integration/commons}.)
 */
class StandInCodeLoginBrowserTest {

    private static final String REDIRECT = "http://localhost:1/ringcentral/redirect";

    @Test
    void aCodeIsExchangedFromTheFrameUnlessTheLoginKeptIsForTheSameExternalAuthId() throws Exception {
        try (MockRingCentral ringcentral = MockRingCentral.start("stand-in", REDIRECT);
                StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                HeadlessChromium chromium = new HeadlessChromium()) {
            widget.exchangingCodesAt(ringcentral.url("/restapi/oauth/token"));

            // A login restored at load, for no externalAuthId: the code for ada's replaces it, as a fresh login.
            PkcePair pkce = PkcePair.generate();
            open(chromium, widget, code(ringcentral, pkce), pkce, "ada-id");
            List<Map<String, Object>> messages = awaitCodeLogin(chromium);
            assertThat(messages).last().satisfies(m -> assertThat(m).containsEntry("ok", true));
            assertThat(ringcentral.tokensIssued.get()).isEqualTo(1);
            assertThat(ringcentral.tokenRequestOrigins).containsExactly(widget.frameOrigin());
            // logged out at start, the restored login, "logging in" (no login), the fresh one
            chromium.await(d -> loginStates(chromium).equals(List.of(false, true, false, true)) ? true : null);
            assertThat(logins(chromium)).as("isFreshLogin: restored, then fresh").containsExactly(false, true);

            // Its login is ada's now: another frame load for ada leaves its code alone and restores the login.
            PkcePair again = PkcePair.generate();
            open(chromium, widget, code(ringcentral, again), again, "ada-id");
            chromium.await(d -> logins(chromium).contains(Boolean.FALSE) ? true : null);
            assertThat(ringcentral.tokenRequestOrigins).as("no exchange for the same externalAuthId").hasSize(1);

            // grace's code replaces ada's login; a refused one leaves the widget logged out, and says so.
            PkcePair grace = PkcePair.generate();
            open(chromium, widget, code(ringcentral, grace), grace, "grace-id");
            assertThat(awaitCodeLogin(chromium)).last().satisfies(m -> assertThat(m).containsEntry("ok", true));
            open(chromium, widget, "U0FOREJPWHnot-issued", grace, "someone-else");
            assertThat(awaitCodeLogin(chromium)).last().satisfies(m -> assertThat(m).containsEntry("ok", false));
            assertThat(ringcentral.tokensIssued.get()).isEqualTo(2);
            assertThat(loginStates(chromium)).as("logged out (start), restored, logging in, nothing after")
                    .containsExactly(false, true, false);
        }
    }

    /** A page of the application's origin framing the stand-in's app.html with a one-time login, collecting what it posts. */
    private static void open(HeadlessChromium chromium, StandInWidget widget, String code, PkcePair pkce,
            String externalAuthId) throws IOException {
        String frame = widget.frameOrigin() + "/app.html?clientId=stand-in&amp;authorizationCode=" + enc(code)
                + "&amp;authorizationCodeVerifier=" + enc(pkce.verifier()) + "&amp;redirectUri=" + enc(REDIRECT)
                + "&amp;externalAuthId=" + enc(externalAuthId);
        byte[] page = ("<!DOCTYPE html><script>window.__messages = [];"
                + "addEventListener('message', function (e) { __messages.push(e.data); });</script>"
                + "<iframe src=\"" + frame + "\"></iframe>").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try {
            chromium.driver().get("http://localhost:" + server.getAddress().getPort() + "/");
        } finally {
            server.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(HeadlessChromium chromium) {
        return (List<Map<String, Object>>) chromium.script("return window.__messages || []");
    }

    private static List<Map<String, Object>> awaitCodeLogin(HeadlessChromium chromium) {
        return chromium.await(d -> {
            List<Map<String, Object>> messages = messages(chromium);
            return messages.stream().anyMatch(m -> "standin-code-login".equals(m.get("type"))) ? messages.stream()
                    .filter(m -> "standin-code-login".equals(m.get("type"))).toList() : null;
        });
    }

    /** {@code loggedIn} of each login status the frame reported, in order. */
    private static List<Object> loginStates(HeadlessChromium chromium) {
        return messages(chromium).stream().filter(m -> "rc-login-status-notify".equals(m.get("type")))
                .map(m -> m.get("loggedIn")).toList();
    }

    /** {@code isFreshLogin} of each login the frame reported (logged-out reports left out). */
    private static List<Object> logins(HeadlessChromium chromium) {
        return messages(chromium).stream().filter(m -> "rc-login-status-notify".equals(m.get("type"))
                && Boolean.TRUE.equals(m.get("loggedIn"))).map(m -> m.get("isFreshLogin")).toList();
    }

    /** A code the mock issues for {@link #REDIRECT} and this PKCE pair, as its authorize page would. */
    private static String code(MockRingCentral ringcentral, PkcePair pkce) throws Exception {
        HttpResponse<Void> authorize = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                ringcentral.url("/restapi/oauth/authorize?response_type=code&client_id=stand-in&redirect_uri="
                        + enc(REDIRECT) + "&code_challenge_method=S256&code_challenge=" + pkce.challenge()
                        + "&state=s"))).build(), HttpResponse.BodyHandlers.discarding());
        Map<String, String> back = StandInWidget.query(authorize.headers().firstValue("Location").orElseThrow());
        return back.get("code");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
