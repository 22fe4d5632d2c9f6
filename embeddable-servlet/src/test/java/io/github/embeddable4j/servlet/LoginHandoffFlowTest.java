package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.PendingLogin;
import io.github.embeddable4j.core.login.PkcePair;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session side of the flow: one use per handoff and per state, given back when a page does not carry it. */
class LoginHandoffFlowTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final String ALICE = ExternalAuthIds.withKey(LoginTestApp.KEY).forAppUser("alice");

    private final Map<String, Object> attributes = new HashMap<>();
    private String user = "alice";
    private final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getSession" -> session;
                case "getRemoteUser" -> user;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static LoginHandoffFlow flow(Duration handoffTimeout) {
        return LoginHandoffFlow.builder(EMBEDDABLE).serverKey(LoginTestApp.KEY).handoffTimeout(handoffTimeout).build();
    }

    private static LoginHandoff handoff(String externalAuthId) {
        return LoginHandoff.of("code-" + System.nanoTime(), PkcePair.generate().verifier(), EMBEDDABLE.redirectUri(), externalAuthId);
    }

    @Test
    void aHandoffIsTakenByOnePageAndGoneOnceInjected() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        LoginHandoff handoff = handoff(ALICE);
        flow.store(session, handoff);
        assertThat(flow.hasWaitingHandoff(request)).isTrue();
        LoginHandoffFlow.Reservation first = flow.takeHandoff(request);
        assertThat(first.handoff()).isSameAs(handoff);
        assertThat(flow.takeHandoff(request)).as("a second page written meanwhile").isNull();
        first.rendered();
        assertThat(attributes).doesNotContainKey(LoginHandoffFlow.HANDOFF_ATTRIBUTE);
        first.giveBack(true); // the page was sent: it stays used
        assertThat(flow.takeHandoff(request)).isNull();
    }

    @Test
    void aPageThatDidNotCarryItGivesItBack() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        LoginHandoff handoff = handoff(ALICE);
        flow.store(session, handoff);
        flow.takeHandoff(request).giveBack(false);
        LoginHandoffFlow.Reservation discarded = flow.takeHandoff(request);
        discarded.rendered();
        discarded.giveBack(false); // injected, then the output was reset before anything was sent
        assertThat(flow.takeHandoff(request).handoff()).isSameAs(handoff);
    }

    @Test
    void aNewerHandoffIsNotOverwrittenByAGivenBackOne() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        flow.store(session, handoff(ALICE));
        LoginHandoffFlow.Reservation old = flow.takeHandoff(request);
        old.rendered();
        LoginHandoff newer = handoff(ALICE);
        flow.store(session, newer);
        old.giveBack(false);
        assertThat(flow.takeHandoff(request).handoff()).isSameAs(newer);
    }

    @Test
    void aStaleHandoffIsDropped() throws InterruptedException {
        LoginHandoffFlow flow = flow(Duration.ofMillis(1));
        flow.store(session, handoff(ALICE));
        Thread.sleep(20);
        assertThat(flow.takeHandoff(request)).isNull();
        assertThat(attributes).doesNotContainKey(LoginHandoffFlow.HANDOFF_ATTRIBUTE);
    }

    @Test
    void withNobodySignedInItWaitsAndForAnotherUserItIsDropped() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        flow.store(session, handoff(ALICE));
        user = null;
        assertThat(flow.takeHandoff(request)).isNull();
        assertThat(flow.hasWaitingHandoff(request)).isTrue();
        user = "bob";
        assertThat(flow.takeHandoff(request)).isNull();
        assertThat(flow.hasWaitingHandoff(request)).isFalse();
        user = "alice";
        assertThat(flow.takeHandoff(request)).isNull();
    }

    @Test
    void aStateAnswersOnceAndForgetClearsEverything() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        PendingLogin a = flow.begin(session, ALICE, "/a");
        PendingLogin b = flow.begin(session, ALICE, "/b");
        assertThat(flow.takePending(session, "e4j.unknown")).isNull();
        assertThat(flow.takePending(session, a.state())).isSameAs(a);
        assertThat(flow.takePending(session, a.state())).isNull();
        flow.store(session, handoff(ALICE));
        flow.forget(session);
        assertThat(flow.takePending(session, b.state())).isNull();
        assertThat(attributes).isEmpty();
    }

    @Test
    void onlyTheLatestFewSignInsStayOpen() {
        LoginHandoffFlow flow = flow(Duration.ofMinutes(1));
        PendingLogin first = flow.begin(session, ALICE, "/");
        for (int i = 0; i < PendingLogins.MAX_OPEN; i++) {
            flow.begin(session, ALICE, "/");
        }
        assertThat(flow.takePending(session, first.state())).isNull();
    }
}
