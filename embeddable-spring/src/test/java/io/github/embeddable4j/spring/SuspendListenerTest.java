package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.message.WidgetEvent;
import kotlin.Metadata;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.EventListener;
import org.springframework.core.KotlinDetector;

/**
 * A Kotlin {@code suspend} listener of widget events, without kotlinx-coroutines-reactor, was never called: Spring
 * runs such listeners through Reactor, and every event failed with a {@code NoClassDefFoundError} that named neither
 * the method nor the fix (a Kotlin trial). The starter says both at start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class SuspendListenerTest {

    /** What kotlinc makes of {@code @EventListener suspend fun onCall(event: WidgetApplicationEvent<CallEvent>)}. */
    @Metadata
    static class SuspendJournal {
        @EventListener
        public Object onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event, Continuation<? super Unit> continuation) {
            return Unit.INSTANCE;
        }
    }

    /** A plain listener in a Kotlin class. */
    @Metadata
    static class PlainJournal {
        @EventListener
        public void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
        }
    }

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    @Test
    void aSuspendListenerWithoutCoroutinesReactorIsNamedWithTheFix(CapturedOutput output) throws Exception {
        assertThat(KotlinDetector.isSuspendingFunction(SuspendJournal.class.getMethod("onCall", WidgetApplicationEvent.class,
                Continuation.class))).as("Spring sees a suspend function").isTrue();
        web.withBean(SuspendJournal.class).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("the widget-event listener " + SuspendJournal.class.getName()
                + ".onCall(WidgetApplicationEvent, Continuation) is a Kotlin suspend function")
                .contains("org.jetbrains.kotlinx:kotlinx-coroutines-reactor");
    }

    /** Spring asks about a method once per bean of its class: two beans, one warning (found by a review). */
    @Test
    void aSuspendMethodIsNamedOnceWhateverTheNumberOfBeans(CapturedOutput output) {
        web.withBean("journalA", SuspendJournal.class).withBean("journalB", SuspendJournal.class)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut().split("is a Kotlin suspend function", -1)).as("one warning").hasSize(2);
    }

    @Test
    void aPlainListenerIsNotWarnedAbout(CapturedOutput output) {
        web.withBean(PlainJournal.class).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("suspend function");
    }
}
