package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.LoggedRecords;
import io.github.embeddable4j.core.login.LoginEndpoints.Answer;
import io.github.embeddable4j.core.login.LoginEndpoints.Callback;
import io.github.embeddable4j.core.login.LoginEndpoints.Page;
import io.github.embeddable4j.core.login.LoginEndpoints.Redirect;
import io.github.embeddable4j.core.login.LoginEndpoints.Reservation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every adapter's sign in once decides, without a framework: one use per state and per handoff, the handoff
 * given back when a page does not carry it, and a page (never an exception) for every way a callback can go wrong.
 */
class LoginEndpointsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());

    private final MapSession session = new MapSession();
    private final Map<String, Object> attributes = session.attributes;
    private @Nullable String user = "alice";

    private static LoginEndpoints endpoints(Duration handoffTimeout) {
        return LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).handoffTimeout(handoffTimeout).build();
    }

    private String current(LoginEndpoints login) {
        return login.externalAuthIdOf(user);
    }

    /** Connects as the current user and returns the state RingCentral would send back. */
    private String connect(LoginEndpoints login, String returnPath) {
        Answer answer = login.connect("/crm", current(login), returnPath, () -> session);
        assertThat(answer).isInstanceOf(Redirect.class);
        Redirect redirect = (Redirect) answer;
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.location()).startsWith("https://platform.ringcentral.com/restapi/oauth/authorize?")
                .contains("client_id=abc", "code_challenge_method=S256");
        String query = URI.create(redirect.location()).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("state=")) {
                return pair.substring("state=".length());
            }
        }
        throw new AssertionError("no state in " + redirect.location());
    }

    private Answer callback(LoginEndpoints login, String state, @Nullable String code, @Nullable String error) {
        return login.callback("/crm", session, new Callback(state, code, error, null), current(login));
    }

    /** A callback printed (a log line, a debugger) shows neither its code nor its state (a log audit). */
    @Test
    void aCallbacksTextHasNoCodeNorState() {
        LoginEndpoints.Callback callback = new LoginEndpoints.Callback("e4j.st4te", "c0de-secret", null, null);
        assertThat(callback.toString()).isEqualTo("Callback[state=****, code=****, error=null, errorDescription=null]");
        assertThat(new LoginEndpoints.Callback(null, null, "access_denied", "no").toString())
                .isEqualTo("Callback[state=null, code=null, error=access_denied, errorDescription=no]");
    }

    /**
     * Two tabs: one's callback takes the last open sign-in while the other connects. The other's connect added its
     * sign-in to the same object and set it just before the callback removed the emptied attribute, and its own way
     * back then found nothing ("used or expired"; a concurrency audit). The interleaving is made here by a session
     * whose remove lets the other tab connect first.
     */
    @Test
    void aConnectInAnotherTabDuringACallbackKeepsItsSignIn() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        String first = connect(login, "/crm/contacts");
        String[] second = new String[1];
        MapSession racing = new MapSession() {
            @Override
            public void remove(String name) {
                if (second[0] == null && name.equals(LoginEndpoints.PENDING_ATTRIBUTE)) {
                    second[0] = "racing";
                    Redirect r = (Redirect) login.connect("/crm", current(login), "/crm/calls", () -> this);
                    second[0] = URI.create(r.location()).getRawQuery().replaceAll(".*(?:^|&)state=([^&]*).*", "$1");
                }
                super.remove(name);
            }
        };
        racing.attributes.putAll(attributes);
        assertThat(racing.attributes).as("the first tab's sign-in").containsKey(LoginEndpoints.PENDING_ATTRIBUTE);
        assertThat(login.callback("/crm", racing, new Callback(first, "code-1", null, null), current(login)))
                .isEqualTo(new Redirect(303, "/crm/contacts"));
        assertThat(second[0]).as("the other tab connected during the remove").isNotNull().isNotEqualTo("racing");
        assertThat(login.callback("/crm", racing, new Callback(second[0], "code-2", null, null), current(login)))
                .as("the other tab's way back").isEqualTo(new Redirect(303, "/crm/calls"));
    }

    @Test
    void aSignInGoesToRingCentralAndItsCodeWaitsForOnePage() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        String state = connect(login, "/crm/contacts");
        assertThat(LoginAuthorization.isServerState(state)).isTrue();
        assertThat(callback(login, state, "the-code", null)).isEqualTo(new Redirect(303, "/crm/contacts"));
        assertThat(login.hasWaitingHandoff(session)).isTrue();

        Reservation first = login.takeHandoff(session, () -> current(login));
        assertThat(first).isNotNull();
        assertThat(first.handoff().authorizationCode()).isEqualTo("the-code");
        assertThat(first.handoff().externalAuthId()).isEqualTo(current(login));
        assertThat(login.takeHandoff(session, () -> current(login))).as("a second page written meanwhile").isNull();
        first.rendered();
        assertThat(attributes).isEmpty();
        first.giveBack(true); // the page was sent: it stays used
        assertThat(login.takeHandoff(session, () -> current(login))).isNull();
        assertThat(callback(login, state, "the-code", null)).as("the state answered once")
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    /**
     * A callback that brings no session is refused (400), and said in the log (once an hour) with its likely causes: a servlet
     * trial's {@code SameSite=Strict} session cookie was left out when RingCentral's consent page sent the user back
     * (a navigation from another site), and the 400 page, "already used or has expired", was all anyone saw.
     */
    @Test
    void aCallbackWithoutASessionIsSaidOnceWithItsLikelyCauses() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        String state = connect(login, "/crm/contacts");
        List<String> logged;
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            for (int i = 0; i < 3; i++) {
                assertThat(login.callback("/crm", null, new Callback(state, "the-code", null, null), current(login)))
                        .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
            }
            assertThat(callback(login, "e4j.not-a-sign-in-of-this-session", "code", null)).as("with a session")
                    .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
            logged = log.messages();
        }
        assertThat(logged).as("once, and not for a session without this sign-in").singleElement().asString()
                .contains("without the session it started in", "SameSite=Strict", "SameSite=Lax",
                        "https://crm.example.com/ringcentral/redirect");
        assertThat(callback(login, state, "the-code", null)).as("the session, when it comes, still has the sign-in")
                .isEqualTo(new Redirect(303, "/crm/contacts"));
    }

    /**
     * Said at most once an hour, not once for good: a Vaadin trial's forged {@code state=e4j....} sent first used up
     * the one warning, and a real sign-in that came back without its session later was not logged.
     */
    @Test
    void aCallbackWithoutASessionIsSaidAgainAfterAnHourSoAForgedOneCannotSilenceIt() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(42);
        login.nanoClock = clock::get;
        Callback forged = new Callback("e4j.forged", "code", null, null);
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            login.callback("/crm", null, forged, current(login));
            assertThat(log.messages()).as("the forged link is said").hasSize(1);
            clock.addAndGet(Duration.ofMinutes(59).toNanos());
            login.callback("/crm", null, forged, current(login));
            assertThat(log.messages()).as("not again within the hour").hasSize(1);
            clock.addAndGet(Duration.ofMinutes(1).toNanos());
            login.callback("/crm", null, new Callback(connect(login, "/crm"), "the-code", null, null), current(login));
            assertThat(log.messages()).as("the real one, an hour on").hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("without the session it started in"));
        }
    }

    /**
     * With connect-on-login a sign-in form's answer is redirected on to RingCentral, and browsers check a form's
     * redirects against form-action: the authorize origin is added there, where a policy restricts it, and nowhere else.
     */
    @Test
    void thePolicySourcesAllowTheAuthorizeOriginInFormActionWhereAPolicyRestrictsIt() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.contentSecurityPolicy().sources("form-action")).containsExactly("https://platform.ringcentral.com");
        assertThat(login.contentSecurityPolicy().mergeInto("default-src 'self'; form-action 'self'"))
                .contains("form-action 'self' https://platform.ringcentral.com");
        assertThat(login.contentSecurityPolicy().mergeInto("default-src 'self'")).doesNotContain("form-action");
        assertThat(login.contentSecurityPolicy().sources("frame-src")).as("the widget's own sources too")
                .isEqualTo(EMBEDDABLE.contentSecurityPolicy().sources("frame-src"));
        LoginEndpoints mocked = LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY)
                .authorizeEndpoint("http://LOCALHOST:9999/authorize").build();
        assertThat(mocked.contentSecurityPolicy().sources("form-action")).containsExactly("http://localhost:9999");
        // an empty port is a valid URI, and no CSP source: the origin leaves it out (a review)
        assertThat(LoginAuthorization.of(EMBEDDABLE).withAuthorizeEndpoint("https://auth.example.com:/authorize")
                .authorizeOrigin()).isEqualTo("https://auth.example.com");
        assertThat(LoginAuthorization.of(EMBEDDABLE).withAuthorizeEndpoint("https://Auth.Example.com:8443/authorize")
                .authorizeOrigin()).isEqualTo("https://auth.example.com:8443");
    }

    @Test
    void aPageThatDidNotCarryItGivesItBackAndANewerOneIsKept() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        callback(login, connect(login, "/crm/"), "first", null);
        login.takeHandoff(session, () -> current(login)).giveBack(false);
        Reservation discarded = login.takeHandoff(session, () -> current(login));
        discarded.rendered();
        discarded.giveBack(false); // injected, then the output was reset before anything was sent
        Reservation again = login.takeHandoff(session, () -> current(login));
        assertThat(again.handoff().authorizationCode()).isEqualTo("first");
        again.rendered();
        callback(login, connect(login, "/crm/"), "newer", null);
        again.giveBack(false);
        assertThat(login.takeHandoff(session, () -> current(login)).handoff().authorizationCode()).isEqualTo("newer");
    }

    @Test
    void aStaleHandoffIsDroppedAndAnotherUsersToo() throws InterruptedException {
        LoginEndpoints stale = endpoints(Duration.ofMillis(1));
        callback(stale, connect(stale, "/crm/"), "code", null);
        Thread.sleep(20);
        assertThat(stale.takeHandoff(session, () -> current(stale))).isNull();
        assertThat(attributes).isEmpty();

        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        callback(login, connect(login, "/crm/"), "code", null);
        user = null;
        assertThat(login.takeHandoff(session, () -> current(login))).as("nobody signed in: it waits").isNull();
        assertThat(login.hasWaitingHandoff(session)).isTrue();
        user = "bob";
        assertThat(login.takeHandoff(session, () -> current(login))).isNull();
        assertThat(login.hasWaitingHandoff(session)).isFalse();
        user = "alice";
        assertThat(login.takeHandoff(session, () -> current(login))).isNull();
    }

    @Test
    void aUserLookupThatFailsLeavesTheHandoffForTheNextPage() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        callback(login, connect(login, "/crm/"), "code", null);
        assertThatThrownBy(() -> login.takeHandoff(session, () -> { throw new IllegalStateException("user store down"); }))
                .hasMessage("user store down");
        assertThat(login.hasWaitingHandoff(session)).isTrue();
        assertThat(login.takeHandoff(session, () -> current(login)).handoff().authorizationCode()).isEqualTo("code");
    }

    @Test
    void aUserLookupThatFailedGetsAPageToReload() {
        Answer answer = endpoints(Duration.ofMinutes(1)).userLookupFailed("/crm");
        assertThat(answer).isInstanceOfSatisfying(Page.class, p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(new String(p.page().bytes(), StandardCharsets.UTF_8)).contains("Reload this page", "href=\"/crm/\"");
        });
    }

    /** A person sent to the connect path of a site without sign in once reads a page (to {@link LoginRequests#wantsPage}). */
    @Test
    void aSiteWithoutSignInOnceAnswersABrowsersNavigationWithAPage() {
        assertThat(LoginEndpoints.notSetUpHere("/crm")).isInstanceOfSatisfying(Page.class, p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(new String(p.page().bytes(), StandardCharsets.UTF_8)).contains("not connected here", "href=\"/crm/\"");
        });
    }

    @Test
    void everyWayACallbackGoesWrongIsAPage() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.connect("/crm", null, null, () -> { throw new AssertionError("no session for nobody"); }))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThat(login.connect("/crm", current(login), "https://evil.example/", () -> session))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(attributes).as("no sign-in was started").isEmpty();

        assertThat(login.callback("/crm", null, new Callback("e4j.x", "c", null, null), current(login)))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(callback(login, connect(login, "/crm/"), null, "access_denied"))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(403));
        Answer error = login.callback("/crm", session, new Callback(connect(login, "/crm/"), null, "server_error",
                "<script>" + "x".repeat(500)), current(login));
        assertThat(error).isInstanceOfSatisfying(Page.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.page().html()).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("x".repeat(201));
        });
        assertThat(callback(login, connect(login, "/crm/"), "bad code with spaces", null))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
        String state = connect(login, "/crm/");
        user = "bob";
        assertThat(callback(login, state, "code", null)).as("the user changed while RingCentral was asked")
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThat(login.hasWaitingHandoff(session)).isFalse();
    }

    /**
     * Two instances of one application with different server keys (a cluster trial, no sticky sessions): the callback
     * reaching the other instance computed another externalAuthId for the same user, and the user read "Signed in as
     * someone else" while nothing was logged. Now the instance says which keys differ (by fingerprint, never the key),
     * and the user is not told they are someone else.
     */
    @Test
    void aSignInStartedOnAnInstanceWithAnotherServerKeyIsSaidByFingerprintNotTakenForAnotherUser() {
        LoginEndpoints here = endpoints(Duration.ofMinutes(1));
        byte[] otherKey = "another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);
        LoginEndpoints there = LoginEndpoints.builder(EMBEDDABLE).serverKey(otherKey).build();
        String ownPrint = ExternalAuthIds.withKey(KEY).fingerprint();
        String otherPrint = ExternalAuthIds.withKey(otherKey).fingerprint();
        assertThat(ownPrint).hasSize(8).isNotEqualTo(otherPrint);
        assertThat(ExternalAuthIds.withKey(KEY.clone()).fingerprint()).as("the same key, the same fingerprint")
                .isEqualTo(ownPrint);
        assertThat(current(there)).as("the user's ids on the two instances really differ").isNotEqualTo(current(here));
        assertThat(here.startupLine()).as("what to compare across instances before anything fails")
                .contains("sign in once at /ringcentral/connect", "fingerprint is " + ownPrint, "every instance");
        assertThat(here.startupLine("/crm")).as("under the context path, as a browser asks for it (an Open Liberty trial)")
                .contains("sign in once at /crm/ringcentral/connect;");

        String state = connect(there, "/crm/contacts");
        List<String> logged;
        Answer answer;
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            answer = callback(here, state, "the-code", null);
            logged = log.messages();
        }
        assertThat(answer).isInstanceOfSatisfying(Page.class, p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.page().html()).contains("not set up alike").doesNotContain("someone else");
        });
        assertThat(logged).singleElement().asString().contains("fingerprint " + otherPrint, "(" + ownPrint + ")",
                "the same login server key").doesNotContain(new String(KEY, StandardCharsets.US_ASCII))
                .doesNotContain(new String(otherKey, StandardCharsets.US_ASCII));
        assertThat(here.hasWaitingHandoff(session)).isFalse();

        // the same keys and another user: still "someone else", and nothing logged
        String another = connect(here, "/crm/");
        user = "bob";
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            assertThat(callback(here, another, "code", null)).isInstanceOfSatisfying(Page.class,
                    p -> assertThat(p.status()).isEqualTo(403));
            assertThat(log.messages()).isEmpty();
        }
    }

    /** The same when the callback reached the right instance and the page carrying the code is served by the other. */
    @Test
    void aHandoffStoredByAnInstanceWithAnotherServerKeyIsSaidByFingerprint() {
        LoginEndpoints here = endpoints(Duration.ofMinutes(1));
        byte[] otherKey = "another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);
        LoginEndpoints there = LoginEndpoints.builder(EMBEDDABLE).serverKey(otherKey).build();
        assertThat(there.callback("/crm", session, new Callback(connect(there, "/crm/"), "code", null, null), current(there)))
                .isInstanceOf(Redirect.class);
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            assertThat(here.takeHandoff(session, () -> current(here))).isNull();
            assertThat(log.messages()).singleElement().asString().contains("a handoff was started by an instance",
                    "fingerprint " + ExternalAuthIds.withKey(otherKey).fingerprint());
        }
        assertThat(here.hasWaitingHandoff(session)).as("dropped: no page of this instance can carry it").isFalse();

        assertThat(here.callback("/crm", session, new Callback(connect(here, "/crm/"), "code", null, null), current(here)))
                .isInstanceOf(Redirect.class);
        user = "bob";
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            assertThat(here.takeHandoff(session, () -> current(here))).isNull();
            assertThat(log.messages()).as("another user, one key").singleElement().asString().contains("user changed");
        }
    }

    /**
     * Instances with another client ID (or redirect URI, or server): the callback reaching the other instance found a
     * sign-in it cannot finish and answered 400 "already used or has expired" with nothing in the log (a cluster
     * trial): the user had done nothing wrong. Now the user reads that the servers differ, and the log says how (the
     * client ID and server are public: they are in every page's markup).
     */
    @Test
    void aSignInStartedOnAnInstanceWithOtherSettingsIsSaidWithWhatDiffers() {
        LoginEndpoints here = endpoints(Duration.ofMinutes(1));
        LoginEndpoints there = LoginEndpoints.builder(Embeddable.of(EmbeddableConfig.builder().clientId("xyz")
                .redirectUri(EMBEDDABLE.redirectUri()).build())).serverKey(KEY).build();
        String state = States.of((Redirect) there.connect("/crm", current(there), "/crm/", () -> session));
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            assertThat(callback(here, state, "code", null)).isInstanceOfSatisfying(Page.class, p -> {
                assertThat(p.status()).isEqualTo(503);
                assertThat(p.page().html()).contains("not set up alike").doesNotContain("already used");
            });
            assertThat(log.messages()).singleElement().asString().contains("differs in: client ID xyz (here abc);",
                    "give every instance the same client ID, redirect URI and server")
                    .doesNotContain("redirect URI https", "server https");
        }
        assertThat(here.hasWaitingHandoff(session)).isFalse();
        assertThat(callback(here, connect(here, "/crm/"), "code", null)).as("its own sign-in")
                .isInstanceOf(Redirect.class);
    }

    @Test
    void onlyTheLatestFewSignInsStayOpenAndForgetClearsEverything() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        String first = connect(login, "/crm/");
        String kept = null;
        for (int i = 0; i < PendingLogins.MAX_OPEN; i++) {
            kept = connect(login, "/crm/");
        }
        assertThat(callback(login, first, "code", null)).isInstanceOf(Page.class);
        callback(login, connect(login, "/crm/"), "code", null);
        login.connectAtNextPage(session);
        login.forget(session);
        assertThat(attributes).isEmpty();
        assertThat(callback(login, kept, "code", null)).isInstanceOf(Page.class);
    }

    private static final Map<String, String> NAVIGATION = Map.of("Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Sec-Fetch-Mode", "navigate",
            "Sec-Fetch-Dest", "document"); // what Chromium sends when it navigates to a page

    private static @Nullable String connectRedirect(LoginEndpoints login, LoginEndpoints.@Nullable Session session,
            String path, @Nullable String query) {
        return login.takeConnectRedirect(session, "/crm", path, query, "GET", NAVIGATION::get);
    }

    @Test
    void theMarkOfASignInSendsOnePageVisitToConnect() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(connectRedirect(login, null, "/inbox", null)).isNull();
        assertThat(connectRedirect(login, session, "/inbox", null)).as("not marked").isNull();
        login.connectAtNextPage(session);
        assertThat(login.isConnectPending(session)).isTrue();
        assertThat(login.takeConnectRedirect(session, "/crm", "/inbox", null, "GET", Map.of("Accept", "text/html",
                "Sec-Fetch-Mode", "cors")::get)).as("a script's fetch").isNull();
        assertThat(connectRedirect(login, session, "/inbox", "tab=calls&x=%2F"))
                .isEqualTo("/crm/ringcentral/connect?return=%2Fcrm%2Finbox%3Ftab%3Dcalls%26x%3D%252F");
        assertThat(connectRedirect(login, session, "/inbox", null)).as("once").isNull();
        assertThat(attributes).isEmpty();
    }

    /**
     * An application's own sign-in and sign-out handlers (servlet and WebFlux adapters alike): another user over the
     * session logs the widget out and drops the first one's waiting login; the same user again changes nothing; after
     * a sign-out, the next sign-in had nobody before it.
     */
    @Test
    void theApplicationsOwnSignInsFollowWhoSignedInLast() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        // Nobody before in this session, with connect-on-login: the widget may keep an expired session's login, maybe
        // another user's; the mark goes (the page with ada's login drops it, so it acts only if the connect fails).
        assertThat(login.signedIn(session, "ada", true)).as("nobody before").isTrue();
        assertThat(login.isConnectPending(session)).isTrue();
        connect(login, "/crm/inbox");
        assertThat(login.signedIn(session, "ada", true)).as("the same user again").isFalse();
        assertThat(login.isConnectPending(session)).as("does not connect again").isFalse();
        assertThat(attributes).containsKey(LoginEndpoints.PENDING_ATTRIBUTE);

        assertThat(login.signedIn(session, "grace", false)).as("another user over ada's session").isTrue();
        assertThat(attributes).doesNotContainKey(LoginEndpoints.PENDING_ATTRIBUTE);
        assertThat(login.isConnectPending(session)).isFalse();

        login.signedOut(session);
        login.signedOut(null);
        assertThat(attributes).isEmpty();
        assertThat(login.signedIn(session, "bob", false)).as("nobody after the sign-out").isFalse();
    }

    /**
     * A view shown without a page load (a Vaadin view after a sign-in in a UI event) takes the mark itself: the href
     * comes back to the view, encoded as the connect endpoint accepts it, once.
     */
    @Test
    void aViewShownWithoutAPageLoadTakesTheMarkOnce() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.takeConnectHref(null, "/crm", "/contacts")).isNull();
        assertThat(login.takeConnectHref(session, "/crm", "/contacts")).as("not marked").isNull();
        login.connectAtNextPage(session);
        String to = login.takeConnectHref(session, "/crm", "/contacts?filter[name]=ada");
        assertThat(to).isEqualTo("/crm/ringcentral/connect?return=" + java.net.URLEncoder.encode(
                "/crm/contacts?filter%5Bname%5D=ada", StandardCharsets.UTF_8));
        assertThat(login.takeConnectHref(session, "/crm", "/contacts")).as("once").isNull();
        String back = java.net.URLDecoder.decode(to.substring(to.indexOf("return=") + 7), StandardCharsets.UTF_8);
        assertThat(login.connect("/crm", current(login), back, () -> session)).isInstanceOf(Redirect.class);
    }

    /**
     * Browsers leave [ ] | ^ { } unencoded in a page's query: the page the sign-in comes back to is encoded, as the
     * connect endpoint accepts it (a trial's /contacts?filter[name]=ada ended on a 400 page, its mark spent).
     */
    @Test
    void aPageWithCharactersBrowsersLeaveRawComesBackEncoded() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        login.connectAtNextPage(session);
        String to = connectRedirect(login, session, "/inbox[1]", "filter[name]=ada&x=a|b^{c}&y=%5B");
        assertThat(to).isEqualTo("/crm/ringcentral/connect?return=" + java.net.URLEncoder.encode(
                "/crm/inbox%5B1%5D?filter%5Bname%5D=ada&x=a%7Cb%5E%7Bc%7D&y=%5B", StandardCharsets.UTF_8));
        String back = java.net.URLDecoder.decode(to.substring(to.indexOf("return=") + 7), StandardCharsets.UTF_8);
        assertThat(login.connect("/crm", current(login), back, () -> session)).isInstanceOf(Redirect.class);
        // a Connect link on the page itself (the Thymeleaf dialect's rc:connect) comes back the same way
        assertThat(login.connectHrefToPage("/crm", "/crm/inbox[1]", "filter[name]=ada&x=a|b^{c}&y=%5B")).isEqualTo(to);
    }

    /**
     * Sign in once's own paths are not sent to connect: the connect path starts a sign-in itself (and takes the mark,
     * so the page it comes back to is not sent again), and the redirect URI is where the widget's login popup and the
     * connection land (sent to connect, the popup would start the server's sign-in instead of finishing its own).
     */
    @Test
    void signInOncesOwnPathsAreNotSentAndConnectingTakesTheMark() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        login.connectAtNextPage(session);
        // (the redirect URI, https://crm.example.com/ringcentral/redirect, is inside the root context)
        assertThat(login.takeConnectRedirect(session, "", "/ringcentral/redirect", "code=c&state=widget-state", "GET",
                NAVIGATION::get)).isNull();
        assertThat(connectRedirect(login, session, "/ringcentral/connect", "return=/crm/inbox")).isNull();
        assertThat(login.isConnectPending(session)).isTrue();
        connect(login, "/crm/inbox"); // what that request then does, at the connect endpoint
        assertThat(login.isConnectPending(session)).isFalse();
        assertThat(connectRedirect(login, session, "/inbox", null)).isNull();
    }

    /**
     * A change of the application's user: a sign-out, or another user's sign-in over the first one's session (no
     * sign-out between), logs the widget out, since the first user's RingCentral login stays in the browser and would
     * serve the next; the same user again changes nothing.
     */
    @Test
    void aSignOutOrAnotherUsersSignInLogsTheWidgetOutAndTheSameUserChangesNothing() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.userChanged(session, null, "ada", false)).as("a sign-in, no connect-on-login").isFalse();
        assertThat(attributes).isEmpty();
        assertThat(login.userChanged(session, null, "ada", true)).as("a sign-in, connect-on-login: maybe an expired"
                + " session's user in the widget").isTrue();
        assertThat(login.isConnectPending(session)).isTrue();
        attributes.clear();
        assertThat(login.userChanged(session, "ada", "ada", true)).as("the same user again").isFalse();
        assertThat(attributes).isEmpty();
        assertThat(login.userChanged(session, null, null, true)).isFalse();

        callback(login, connect(login, "/crm/"), "code", null);
        assertThat(login.hasWaitingHandoff(session)).isTrue();
        assertThat(login.userChanged(session, "alice", null, true)).as("a sign-out").isTrue();
        assertThat(attributes).as("the waiting login forgotten").isEmpty();

        callback(login, connect(login, "/crm/"), "code", null);
        assertThat(login.userChanged(session, "alice", "grace", true)).as("grace over alice's session").isTrue();
        assertThat(login.hasWaitingHandoff(session)).as("alice's login is not grace's").isFalse();
        assertThat(login.isConnectPending(session)).as("grace connects").isTrue();
    }

    @Test
    void theSessionCookieWarningNamesBothOrigins() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.sessionCookieWarning("https", "CRM.example.com", 443)).isNull();
        assertThat(login.sessionCookieWarning("http", "localhost", 8080))
                .contains("http://localhost:8080", "https://crm.example.com/ringcentral/redirect");
    }

    /** Said once per widget's endpoints, by core for both adapters (each kept its own bounded set before). */
    @Test
    void theSessionCookieWarningIsLoggedOncePerEndpoints() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        LoginEndpoints beta = login.forWidget(Embeddable.of(EmbeddableConfig.builder().clientId("beta")
                .redirectUri("https://beta.example.com/ringcentral/redirect").build()));
        List<String> logged;
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            login.warnOfSessionCookie("https", "crm.example.com", 443);
            login.warnOfSessionCookie("http", "localhost", 8080);
            login.warnOfSessionCookie("http", "localhost", 8081);
            beta.warnOfSessionCookie("http", "localhost", 8080);
            logged = log.messages().stream().filter(m -> m.contains("a sign-in started at")).toList();
        }
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).contains("http://localhost:8080", "client ID abc");
        assertThat(logged.get(1)).contains("client ID beta");
    }

    /** The authorize endpoint too, when the widget settings fail as well (a servlet trial saw it left out). */
    @Test
    void everyBadSettingIsListedAtOnce() {
        Embeddable noClientNoRedirect = Embeddable.of(EmbeddableConfig.builder().build());
        assertThatThrownBy(() -> LoginEndpoints.builder(noClientNoRedirect).serverKey(new byte[8]).connectPath("no path")
                .callbackPath("/elsewhere").authorizeEndpoint("not-a-url").build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.property()).containsExactlyInAnyOrder("clientId", "redirectUri", "authorizeEndpoint",
                                "serverKey", "connectPath", "callbackPath"));
        // a good authorize endpoint beside settings that fail, and a key that is not there: problems, not a NullPointerException
        assertThatThrownBy(() -> LoginEndpoints.builder(noClientNoRedirect).serverKey(null)
                .authorizeEndpoint("http://localhost:9999/authorize").build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.property()).containsExactlyInAnyOrder("clientId", "redirectUri", "serverKey"));
    }

    /** Each setting's problem names what is wrong with it (mutation testing: which message was given changed no test). */
    @Test
    void eachBadSettingSaysWhatIsWrong() {
        java.util.function.Function<LoginEndpoints.Builder, String> problems = b -> {
            try {
                b.build();
                return "";
            } catch (EmbeddableConfigException e) {
                return e.problems().toString();
            }
        };
        assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE))).contains("serverKey", "is missing");
        assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE).serverKey(new byte[31]))).contains("only 31 bytes long");
        assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY))).isEmpty();
        for (String path : new String[] {"//evil.example/connect", "connect", "/a b", "/x?y", null}) {
            assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).connectPath(path)))
                    .as(path).contains("connectPath", "'" + path + "' is not a path");
        }
        for (String path : new String[] {"//ringcentral/redirect", "/other", "ringcentral/redirect", "/ringcentral/redirect?x"}) {
            assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).callbackPath(path)))
                    .as(path).contains("callbackPath", "is not the end of the redirect URI");
        }
        assertThat(problems.apply(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).callbackPath("/redirect")
                .connectPath("/rc/connect"))).isEmpty();
        assertThat(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).callbackPath("  ").build().callbackPath()).isNull();
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            assertThatThrownBy(() -> LoginEndpoints.builder(EMBEDDABLE).pendingTimeout(bad))
                    .hasMessage("A timeout must be positive");
            assertThatThrownBy(() -> LoginEndpoints.builder(EMBEDDABLE).handoffTimeout(bad))
                    .hasMessage("A timeout must be positive");
        }
    }

    /** Nobody, or an empty name, has no externalAuthId: the widget then signs in by itself. */
    @Test
    void nobodyHasNoExternalAuthId() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.externalAuthIdOf(null)).isNull();
        assertThat(login.externalAuthIdOf("")).isNull();
        assertThat(login.externalAuthIdOf("alice")).isNotEmpty().isEqualTo(login.externalAuthIdOf("alice"))
                .isNotEqualTo(login.externalAuthIdOf("bob"));
    }

    /**
     * The session cookie warning compares origins as browsers do: scheme and host in any case, the default port when
     * none is written; any difference is another origin.
     */
    @Test
    void theSessionCookieWarningComparesOrigins() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1)); // redirect URI https://crm.example.com/ringcentral/redirect
        assertThat(login.sessionCookieWarning("https", "crm.example.com", 443)).isNull();
        assertThat(login.sessionCookieWarning("HTTPS", "CRM.Example.com", 443)).isNull();
        assertThat(login.sessionCookieWarning("http", "crm.example.com", 443)).contains("http://crm.example.com:443");
        assertThat(login.sessionCookieWarning("https", "crm.example.com", 8443)).contains("https://crm.example.com:8443");
        assertThat(login.sessionCookieWarning("https", "www.crm.example.com", 443)).isNotNull();
        LoginEndpoints plain = LoginEndpoints.builder(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("http://localhost/ringcentral/redirect").build())).serverKey(KEY).build();
        assertThat(plain.sessionCookieWarning("http", "localhost", 80)).isNull();
        assertThat(plain.sessionCookieWarning("http", "localhost", 8080)).isNotNull();
    }

    /** A request without a session: nothing pending, no connect mark, and a callback is answered as a used link. */
    @Test
    void aRequestWithoutASessionHasNothing() {
        LoginEndpoints login = endpoints(Duration.ofMinutes(1));
        assertThat(login.isConnectPending(null)).isFalse();
        assertThat(login.takeConnectHref(null, "/crm", "/contacts")).isNull();
        assertThat(login.callback("/crm", null, new Callback("state", "code", null, null), current(login)))
                .isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(login.connectPath()).isEqualTo(LoginEndpoints.DEFAULT_CONNECT_PATH);
        assertThat(LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).connectPath("/rc/connect").build().connectPath())
                .isEqualTo("/rc/connect");
    }
}
