package io.github.embeddable4j.core.graduation;

import static io.github.embeddable4j.core.graduation.GraduationCriterion.OUTBOUND_BROWSER_CALLS;
import static io.github.embeddable4j.core.graduation.WidgetJson.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Several tenants, one dispatcher: each event carries its page's widget, and the tracker counts for one client ID and
 * server only, so another tenant's app (its own client ID) adds nothing to the application's own app's graduation (a
 * review found it did).
 */
class GraduationTrackerTenantsTest {

    private static final EmbeddableConfig OWN = EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.SANDBOX).build();
    private static final Embeddable DEFAULTS = Embeddable.of(OWN);
    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acmeProdApp9")
            .appServer(AppServer.PRODUCTION).build());

    private final MemoryGraduationStore store = new MemoryGraduationStore();
    private final GraduationTracker tracker = new GraduationTracker(OWN, store);

    private void send(String json, Embeddable widget) {
        tracker.onWidgetEvent(new ReceivedWidgetEvent(WidgetEvents.parse(json), "session-a", null, Instant.now(),
                ReceivedWidgetEvent.Channel.HTTP, null, widget));
    }

    @Test
    void anotherTenantsCallsDoNotCountForTheApplicationsOwnApp() {
        send(call("rc-call-start-notify", "own1", "Outbound"), DEFAULTS);
        assertThat(tracker.progress().item(OUTBOUND_BROWSER_CALLS).count()).isEqualTo(1);

        for (int i = 0; i < 5; i++) { // acme's production app's calls
            send(call("rc-call-start-notify", "acme" + i, "Outbound"), ACME);
        }

        assertThat(tracker.progress().item(OUTBOUND_BROWSER_CALLS).count())
                .as("sandboxApp1's graduation counts acmeProdApp9's calls").isEqualTo(1);
    }
}
