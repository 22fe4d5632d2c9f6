package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints.Answer;
import io.github.embeddable4j.core.login.LoginEndpoints.Callback;
import io.github.embeddable4j.core.login.LoginEndpoints.Page;
import io.github.embeddable4j.core.login.LoginEndpoints.Redirect;
import io.github.embeddable4j.core.login.LoginEndpoints.Reservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Sign in once in a session kept by a store that serializes attributes (Spring Session on JDBC or Redis, a cluster's
 * replicated sessions): such a store sees a change only when the attribute is set again, and each request reads its
 * own copy of it. Mutation testing found that taking one of several open sign-ins without setting the holder again, and a
 * sign-out that forgot nothing, changed no test run on a session of live objects.
 */
class LoginEndpointsStoredSessionTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());

    /**
     * What a serializing store keeps: bytes, written at each set. As Spring Session does, a request reads an attribute
     * once and then sees that object until it ends; what it changes in place without setting it again is lost.
     */
    static final class StoredSession implements LoginEndpoints.Session {
        final Map<String, byte[]> stored = new HashMap<>();
        private final Map<String, Object> read = new HashMap<>();

        /** The next request: it reads the store anew. */
        void nextRequest() {
            read.clear();
        }

        @Override
        public @Nullable Object get(String name) {
            byte[] bytes = stored.get(name);
            if (bytes == null) {
                return null;
            }
            return read.computeIfAbsent(name, n -> {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readObject();
                } catch (IOException | ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void set(String name, Object value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject((Serializable) value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stored.put(name, bytes.toByteArray());
            read.put(name, value);
        }

        @Override
        public void remove(String name) {
            stored.remove(name);
            read.remove(name);
        }
    }

    private final StoredSession session = new StoredSession();
    private final LoginEndpoints login = LoginEndpoints.builder(EMBEDDABLE).serverKey(KEY).build();
    private final String ada = login.externalAuthIdOf("ada");

    private String connect(String returnPath) {
        session.nextRequest();
        return States.of((Redirect) login.connect("", ada, returnPath, () -> session));
    }

    private Answer callback(String state, String code) {
        session.nextRequest();
        return login.callback("", session, new Callback(state, code, null, null), ada);
    }

    /** Two tabs started a sign-in each: the first answers once, the second still answers after it. */
    @Test
    void aStateAnswersOnceAndTheOtherOpenSignInStays() {
        String first = connect("/calls");
        String second = connect("/contacts");
        assertThat(callback(first, "code-1")).isEqualTo(new Redirect(303, "/calls"));
        assertThat(callback(first, "code-1")).as("the same state again, as a replayed link").isInstanceOfSatisfying(
                Page.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(callback(second, "code-2")).isEqualTo(new Redirect(303, "/contacts"));
        assertThat(session.stored).as("no open sign-in is left").doesNotContainKey(LoginEndpoints.PENDING_ATTRIBUTE);
    }

    /** A handoff rendered into a page is gone from the store; one given back waits for the next page. */
    @Test
    void aRenderedHandoffIsGoneAndOneGivenBackWaits() {
        callback(connect("/calls"), "code-1");
        session.nextRequest();
        Reservation notSent = login.takeHandoff(session, () -> ada);
        assertThat(notSent).isNotNull();
        notSent.giveBack(false);
        session.nextRequest();
        Reservation taken = login.takeHandoff(session, () -> ada);
        assertThat(taken).as("given back, it waits for the next page").isNotNull();
        assertThat(taken.handoff().authorizationCode()).isEqualTo("code-1");
        taken.rendered();
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> ada)).isNull();
        assertThat(login.hasWaitingHandoff(session)).isFalse();
    }

    /** Signing out forgets the open sign-ins and the waiting code, so neither serves whoever signs in next. */
    @Test
    void signingOutForgetsOpenSignInsAndTheWaitingCode() {
        String open = connect("/calls");
        callback(connect("/contacts"), "code-1");
        session.nextRequest();
        login.connectAtNextPage(session);
        assertThat(login.hasWaitingHandoff(session)).isTrue();

        session.nextRequest();
        login.signedOut(session);

        assertThat(session.stored).isEmpty();
        assertThat(login.hasWaitingHandoff(session)).isFalse();
        assertThat(login.isConnectPending(session)).isFalse();
        assertThat(callback(open, "code-2")).isInstanceOfSatisfying(Page.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    /** A code caught for one user is no other user's: a page for someone else drops it, and it serves nobody after. */
    @Test
    void aHandoffForAnotherUserIsDropped() {
        callback(connect("/calls"), "code-1");
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> login.externalAuthIdOf("grace"))).isNull();
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> ada)).isNull();
        assertThat(session.stored).doesNotContainKey(LoginEndpoints.HANDOFF_ATTRIBUTE);
    }

    /** With nobody signed in, the code waits for a page of its user. */
    @Test
    void aHandoffWaitsWhileNobodyIsSignedIn() {
        callback(connect("/calls"), "code-1");
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> null)).isNull();
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> ada)).isNotNull();
        assertThat(login.hasWaitingHandoff(null)).isFalse();
        assertThat(login.takeHandoff(null, () -> ada)).isNull();
    }

    /** A page that took a code and is then written after a newer sign-in's callback leaves the newer code alone. */
    @Test
    void anOlderPageDoesNotRemoveANewerCode() {
        callback(connect("/calls"), "code-1");
        session.nextRequest();
        Reservation older = login.takeHandoff(session, () -> ada);
        assertThat(older).isNotNull();
        assertThat(login.hasWaitingHandoff(session)).as("taken, in this request").isFalse();
        callback(connect("/contacts"), "code-2");
        older.rendered();
        session.nextRequest();
        Reservation newer = login.takeHandoff(session, () -> ada);
        assertThat(newer).isNotNull();
        assertThat(newer.handoff().authorizationCode()).isEqualTo("code-2");
    }

    /**
     * A page that rendered the code but was discarded before anything was sent (a reset, a forward, an error page)
     * gives it back for the next page; once any of it was sent, the code stays used.
     */
    @Test
    void aCodeRenderedIntoADiscardedPageComesBackOnlyIfNothingWasSent() {
        callback(connect("/calls"), "code-1");
        session.nextRequest();
        Reservation discarded = login.takeHandoff(session, () -> ada);
        discarded.rendered();
        discarded.giveBack(false);
        session.nextRequest();
        Reservation sent = login.takeHandoff(session, () -> ada);
        assertThat(sent).as("back for the next page").isNotNull();
        assertThat(sent.handoff().authorizationCode()).isEqualTo("code-1");
        sent.rendered();
        sent.giveBack(true);
        session.nextRequest();
        assertThat(login.takeHandoff(session, () -> ada)).isNull();
    }

    /** Signing out forgets every tenant's waiting code, whichever tenant's endpoints are told. */
    @Test
    void signingOutForgetsEveryTenantsCode() {
        Embeddable beta = Embeddable.of(EmbeddableConfig.builder().clientId("beta-app")
                .redirectUri("https://beta.crm.example/ringcentral/redirect").build());
        LoginEndpoints tenant = login.forWidget(beta);
        assertThat(tenant).isNotNull();
        String ownState = connect("/calls");
        session.nextRequest();
        String tenantState = States.of((Redirect) tenant.connect("", ada, "/beta", () -> session));
        session.nextRequest();
        assertThat(tenant.callback("", session, new Callback(tenantState, "beta-code", null, null), ada))
                .isEqualTo(new Redirect(303, "/beta"));
        callback(ownState, "code-1");
        assertThat(tenant.hasWaitingHandoff(session)).isTrue();
        assertThat(login.hasWaitingHandoff(session)).isTrue();

        session.nextRequest();
        tenant.signedOut(session);

        assertThat(tenant.hasWaitingHandoff(session)).isFalse();
        assertThat(login.hasWaitingHandoff(session)).isFalse();
        assertThat(session.stored).isEmpty();
    }
}
