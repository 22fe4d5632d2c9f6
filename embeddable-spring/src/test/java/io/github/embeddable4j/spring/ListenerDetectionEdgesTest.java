package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kotlin.Metadata;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Widget events reach the Spring listeners the starter could miss or stop (found by a review, each failing before its
 * fix): an {@code @EventListener} after one failing with an Error, an {@code ApplicationListener} bean written as a
 * lambda, and a listener bean declared by its interface while the dispatcher is made at start-up.
 */
class ListenerDetectionEdgesTest {

    static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    private static ReceivedWidgetEvent ring() {
        return new ReceivedWidgetEvent(WidgetEvents.parse(RING), null, () -> "alice", Instant.now(),
                ReceivedWidgetEvent.Channel.HTTP);
    }

    private static void await(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + 3_000_000_000L;
        while (list.size() < size && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    /** What kotlinc makes of a suspend listener; without kotlinx-coroutines-reactor Spring fails it with an Error. */
    @Metadata
    static class SuspendJournal {
        @EventListener
        @Order(1)
        public Object onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event, Continuation<? super Unit> continuation) {
            return Unit.INSTANCE;
        }
    }

    static class PlainJournal {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @EventListener
        @Order(2)
        public void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event.getEvent().type());
        }
    }

    /**
     * The starter promises that one failing @EventListener method does not stop those after it, and warns that a
     * suspend listener without coroutines-reactor fails on every event: that failure is an Error, which
     * WidgetEventMethodListener does not catch, so every listener after it loses every widget event.
     */
    @Test
    void aSuspendListenerFailingWithAnErrorDoesNotStopTheListenersAfterIt() {
        web.withBean(SuspendJournal.class).withBean(PlainJournal.class).run(context -> {
            assertThat(context).hasNotFailed();
            WidgetEventDispatcher dispatcher = context.getBean(WidgetEventDispatcher.class);
            PlainJournal plain = context.getBean(PlainJournal.class);
            assertThat(dispatcher.dispatch(ring())).isTrue();
            await(plain.calls, 1);
            long end = System.nanoTime() + 3_000_000_000L;
            while (dispatcher.stats().failed() == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatcher.stats().failed()).as("the suspend listener failed").isEqualTo(1);
            assertThat(plain.calls).as("the plain listener ordered after the failing suspend one got the event")
                    .containsExactly("rc-call-ring-notify");
        });
    }

    /** A bean declared by its interface, as Spring code often does. */
    interface Journal {
        List<String> calls();
    }

    static class CallJournal implements Journal {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @EventListener
        public void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event.getEvent().type());
        }

        @Override
        public List<String> calls() {
            return calls;
        }
    }

    /** An application bean that needs the dispatcher at start-up (the documented, supported case). */
    @Configuration(proxyBeanMethods = false)
    static class NeedsTheDispatcherAtStartUp {
        final WidgetEventDispatcher dispatcher;

        NeedsTheDispatcherAtStartUp(WidgetEventDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JournalConfiguration {
        @Bean
        Journal journal() {
            return new CallJournal();
        }
    }

    /**
     * When the dispatcher is made before Spring's listener search, the starter decides from bean *types* whether to
     * publish to Spring at all: a bean whose factory method declares an interface hides its @EventListener method, and
     * the decision is never revisited, so that listener never gets a widget event (Spring itself does find it).
     */
    @Test
    void aListenerBeanDeclaredByItsInterfaceGetsEventsWhenTheDispatcherIsMadeEarly() {
        web.withUserConfiguration(NeedsTheDispatcherAtStartUp.class, JournalConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            Journal journal = context.getBean(Journal.class);
            WidgetEventDispatcher dispatcher = context.getBean(WidgetEventDispatcher.class);
            // Spring registered the method as a listener: an event published directly reaches it
            context.publishEvent(new WidgetApplicationEvent<>(ring()));
            assertThat(journal.calls()).as("Spring's own publication reaches it").hasSize(1);
            journal.calls().clear();
            dispatcher.dispatch(ring());
            await(journal.calls(), 1);
            assertThat(journal.calls()).as("a widget event handed to the dispatcher reaches the @EventListener method; "
                    + "dispatcher.hasListeners()=" + dispatcher.hasListeners()).containsExactly("rc-call-ring-notify");
        });
    }

    static final List<String> LAMBDA_ROUTES = new CopyOnWriteArrayList<>();

    /** An ApplicationListener bean written as a lambda, its event type in the @Bean method's generic return type. */
    @Configuration(proxyBeanMethods = false)
    static class LambdaListenerConfiguration {
        @Bean
        org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<WidgetApplicationEvent<?>>> routes() {
            return event -> LAMBDA_ROUTES.add(event.getPayload().getEvent().type());
        }
    }

    /**
     * The docs name "an ApplicationListener<PayloadApplicationEvent<WidgetApplicationEvent<...>>> bean" as a listener;
     * hasListenerBeans reads its generics from the bean's class, so one written as a lambda (its generics only in the
     * factory method's return type, which Spring itself matches on) is not seen, no publisher is added, and it never
     * gets a widget event.
     */
    @Test
    void anApplicationListenerBeanWrittenAsALambdaGetsWidgetEvents() {
        LAMBDA_ROUTES.clear();
        web.withUserConfiguration(LambdaListenerConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            context.publishEvent(new WidgetApplicationEvent<>(ring()));
            assertThat(LAMBDA_ROUTES).as("Spring's own publication reaches it").hasSize(1);
            LAMBDA_ROUTES.clear();
            WidgetEventDispatcher dispatcher = context.getBean(WidgetEventDispatcher.class);
            dispatcher.dispatch(ring());
            await(LAMBDA_ROUTES, 1);
            assertThat(LAMBDA_ROUTES).as("a widget event handed to the dispatcher reaches the ApplicationListener bean; "
                    + "dispatcher.hasListeners()=" + dispatcher.hasListeners()).containsExactly("rc-call-ring-notify");
        });
    }
}
