package io.github.embeddable4j.examples.servlet;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids of the SMS updates the server's listener hears ({@code "sms-..."}, as the tests make them), in order. */
final class SmsIds {

    private static final Pattern ID = Pattern.compile("\"id\":\"(sms-[a-z0-9-]+)\"");

    private SmsIds() {
    }

    /** A listener of {@code rc-message-updated-notify} that adds each message's id (else its JSON) to {@code delivered}. */
    static WidgetEventListener listener(List<String> delivered) {
        return new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
                Matcher m = ID.matcher(event.event().json());
                delivered.add(m.find() ? m.group(1) : event.event().json());
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("rc-message-updated-notify");
            }
        };
    }
}
