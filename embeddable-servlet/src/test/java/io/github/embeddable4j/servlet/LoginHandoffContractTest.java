package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.testing.CapturedLog;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Sign in once" over real HTTP against a mock RingCentral authorization server, walked the way a browser walks it
 * (cookies kept, redirects followed by hand), run on each container by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginHandoffContractTest {

    private static final Pattern LOADER = Pattern.compile("<script src=\"([^\"]*adapter\\.js[^\"]*)\"");
    private static final List<String> HANDOFF_PARAMETERS =
            List.of("authorizationCode", "authorizationCodeVerifier", "redirectUri", "externalAuthId");

    private LoginTestApp app;

    abstract LoginTestApp.Container container();

    @BeforeAll
    void start() throws Exception {
        app = LoginTestApp.start(container());
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    /** A browser: one cookie jar, redirects followed by hand. */
    static final class Browser {
        private final LoginTestApp app;

        Browser(LoginTestApp app) {
            this.app = app;
        }

        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String url) throws Exception {
            String absolute = url.startsWith("http") ? url : app.server.url(url);
            return client.send(HttpRequest.newBuilder(URI.create(absolute)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The browser's own navigation of the window to a page (what connect-on-login waits for). */
        HttpResponse<String> navigate(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(app.server.url(url))).header("Sec-Fetch-Mode", "navigate")
                    .header("Sec-Fetch-Dest", "document").header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** A page script's {@code fetch()} of a page. */
        HttpResponse<String> fetch(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(app.server.url(url))).header("Sec-Fetch-Mode", "cors")
                    .header("Sec-Fetch-Dest", "empty").header("Accept", "text/html").timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> head(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(app.server.url(url))).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signInToTheApp(String user) throws Exception {
            HttpResponse<String> r = get("/login?user=" + user);
            assertThat(r.statusCode()).isEqualTo(200);
            return r;
        }

        /** Connect, then RingCentral's authorize step; returns RingCentral's redirect to the callback. */
        String connectAndAuthorize(String returnPath) throws Exception {
            HttpResponse<String> connect = get("/ringcentral/connect" + (returnPath == null ? "" : "?return=" + enc(returnPath)));
            assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
            HttpResponse<String> authorize = get(location(connect));
            assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
            return location(authorize);
        }
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> query(String url) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The query parameters of the page's loader URL; the page must have exactly one loader. */
    static Map<String, List<String>> loaderParameters(HttpResponse<String> page) {
        Matcher m = LOADER.matcher(page.body());
        assertThat(m.find()).as("a loader in " + page.body()).isTrue();
        String url = m.group(1).replace("&amp;", "&");
        assertThat(m.find()).as("one loader").isFalse();
        return query(url);
    }

    static void assertNoHandoff(HttpResponse<String> page) {
        Map<String, List<String>> params = loaderParameters(page);
        assertThat(params).doesNotContainKeys("authorizationCode", "authorizationCodeVerifier", "externalAuthId");
        assertThat(page.headers().allValues("Cache-Control")).doesNotContain("no-store");
    }

    /** The page carries the handoff exactly once, is not storable, and returns the handoff's values. */
    static Map<String, String> assertHandoff(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Cache-Control")).containsExactly("no-store");
        Map<String, List<String>> params = loaderParameters(page);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : HANDOFF_PARAMETERS) {
            assertThat(params.get(name)).as(name).hasSize(1);
            values.put(name, params.get(name).get(0));
        }
        values.put("clientId", params.get("clientId").get(0));
        return values;
    }

    private HttpResponse<String> exchange(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.mock.url("/restapi/oauth/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token request the widget makes with what its URL carries: PKCE, no secret, its own redirect URI. */
    private HttpResponse<String> exchangeAsTheWidget(Map<String, String> handoff) {
        return app.mock.exchangeCode(handoff.get("clientId"), handoff.get("authorizationCode"), handoff.get("redirectUri"),
                handoff.get("authorizationCodeVerifier"));
    }

    /**
     * A page that fails after its head, before anything was sent: the code it got is not left to the container, which
     * lost it (Jetty drops the half page for its error page) or sent it in the half page with the 500 (Tomcat without
     * an error page), so no page could use it once (a review). The next page carries it.
     */
    @Test
    void aPageThatFailsAfterItsHeadLeavesTheCodeForTheNextPage() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        HttpResponse<String> callback = browser.get(browser.connectAndAuthorize("/page"));
        assertThat(callback.statusCode()).isEqualTo(303);
        HttpResponse<String> failed = browser.get("/failing");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).as("nothing of the failed page went out").doesNotContain("authorizationCode");
        assertHandoff(browser.get("/page"));
    }

    @Test
    void theNextPageCarriesTheCodeOnceAndTheWidgetsExchangeSucceeds() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        HttpResponse<String> connect = browser.get("/ringcentral/connect?return=" + enc("/page?size=2000"));
        assertThat(connect.statusCode()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Cache-Control")).hasValue("no-store");
        String authorizeUrl = location(connect);
        assertThat(authorizeUrl).startsWith(app.mock.url("/restapi/oauth/authorize?"));
        Map<String, List<String>> authorize = query(authorizeUrl);
        assertThat(authorize.get("response_type")).containsExactly("code");
        assertThat(authorize.get("client_id")).containsExactly(LoginTestApp.CLIENT_ID);
        assertThat(authorize.get("redirect_uri")).containsExactly(app.embeddable.redirectUri());
        assertThat(authorize.get("code_challenge_method")).containsExactly("S256");
        assertThat(authorize.get("state").get(0)).startsWith("e4j.");

        HttpResponse<String> consent = browser.get(authorizeUrl);
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(302);
        String callbackUrl = location(consent);
        assertThat(callbackUrl).startsWith(app.embeddable.redirectUri() + "?code=");
        String code = query(callbackUrl).get("code").get(0);

        HttpResponse<String> callback = browser.get(callbackUrl);
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(location(callback)).isEqualTo("/page?size=2000");
        assertThat(callback.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(callback.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> page = browser.get(location(callback));
        Map<String, String> handoff = assertHandoff(page);
        assertThat(handoff.get("authorizationCode")).isEqualTo(code);
        assertThat(handoff.get("redirectUri")).isEqualTo(app.embeddable.redirectUri());
        assertThat(handoff.get("externalAuthId")).as("alice's id, tagged with this sign-in")
                .matches(java.util.regex.Pattern.quote(ExternalAuthIds.withKey(LoginTestApp.KEY).forAppUser("alice")) + "\\.[\\w-]{11}");

        HttpResponse<String> token = exchangeAsTheWidget(handoff);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"access_token\"");
        // The code worked once: a second exchange fails, as RingCentral's would.
        assertThat(exchangeAsTheWidget(handoff).statusCode()).isEqualTo(400);

        assertNoHandoff(browser.get("/page?size=2000"));
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void theMockRefusesWhatTheWidgetWouldGetWrong() throws Exception {
        // The token endpoint can fail: a wrong verifier, another redirect URI, another client are each refused.
        for (String wrong : List.of("code_verifier", "redirect_uri", "client_id")) {
            Browser browser = new Browser(app);
            browser.signInToTheApp("alice");
            browser.get(browser.connectAndAuthorize("/page"));
            Map<String, String> handoff = assertHandoff(browser.get("/page"));
            Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                    "code", handoff.get("authorizationCode"), "redirect_uri", handoff.get("redirectUri"),
                    "client_id", handoff.get("clientId"), "code_verifier", handoff.get("authorizationCodeVerifier")));
            form.put(wrong, wrong.equals("code_verifier") ? "x".repeat(43) : wrong.equals("redirect_uri")
                    ? "https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/redirect.html" : "other");
            HttpResponse<String> token = exchange(form);
            assertThat(token.statusCode()).as(wrong).isEqualTo(400);
            if (wrong.equals("redirect_uri")) {
                assertThat(token.body()).contains("OAU-109");
            }
        }
        // And the authorize endpoint refuses a redirect URI that is not registered.
        HttpResponse<String> bad = new Browser(app).get(app.mock.url("/restapi/oauth/authorize?response_type=code&client_id="
                + LoginTestApp.CLIENT_ID + "&redirect_uri=" + enc("https://evil.example/cb") + "&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=x"));
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void aReplayedCallbackGetsTheExpiredPageAndChangesNothing() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        String callbackUrl = browser.connectAndAuthorize("/page");
        assertThat(browser.get(callbackUrl).statusCode()).isEqualTo(303);
        HttpResponse<String> replay = browser.get(callbackUrl);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.headers().firstValue("Location")).isEmpty();
        assertThat(replay.body()).contains("already used or has expired").contains("Start again")
                .contains("href=\"/ringcentral/connect\"").doesNotContain("Exception").doesNotContain("callbackUri");
        Map<String, String> handoff = assertHandoff(browser.get("/page"));
        assertThat(exchangeAsTheWidget(handoff).statusCode()).isEqualTo(200);
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void aStateThatWasNotIssuedIsRefusedAndTheRealOneStillWorks() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        String callbackUrl = browser.connectAndAuthorize("/page");
        String state = query(callbackUrl).get("state").get(0);
        String forged = callbackUrl.replace("state=" + enc(state), "state=" + enc("e4j.forged" + state.substring(10)));
        assertThat(forged).isNotEqualTo(callbackUrl);
        HttpResponse<String> mismatch = browser.get(forged);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("already used or has expired");
        assertNoHandoff(browser.get("/page"));
        assertThat(browser.get(callbackUrl).statusCode()).isEqualTo(303);
        assertThat(exchangeAsTheWidget(assertHandoff(browser.get("/page"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeclinedConsentGetsAClearPageWithAWayBack() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        app.mock.denyNext();
        String callbackUrl = browser.connectAndAuthorize("/page?size=700");
        assertThat(callbackUrl).contains("error=access_denied");
        HttpResponse<String> denied = browser.get(callbackUrl);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(denied.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(denied.body()).contains("You did not allow access").contains("href=\"/page?size=700\"")
                .contains("Try again").doesNotContain("Exception").doesNotContain("<script");
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void anErrorFromRingCentralIsShownEscaped() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        String callbackUrl = browser.connectAndAuthorize("/page");
        String state = query(callbackUrl).get("state").get(0);
        HttpResponse<String> error = browser.get(app.embeddable.redirectUri() + "?error=server_error&error_description="
                + enc("<script>alert(1)</script>") + "&state=" + enc(state));
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).contains("server_error").contains("&lt;script&gt;").doesNotContain("<script>");
        // That state has answered: its code is useless now.
        assertThat(browser.get(callbackUrl).body()).contains("already used or has expired");
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void aCallbackInANewSessionGetsTheExpiredPage() throws Exception {
        Browser started = new Browser(app);
        started.signInToTheApp("alice");
        String callbackUrl = started.connectAndAuthorize("/page");
        Browser other = new Browser(app); // the session is gone: expired, another browser, cookies cleared
        other.signInToTheApp("alice");
        HttpResponse<String> callback = other.get(callbackUrl);
        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(callback.body()).contains("already used or has expired");
        assertNoHandoff(other.get("/page"));
        assertNoHandoff(started.get("/page"));
    }

    /**
     * RingCentral's way back without the session cookie, as a {@code SameSite=Strict} one is left out when RingCentral's
     * consent page sends the user back: the 400 page, and the cause said in the log, once an hour (a servlet trial
     * found only the page). An application of its own, so the hour is this test's.
     */
    @Test
    void aCallbackWithoutTheSessionCookieIsSaidInTheLog() throws Exception {
        try (LoginTestApp fresh = LoginTestApp.start(container()); CapturedLog log = new CapturedLog()) {
            Browser started = new Browser(fresh);
            started.signInToTheApp("alice");
            String callbackUrl = started.connectAndAuthorize("/page");
            HttpResponse<String> withoutCookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callbackUrl))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withoutCookie.statusCode()).isEqualTo(400);
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARNING") && l.contains("without the session it started in")
                    && l.contains("SameSite=Lax"));
            assertThat(started.get(callbackUrl).statusCode()).as("the session still completes it").isEqualTo(303);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\evil.example", "http:evil.example", "evil.example",
        "/page#x"})
    void aReturnPathOffThisSiteIsRefused(String returnPath) throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        int before = app.mock.authorizeRequests.get();
        HttpResponse<String> connect = browser.get("/ringcentral/connect?return=" + enc(returnPath));
        assertThat(connect.statusCode()).isEqualTo(400);
        assertThat(connect.headers().firstValue("Location")).isEmpty();
        assertThat(connect.body()).contains("must be a path on this site").doesNotContain("evil.example");
        assertThat(app.mock.authorizeRequests.get()).isEqualTo(before);
    }

    @Test
    void responsesThatAreNotHtmlPagesLeaveTheHandoffForTheNextPage() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        browser.get(browser.connectAndAuthorize("/page"));
        for (String path : List.of("/page?type=text/plain", "/page?type=application/json", "/page?status=404",
                "/login?user=alice", "/flushed", "/discarded")) {
            HttpResponse<String> other = browser.get(path);
            assertThat(other.body()).as(path).doesNotContain("authorizationCode");
        }
        // A HEAD of the page is handled as its GET, but its body is never seen: it must not spend the handoff.
        assertThat(browser.head("/page").statusCode()).isEqualTo(200);
        // The committed page still got the widget, without the handoff; the discarded one was replaced.
        assertNoHandoff(browser.get("/flushed"));
        assertThat(browser.get("/discarded").body()).isEqualTo("replaced");
        Map<String, String> handoff = assertHandoff(browser.get("/page"));
        assertThat(exchangeAsTheWidget(handoff).statusCode()).isEqualTo(200);
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void theHandoffPageStaysUnstorableWhateverTheApplicationSets() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        browser.get(browser.connectAndAuthorize("/cached"));
        HttpResponse<String> page = browser.get("/cached");
        assertHandoff(page); // exactly one Cache-Control: no-store
        HttpResponse<String> next = browser.get("/cached");
        assertNoHandoff(next);
        assertThat(next.headers().allValues("Cache-Control")).isNotEmpty().allSatisfy(v -> assertThat(v).doesNotContain("no-store"));
    }

    @Test
    void theWidgetsOwnPopupStillGetsTheRedirectPage() throws Exception {
        RedirectPage expected = RedirectPage.of(app.embeddable);
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        for (String query : List.of("?code=abc&state=" + enc("MTcwMDAwMDAwMDAwMA==-rc-widget-abc%3D"), "?code=abc",
                "?error=access_denied&state=MTcw-rc-widget-x", "")) {
            HttpResponse<byte[]> page = browser.client.send(HttpRequest.newBuilder(URI.create(app.embeddable.redirectUri() + query))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(page.statusCode()).as(query).isEqualTo(200);
            assertThat(page.body()).as(query).isEqualTo(expected.bytes());
            expected.headers().forEach((name, value) -> assertThat(page.headers().firstValue(name)).as(name)
                    .hasValueSatisfying(v -> assertThat(v).isEqualToIgnoringCase(value)));
        }
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void theHandoffLoaderKeepsTheNonceAndTheBridgeScript() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        browser.get(browser.connectAndAuthorize("/page"));
        HttpResponse<String> page = browser.get("/page?nonce=n0nce");
        assertHandoff(page);
        String head = page.body().substring(0, page.body().indexOf("</head>"));
        assertThat(head).containsPattern("<script src=\"[^\"]*authorizationCode=[^\"]*\" nonce=\"n0nce\" async=\"\"></script>"
                + "<script src=\"/embeddable4j/embeddable4j.js\"[^>]* nonce=\"n0nce\" defer=\"\"></script>");
        HttpResponse<String> next = browser.get("/page?nonce=other");
        assertNoHandoff(next);
        assertThat(next.body()).contains("nonce=\"other\" async=\"\"></script><script src=\"/embeddable4j/embeddable4j.js\"");
    }

    @Test
    void connectingNeedsASignedInApplicationUserAndAGet() throws Exception {
        Browser browser = new Browser(app);
        HttpResponse<String> anonymous = browser.get("/ringcentral/connect");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("Sign in to this application");
        HttpResponse<String> post = browser.client.send(HttpRequest.newBuilder(URI.create(app.server.url("/ringcentral/connect")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).startsWith("{\"error\":");
    }

    /**
     * The application's user store goes down: the connect path and the callback answer a 503 page (not the
     * container's 500, with the application's exception in it), pages are served without the handoff, and once the
     * store is back a reload of the callback completes the sign-in and the next page carries it.
     */
    @Test
    void aUserLookupThatFailsGetsA503PageAndNothingIsLost() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        String callbackUrl = browser.connectAndAuthorize("/page");
        browser.signInToTheApp(LoginTestApp.LOOKUP_FAILS);
        List<String> warnings = RegisterWarningsTest.logged(java.util.logging.Level.WARNING, () -> {
            HttpResponse<String> callback = browser.get(callbackUrl);
            assertThat(callback.statusCode()).isEqualTo(503);
            assertThat(callback.body()).contains("Reload this page").doesNotContain("user store down");
            HttpResponse<String> connect = browser.get("/ringcentral/connect");
            assertThat(connect.statusCode()).isEqualTo(503);
            assertThat(connect.headers().firstValue("Location")).isEmpty();
        });
        assertThat(String.join("\n", warnings)).contains("AppUserResolver failed", "user store down");

        browser.signInToTheApp("alice");
        HttpResponse<String> reloaded = browser.get(callbackUrl);
        assertThat(reloaded.statusCode()).as("the sign-in stayed open").isEqualTo(303);
        browser.signInToTheApp(LoginTestApp.LOOKUP_FAILS);
        HttpResponse<String> page = browser.get("/page");
        assertThat(page.statusCode()).isEqualTo(200);
        assertNoHandoff(page);
        browser.signInToTheApp("alice");
        assertThat(exchangeAsTheWidget(assertHandoff(browser.get("/page"))).statusCode()).isEqualTo(200);

        // A connect-on-login mark waits too (in one test: the flow logs the failure once, for the first one).
        Browser next = new Browser(app);
        next.get("/app-signin?user=alice&connect=1");
        next.signInToTheApp(LoginTestApp.LOOKUP_FAILS);
        assertThat(next.navigate("/page").statusCode()).as("the page, not an error").isEqualTo(200);
        next.signInToTheApp("alice");
        HttpResponse<String> visit = next.navigate("/page");
        assertThat(visit.statusCode()).as("the mark is still there").isEqualTo(302);
        assertThat(location(visit)).startsWith("/ringcentral/connect?return=");
    }

    @Test
    void aNewApplicationUserNeverGetsTheFormerUsersHandoff() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        browser.get(browser.connectAndAuthorize("/page"));
        browser.signInToTheApp("bob"); // same session, another user, before any page was written
        assertNoHandoff(browser.get("/page"));
        browser.signInToTheApp("alice");
        assertNoHandoff(browser.get("/page")); // dropped, not kept
    }

    @Test
    void aUserChangeBetweenConnectAndCallbackIsRefused() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        String callbackUrl = browser.connectAndAuthorize("/page");
        browser.signInToTheApp("bob");
        HttpResponse<String> callback = browser.get(callbackUrl);
        assertThat(callback.statusCode()).isEqualTo(403);
        assertThat(callback.body()).contains("Signed in as someone else");
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void withNobodySignedInThePageWaitsForTheUser() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        browser.get(browser.connectAndAuthorize("/page"));
        browser.get("/login"); // signed out of the application (same session)
        assertNoHandoff(browser.get("/page"));
        browser.signInToTheApp("alice");
        assertThat(exchangeAsTheWidget(assertHandoff(browser.get("/page"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignOutAsksTheNextPagesWidgetToLogOutUntilItDid() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        assertThat(browser.get("/page").body()).doesNotContain("data-logout");
        HttpResponse<String> signOut = browser.client.send(HttpRequest.newBuilder(URI.create(app.server.url("/signout")))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signOut.statusCode()).isEqualTo(200);
        List<String> marks = signOut.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("E4J_WIDGET_LOGOUT=1;")).toList();
        assertThat(marks).hasSize(1);
        // Lax: it reaches the next top-level page, even from a link; not HttpOnly: the page's script clears it once the
        // widget acted on it (SignOutMarkBrowserTest).
        assertThat(marks.get(0)).contains("Path=/", "Max-Age=86400", "SameSite=Lax").doesNotContain("HttpOnly");
        assertThat(marks.get(0)).as("not Secure over plain HTTP (browsers would refuse it)").doesNotContainIgnoringCase("secure");

        HttpResponse<String> next = browser.get("/page");
        assertThat(next.body()).contains("data-logout=\"1\"");
        // Not cleared when written: a page left before its widget loaded would lose the logout.
        assertThat(next.headers().allValues("Set-Cookie")).doesNotContain(WidgetLogoutCookie.clearCookieHeader(false));
        assertThat(browser.get("/page").body()).as("until the page's script saw the widget act on it").contains("data-logout=\"1\"");
    }

    /**
     * The next user connects after a sign-out: the page carrying the new login logs nothing out (a logout would end that
     * login) and keeps the mark, which its script clears once the widget reports the login (data-logout="login").
     * Cleared when the page was written, the mark was lost with the page left before the widget used the code, and the
     * next page's widget restored the previous user's login (a WebFlux trial): the next page now logs it out.
     */
    @Test
    void aPageCarryingTheNextUsersLoginKeepsTheSignOutMarkUntilTheWidgetReportsIt() throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        HttpResponse<String> signOut = browser.client.send(HttpRequest.newBuilder(URI.create(app.server.url("/signout")))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logoutMarks(signOut)).hasSize(1);
        browser.signInToTheApp("bob");

        browser.get(browser.connectAndAuthorize("/page"));
        HttpResponse<String> withLogin = browser.get("/page");
        assertHandoff(withLogin);
        assertThat(withLogin.body()).contains("data-logout=\"login\"").doesNotContain("data-logout=\"1\"");
        assertThat(withLogin.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT="));
        HttpResponse<String> next = browser.get("/page"); // that page was left before its widget reported the login
        assertNoHandoff(next);
        assertThat(next.body()).contains("data-logout=\"1\"");
    }

    private static List<String> logoutMarks(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("E4J_WIDGET_LOGOUT=1;")).toList();
    }

    /**
     * An application's own sign-in handler calls {@code flow.signedIn}: another user signing in over the session
     * without a sign-out must not inherit the first one's phone (the widget keeps its RingCentral login in the
     * browser), so the widget is told to log out and the first user's waiting handoff is dropped; the same user again
     * changes nothing.
     */
    @Test
    void anotherUserSigningInOverTheSessionLogsTheWidgetOutAndDropsTheHandoff() throws Exception {
        Browser browser = new Browser(app);
        HttpResponse<String> alice = browser.get("/app-signin?user=alice");
        assertThat(alice.body()).isEqualTo("signed in");
        assertThat(logoutMarks(alice)).isEmpty();
        assertThat(logoutMarks(browser.get("/app-signin?user=alice"))).as("the same user again").isEmpty();
        browser.get(browser.connectAndAuthorize("/page")); // alice's handoff now waits in the session

        HttpResponse<String> bob = browser.get("/app-signin?user=bob");
        assertThat(bob.body()).isEqualTo("signed in; widget logged out");
        assertThat(logoutMarks(bob)).hasSize(1);
        HttpResponse<String> bobsPage = browser.get("/page");
        assertThat(bobsPage.body()).contains("data-logout=\"1\"");
        assertNoHandoff(bobsPage);
        browser.signInToTheApp("alice"); // back to alice without telling the flow: her handoff was dropped, not kept
        assertNoHandoff(browser.get("/page"));
    }

    @Test
    void theApplicationsSignOutForgetsTheSessionsSignInAndLogsTheWidgetOut() throws Exception {
        Browser browser = new Browser(app);
        browser.get("/app-signin?user=alice");
        browser.get(browser.connectAndAuthorize("/page"));
        HttpResponse<String> signOut = browser.get("/app-signout?keep=1");
        assertThat(logoutMarks(signOut)).hasSize(1);
        assertThat(browser.get("/page").body()).contains("data-logout=\"1\"");

        browser.signInToTheApp("alice"); // the same session: the handoff was forgotten at the sign-out
        assertNoHandoff(browser.get("/page"));
        assertThat(logoutMarks(browser.get("/app-signin?user=bob"))).as("nobody was signed in before bob").isEmpty();
    }

    /** With {@code connect}, the browser's next page visit goes through RingCentral and back, once; a fetch waits. */
    @Test
    void connectOnLoginSendsTheNextPageVisitThroughTheConnectPathOnce() throws Exception {
        Browser browser = new Browser(app);
        browser.get("/app-signin?user=alice&connect=1");
        HttpResponse<String> fetched = browser.fetch("/page");
        assertThat(fetched.statusCode()).as("a script's fetch is not sent away").isEqualTo(200);

        HttpResponse<String> visit = browser.navigate("/page?tab=calls");
        assertThat(visit.statusCode()).isEqualTo(302);
        String connect = location(visit);
        assertThat(connect).startsWith("/ringcentral/connect?return=");
        assertThat(visit.headers().allValues("Cache-Control")).contains("no-store");
        HttpResponse<String> toAuthorize = browser.get(connect);
        assertThat(toAuthorize.statusCode()).isEqualTo(302);
        HttpResponse<String> callback = browser.get(location(browser.get(location(toAuthorize))));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(location(callback)).endsWith("/page?tab=calls");
        HttpResponse<String> back = browser.navigate("/page?tab=calls");
        assertThat(exchangeAsTheWidget(assertHandoff(back)).statusCode()).isEqualTo(200);
        assertThat(browser.navigate("/page").statusCode()).as("once").isEqualTo(200);

        browser.get("/app-signin?user=alice&connect=1");
        assertThat(browser.navigate("/page").statusCode()).as("the same user again does not connect").isEqualTo(200);
    }

    /**
     * A sign-in answered with a page in the same request (no redirect): the cookie set by this response only comes back
     * with the next request, so this page acts on the mark too (the cookie stays until the page's script saw the widget
     * act on it).
     */
    @Test
    void aSignInAnsweredWithAPageLogsThatPagesWidgetOut() throws Exception {
        Browser browser = new Browser(app);
        browser.get("/app-signin?user=alice");
        HttpResponse<String> page = browser.get("/app-signin?user=bob&page=1");
        assertThat(page.body()).contains("data-logout=\"1\"");
        assertThat(page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("E4J_WIDGET_LOGOUT=")))
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
    }
}
