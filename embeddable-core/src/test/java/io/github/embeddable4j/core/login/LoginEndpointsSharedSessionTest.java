package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.LoggedRecords;
import io.github.embeddable4j.core.login.LoginEndpoints.Callback;
import io.github.embeddable4j.core.login.LoginEndpoints.Redirect;
import io.github.embeddable4j.core.login.LoginEndpoints.Reservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sign in once per tenant in a session several tenants share (a parent-domain cookie, a selector by user): a code or
 * sign-in is told apart by its issuer (client ID, redirect URI, server), a session kept before issuers were recorded
 * is the flow's own widget's, and each tenant's code waits for its own page. A review proved each case on the first
 * version, whose issuer left out the redirect URI.
 */
class LoginEndpointsSharedSessionTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("crm-app")
            .redirectUri("https://acme.crm.example/ringcentral/redirect").build());
    /** Another tenant of the same RingCentral app (one app, a redirect URI per tenant host registered on it). */
    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("crm-app")
            .prefix("gx").redirectUri("https://globex.crm.example/ringcentral/redirect").build());
    /** A tenant with its own app, as in LoginEndpointsTenantsTest. */
    private static final Embeddable BETA = Embeddable.of(EmbeddableConfig.builder().clientId("beta-app")
            .redirectUri("https://beta.crm.example/ringcentral/redirect").build());

    private final MapSession session = new MapSession();
    private final LoginEndpoints acme = LoginEndpoints.builder(ACME).serverKey(KEY).build();

    /**
     * A session shared by both tenants' hosts (a parent-domain session cookie, .crm.example): ada connects on acme, and
     * a globex page loads before acme's. The issuer is "crm-app + authorize endpoint" for both, so globex's page takes
     * a code issued for acme's redirect URI, which globex's widget cannot exchange ("Redirect URIs do not match"):
     * rendering it throws, and the code is lost to acme's page. The docs say a page takes only a code its own widget
     * can exchange.
     */
    @Test
    void aCodeCaughtForOneTenantsRedirectUriIsNotTakenByAnotherTenantOfTheSameApp() {
        LoginEndpoints globex = acme.forWidget(GLOBEX);
        assertThat(globex).as("forWidget accepts a tenant of the same app with its own redirect URI").isNotNull();
        String ada = acme.externalAuthIdOf("ada");
        String state = States.of((Redirect) acme.connect("", ada, "/calls", () -> session));
        assertThat(acme.callback("", session, new Callback(state, "acme-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/calls"));

        Reservation taken = globex.takeHandoff(session, () -> ada);
        if (taken != null) {
            // what the page filter would do with it: render it with globex's widget
            assertThatCode(() -> GLOBEX.scriptTagWithLoginHandoff(null, taken.handoff()))
                    .as("globex's page renders the code it took").doesNotThrowAnyException();
        }
        assertThat(taken).as("globex's page must not take acme's code (issued for " + ACME.redirectUri() + ")").isNull();
        assertThat(globex.hasWaitingHandoff(session)).isFalse();
        assertThat(acme.hasWaitingHandoff(session)).as("acme's code waits for acme's page").isTrue();
    }

    /**
     * A session kept by a store from before this commit holds a HandoffSlot without the issuer field (read back as
     * null). Before this commit only the flow's own widget (acme) signed in once, so such a code is acme's; but a null
     * issuer is taken by every tenant's page, here beta's, whose widget cannot exchange it (another client ID and
     * redirect URI): rendering it throws.
     */
    @Test
    void aCodeInASessionKeptBeforeTheIssuerWasRecordedIsNotTakenByAnotherTenant() {
        LoginEndpoints beta = acme.forWidget(BETA);
        assertThat(beta).isNotNull();
        String ada = acme.externalAuthIdOf("ada");
        LoginHandoff old = LoginHandoff.of("acme-code", PkcePair.generate().verifier(), ACME.redirectUri(), ada);
        // what ObjectInputStream gives for a slot written by the previous HandoffSlot class (no 'issuer' field)
        session.set(LoginEndpoints.HANDOFF_ATTRIBUTE, new HandoffSlot(old, System.currentTimeMillis(), null, null));

        Reservation taken = beta.takeHandoff(session, () -> ada);
        if (taken != null) {
            assertThatCode(() -> BETA.scriptTagWithLoginHandoff(null, taken.handoff()))
                    .as("beta's page renders the code it took").doesNotThrowAnyException();
        }
        assertThat(taken).as("beta's page must not take the old session's (acme's) code").isNull();
        assertThat(beta.hasWaitingHandoff(session)).isFalse();
        assertThat(acme.hasWaitingHandoff(session)).as("acme's page is told it waits").isTrue();
        assertThat(acme.takeHandoff(session, () -> ada)).as("acme's page takes it").isNotNull();
    }

    /**
     * The same with a selector by user on one host (docs/tenants.md's other shared-session case): initech has its own
     * app and the same redirect URI as acme. The old session's acme code is rendered, with its verifier, into the
     * loader URL of initech's widget (another client ID), which cannot exchange it: a code of one tenant's app in
     * another tenant's page.
     */
    @Test
    void aCodeInASessionKeptBeforeTheIssuerWasRecordedIsNotRenderedForAnotherAppOnTheSameHost() {
        Embeddable initech = Embeddable.of(EmbeddableConfig.builder().clientId("initech-app").prefix("it")
                .redirectUri(ACME.redirectUri()).build());
        LoginEndpoints theirs = acme.forWidget(initech);
        assertThat(theirs).isNotNull();
        String ada = acme.externalAuthIdOf("ada");
        LoginHandoff old = LoginHandoff.of("acme-code", PkcePair.generate().verifier(), ACME.redirectUri(), ada);
        session.set(LoginEndpoints.HANDOFF_ATTRIBUTE, new HandoffSlot(old, System.currentTimeMillis(), null, null));

        Reservation taken = theirs.takeHandoff(session, () -> ada);
        String page = taken == null ? initech.scriptTag(null) : initech.scriptTagWithLoginHandoff(null, taken.handoff());
        assertThat(page).as("initech's page").contains("clientId=initech-app").doesNotContain("acme-code");
    }

    /**
     * docs/tenants.md: "A session keeps each tenant's sign-ins and code apart: ... a code for globex's app waits for
     * globex's page". The session has one handoff slot: a second tenant's callback (a shared session, two tabs)
     * replaces the first tenant's waiting code, so the first tenant's page never gets the code its user just consented
     * to, though nothing was wrong with it.
     */
    @Test
    void aTenantsWaitingCodeIsKeptWhenAnotherTenantsSignInCompletesInTheSameSession() {
        LoginEndpoints beta = acme.forWidget(BETA);
        String ada = acme.externalAuthIdOf("ada");
        String acmeState = States.of((Redirect) acme.connect("", ada, "/calls", () -> session));
        String betaState = States.of((Redirect) beta.connect("", ada, "/inbox", () -> session));
        assertThat(acme.callback("", session, new Callback(acmeState, "acme-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/calls"));
        assertThat(beta.callback("", session, new Callback(betaState, "beta-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/inbox"));

        Reservation betas = beta.takeHandoff(session, () -> ada);
        assertThat(betas).isNotNull();
        assertThat(betas.handoff().authorizationCode()).isEqualTo("beta-code");
        Reservation acmes = acme.takeHandoff(session, () -> ada);
        assertThat(acmes).as("acme's code waits for acme's page").isNotNull();
    }

    /**
     * The same between two tenants neither of which is the flow's own widget: each keeps its code under a name of its
     * own (its issuer's digest), so the second callback does not replace the first tenant's code.
     */
    @Test
    void twoOtherTenantsWaitingCodesAreKeptApart() {
        LoginEndpoints beta = acme.forWidget(BETA);
        LoginEndpoints globex = acme.forWidget(GLOBEX);
        String ada = acme.externalAuthIdOf("ada");
        String betaState = States.of((Redirect) beta.connect("", ada, "/inbox", () -> session));
        String globexState = States.of((Redirect) globex.connect("", ada, "/calls", () -> session));
        assertThat(beta.callback("", session, new Callback(betaState, "beta-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/inbox"));
        assertThat(globex.callback("", session, new Callback(globexState, "globex-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/calls"));

        assertThat(acme.hasWaitingHandoff(session)).as("the flow's own widget has none").isFalse();
        Reservation globexs = globex.takeHandoff(session, () -> ada);
        Reservation betas = beta.takeHandoff(session, () -> ada);
        assertThat(globexs).isNotNull();
        assertThat(globexs.handoff().authorizationCode()).isEqualTo("globex-code");
        assertThat(betas).as("beta's code waits for beta's page").isNotNull();
        assertThat(betas.handoff().authorizationCode()).isEqualTo("beta-code");
    }

    /**
     * "A tenant that cannot is said once": a Vaadin session read back holds a copy of its widget (another instance,
     * equal settings), and the per-widget cache is by identity, so every copy logs the same warning again.
     */
    @Test
    void aTenantThatCannotSignInOnceIsSaidOnceEvenForACopyOfItsWidgetReadBackFromASession() throws Exception {
        Embeddable demo = Embeddable.of(EmbeddableConfig.builder().prefix("dm")
                .redirectUri("https://demo.crm.example/ringcentral/redirect").build());
        List<String> logged;
        try (LoggedRecords log = new LoggedRecords("io.github.embeddable4j")) {
            assertThat(acme.forWidget(demo)).isNull();
            for (int session = 0; session < 3; session++) {
                assertThat(acme.forWidget(readBack(demo))).isNull();
            }
            logged = log.messages().stream().filter(m -> m != null && m.contains("sign in once does not serve")).toList();
        }
        assertThat(logged).as("said once for the tenant").hasSize(1);
    }

    /**
     * A copy of the default's row with other settings (another prefix) is the same app, redirect URI and server: a code
     * caught while the selector picked the one is taken by a page given the other (a review found the two in separate
     * slots).
     */
    @Test
    void aWidgetOfTheSameIssuerAsTheDefaultTakesTheDefaultsCode() {
        Embeddable copy = Embeddable.of(ACME.config().toBuilder().prefix("acme2").build());
        LoginEndpoints theirs = acme.forWidget(copy);
        assertThat(theirs).isNotNull().isNotSameAs(acme);
        String ada = acme.externalAuthIdOf("ada");
        String state = States.of((Redirect) acme.connect("", ada, "/calls", () -> session));
        acme.callback("", session, new Callback(state, "acme-code", null, null), ada);
        Reservation taken = theirs.takeHandoff(session, () -> ada);
        assertThat(taken).isNotNull();
        assertThat(taken.handoff().authorizationCode()).isEqualTo("acme-code");
    }

    private static Embeddable readBack(Embeddable widget) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(widget);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Embeddable copy = (Embeddable) in.readObject();
            assertThat(copy).isNotSameAs(widget);
            assertThat(copy.config()).isEqualTo(widget.config());
            return copy;
        }
    }
}
