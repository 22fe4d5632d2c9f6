package io.github.embeddable4j.core.undeploy;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What an application does with embeddable4j's services before it is undeployed, run inside a
 * {@link StoppedClassLoader}: each method returns a service for the test to close once the loader has stopped. Kept to
 * the services' own API, so that it resolves no more classes than an application would.
 */
public final class InsideTheApplication {

    private InsideTheApplication() {
    }

    /** A dispatcher made at start-up that never received an event (a Payara trial's redeploy). */
    public static AutoCloseable unusedDispatcher() {
        return WidgetEventDispatcher.builder().listener(event -> { }).build();
    }

    /** A dispatcher whose listener ran once, so its threads exist. */
    public static AutoCloseable dispatcherAfterAnEvent() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(event -> delivered.countDown()).build();
        dispatcher.dispatch(new ReceivedWidgetEvent(WidgetEvents.parse("{\"type\":\"rc-call-ring-notify\",\"call\":{}}"),
                "session", null, Instant.now(), ReceivedWidgetEvent.Channel.HTTP));
        if (!delivered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the event was not delivered");
        }
        return dispatcher;
    }

    /** A third-party service made at start-up that never answered a call-out. */
    public static AutoCloseable unusedService() {
        return ThirdPartyService.builder("Undeployed").contacts(new NoContacts()).build();
    }

    /** A third-party service that answered one call-out, so its threads exist. */
    public static AutoCloseable serviceAfterACallout() throws Exception {
        ThirdPartyService service = ThirdPartyService.builder("Undeployed").contacts(new NoContacts()).build();
        ServiceAnswer answer = service.answer("/contacts/search", "{\"searchString\":\"ada\"}", Caller.anonymous())
                .get(10, TimeUnit.SECONDS);
        if (!answer.ok()) {
            throw new IllegalStateException("the call-out failed: " + answer.responseJson());
        }
        return service;
    }

    private static final class NoContacts implements ContactProvider {
        @Override
        public List<Contact> search(ContactSearchRequest request, Caller caller) {
            return List.of();
        }

        @Override
        public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
            return Map.of();
        }
    }
}
