package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.EventListener;

/**
 * An {@code @EventListener} of core's event types is never called (the starter publishes {@code WidgetApplicationEvent}s),
 * and a trial's were silent with nothing said: the starter names each at start-up, with the parameter to take.
 */
@ExtendWith(OutputCaptureExtension.class)
class CoreTypeListenerTest {

    static class CoreTypeJournal {
        @EventListener
        void onCall(WidgetEvent.CallEvent event) {
        }

        @EventListener
        void onAny(ReceivedWidgetEvent event) {
        }

        @EventListener(WidgetEvent.LoginStatus.class)
        void onLogin() {
        }
    }

    static class RightJournal {
        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
        }

        @EventListener
        void onSomethingElse(String text) {
        }
    }

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    @Test
    void aListenerOfACoreEventTypeIsNamedWithTheParameterToTake(CapturedOutput output) {
        web.withBean("a", CoreTypeJournal.class).withBean("b", CoreTypeJournal.class).run(context -> assertThat(context).hasNotFailed());
        String journal = CoreTypeJournal.class.getName();
        assertThat(output.getOut())
                .contains("the @EventListener " + journal + ".onCall(CallEvent) is never called with widget events")
                .contains("Take WidgetApplicationEvent<WidgetEvent.CallEvent> instead (getEvent() is the WidgetEvent.CallEvent)")
                .contains("the @EventListener " + journal + ".onAny(ReceivedWidgetEvent) is never called")
                .contains("Take WidgetApplicationEvent<WidgetEvent> instead (getReceived() is the ReceivedWidgetEvent)")
                .contains("the @EventListener " + journal + ".onLogin(LoginStatus) is never called")
                .contains("Take WidgetApplicationEvent<WidgetEvent.LoginStatus> instead");
        assertThat(output.getOut().split("is never called with widget events", -1)).as("once per method, two beans")
                .hasSize(4);
    }

    @Test
    void rightListenersAndOtherEventsAreNotWarnedAbout(CapturedOutput output) {
        web.withBean(RightJournal.class).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("is never called");
    }
}
