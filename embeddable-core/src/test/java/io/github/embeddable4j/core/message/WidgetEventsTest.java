package io.github.embeddable4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Payloads shaped as the reference (§4.4-4.5) describes them. */
class WidgetEventsTest {

    @Test
    void loginStatus() {
        String json = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"loginNumber\":\"+16505550100*101\",\"admin\":false,"
                + "\"features\":{\"sms\":true}}";
        assertThat(WidgetEvents.parse(json)).isEqualTo(new WidgetEvent.LoginStatus("rc-login-status-notify", json, true,
                "+16505550100*101", false, null, java.util.Map.of("sms", true)));
        String fresh = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}";
        assertThat(((WidgetEvent.LoginStatus) WidgetEvents.parse(fresh)).freshLogin()).isTrue();
    }

    @Test
    void webPhoneCallEvents() {
        String json = "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"s1\",\"direction\":\"Inbound\",\"from\":\"+16505550101\","
                + "\"to\":\"+16505550100\",\"fromUserName\":\"Ada\",\"callStatus\":\"webphone-session-finished\","
                + "\"partyData\":{\"partyId\":\"p1\",\"sessionId\":\"t1\"},\"startTime\":1700000000000,\"endTime\":1700000060000}}";
        WidgetEvent.CallEvent event = (WidgetEvent.CallEvent) WidgetEvents.parse(json);
        assertThat(event.phase()).isEqualTo(CallPhase.END);
        assertThat(event.call()).isEqualTo(new WidgetCall("s1", "Inbound", "+16505550101", "+16505550100", "Ada", null,
                "webphone-session-finished", "t1", 1700000000000L, 1700000060000L, null, null, null));
        assertThat(event.call().inbound()).isTrue();
        for (CallPhase phase : CallPhase.values()) {
            assertThat(((WidgetEvent.CallEvent) WidgetEvents.parse("{\"type\":\"" + phase.type() + "\",\"call\":{}}")).phase())
                    .isEqualTo(phase);
        }
    }

    /**
     * A forged message's fields of another type than the widget's: what docs/security.md says of them (red-team trials
     * posted such events): an object read as empty, a value where text is expected read as its text, the rest absent;
     * the JSON passed on as sent.
     */
    @Test
    void fieldsOfAnotherTypeThanTheWidgetsReadAsEmptyOrAsText() {
        String json = "{\"type\":\"rc-call-ring-notify\",\"call\":\"x\",\"extra\":1}";
        WidgetEvent.CallEvent event = (WidgetEvent.CallEvent) WidgetEvents.parse(json);
        assertThat(event.call()).isEqualTo(new WidgetCall(null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(event.json()).isEqualTo(json);
        WidgetEvent.CallEvent typed = (WidgetEvent.CallEvent) WidgetEvents.parse(
                "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":{\"a\":1},\"direction\":7,\"from\":true,\"startTime\":\"soon\"}}");
        assertThat(typed.call()).isEqualTo(new WidgetCall(null, "7", "true", null, null, null, null, null, null, null, null, null, null));
    }

    /**
     * What the widget's own payloads carry beyond the first fields (an audit of its source): the mute event fires on
     * mute and unmute alike, told apart only by the session's {@code isOnMute}; {@code rc-login-status-notify} says
     * which features the account has; a message's {@code messageStatus} tells a sent SMS from a failed one.
     */
    @Test
    void muteStateFeaturesAndMessageStatus() {
        WidgetEvent.CallEvent unmuted = (WidgetEvent.CallEvent) WidgetEvents.parse("{\"type\":\"rc-call-mute-notify\","
                + "\"call\":{\"id\":\"s1\",\"isOnMute\":false,\"isOnHold\":true,\"recordStatus\":\"recording\"}}");
        assertThat(unmuted.phase()).isEqualTo(CallPhase.MUTE);
        assertThat(unmuted.call().onMute()).isFalse();
        assertThat(unmuted.call().onHold()).isTrue();
        assertThat(unmuted.call().recordStatus()).isEqualTo("recording");
        WidgetEvent.LoginStatus login = (WidgetEvent.LoginStatus) WidgetEvents.parse("{\"type\":\"rc-login-status-notify\","
                + "\"loggedIn\":true,\"features\":{\"sms\":false,\"call\":true,\"meeting\":\"yes\"}}");
        assertThat(login.features()).containsExactly(java.util.Map.entry("sms", false), java.util.Map.entry("call", true));
        assertThat(login.hasFeature("call")).isTrue();
        assertThat(login.hasFeature("sms")).isFalse();
        assertThat(login.hasFeature("meeting")).isFalse(); // not a boolean: not said
        WidgetEvent.LoginStatus loggedOut = (WidgetEvent.LoginStatus) WidgetEvents.parse(
                "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false,\"features\":null}");
        assertThat(loggedOut.features()).isEmpty();
        WidgetEvent.MessageEvent failed = (WidgetEvent.MessageEvent) WidgetEvents.parse("{\"type\":\"rc-message-updated-notify\","
                + "\"message\":{\"id\":\"m2\",\"type\":\"SMS\",\"direction\":\"Outbound\",\"messageStatus\":\"SendingFailed\"}}");
        assertThat(failed.message().messageStatus()).isEqualTo("SendingFailed");
    }

    @Test
    void ringOutAndActiveCalls() {
        String json = "{\"type\":\"rc-ringout-call-notify\",\"call\":{\"sessionId\":\"s\",\"telephonySessionId\":\"t\","
                + "\"direction\":\"Outbound\",\"from\":{\"phoneNumber\":\"+1\"},\"to\":{\"phoneNumber\":\"+2\"},"
                + "\"telephonyStatus\":\"CallConnected\",\"startTime\":\"2026-11-27T10:00:00Z\"}}";
        WidgetEvent.RingOutCall event = (WidgetEvent.RingOutCall) WidgetEvents.parse(json);
        assertThat(event.call()).isEqualTo(new ActiveCall("s", "t", "Outbound", "+1", "+2", null, null, "CallConnected", null));
        assertThat(WidgetEvents.parse(json.replace("rc-ringout-call-notify", "rc-active-call-notify")))
                .isInstanceOf(WidgetEvent.ActiveCallNotify.class);
    }

    @Test
    void messages() {
        String json = "{\"type\":\"rc-inbound-message-notify\",\"message\":{\"id\":\"m1\",\"conversationId\":\"c1\",\"type\":\"SMS\","
                + "\"direction\":\"Inbound\",\"from\":{\"phoneNumber\":\"+16505550101\"},\"to\":[{\"phoneNumber\":\"+16505550100\"}],"
                + "\"subject\":\"Call me\",\"readStatus\":\"Unread\",\"creationTime\":\"2026-11-27T10:00:00.000Z\"}}";
        WidgetEvent.MessageEvent event = (WidgetEvent.MessageEvent) WidgetEvents.parse(json);
        assertThat(event.inbound()).isTrue();
        assertThat(event.message()).isEqualTo(new WidgetMessage("m1", "c1", "SMS", "Inbound", "+16505550101",
                java.util.List.of("+16505550100"), "Call me", "Unread", "2026-11-27T10:00:00.000Z", null));
        assertThat(((WidgetEvent.MessageEvent) WidgetEvents.parse(json.replace("rc-inbound-message-notify",
                "rc-message-updated-notify"))).inbound()).isFalse();
    }

    @Test
    void presenceRouteDialerAndAnythingElse() {
        assertThat(WidgetEvents.parse("{\"type\":\"rc-adapter-syncPresence\",\"telephonyStatus\":\"NoCall\",\"userStatus\":\"Busy\","
                + "\"dndStatus\":\"TakeAllCalls\",\"presenceOption\":\"busy\"}")).isInstanceOfSatisfying(WidgetEvent.Presence.class,
                        p -> assertThat(p.userStatus()).isEqualTo("Busy"));
        assertThat(WidgetEvents.parse("{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}"))
                .isInstanceOfSatisfying(WidgetEvent.RouteChanged.class, r -> assertThat(r.path()).isEqualTo("/dialer"));
        assertThat(WidgetEvents.parse("{\"type\":\"rc-dialer-status-notify\",\"ready\":true}"))
                .isInstanceOfSatisfying(WidgetEvent.DialerStatus.class, d -> assertThat(d.ready()).isTrue());
        String other = "{\"type\":\"rc-brand-assets-notify\",\"logoUri\":\"https://x\"}";
        assertThat(WidgetEvents.parse(other)).isEqualTo(new WidgetEvent.Other("rc-brand-assets-notify", other));
    }

    @Test
    void missingFieldsAreNullNotErrors() {
        assertThat(WidgetEvents.parse("{\"type\":\"rc-call-ring-notify\"}")).isInstanceOfSatisfying(WidgetEvent.CallEvent.class,
                e -> assertThat(e.call().from()).isNull());
        assertThat(WidgetEvents.parse("{\"type\":\"rc-login-status-notify\"}")).isInstanceOfSatisfying(WidgetEvent.LoginStatus.class,
                e -> assertThat(e.loggedIn()).isFalse());
    }

    @Test
    void aRecipientWithoutANumberIsLeftOutNotAnError() {
        // a recipient object with neither phoneNumber nor extensionNumber (a name only) used to put null into the list,
        // which List.copyOf refused with a NullPointerException: the whole message was lost
        String json = "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"m1\",\"type\":\"SMS\","
                + "\"from\":{\"name\":\"Ada\"},\"to\":[{\"name\":\"Bob\"},{\"phoneNumber\":\"+16505550102\"}]}}";
        WidgetMessage message = ((WidgetEvent.MessageEvent) WidgetEvents.parse(json)).message();
        assertThat(message.to()).containsExactly("+16505550102");
        assertThat(message.from()).isNull();
        String single = "{\"type\":\"rc-inbound-message-notify\",\"message\":{\"id\":\"m2\",\"to\":{\"name\":\"Bob\"}}}";
        assertThat(((WidgetEvent.MessageEvent) WidgetEvents.parse(single)).message().to()).isEmpty();
    }

    @Test
    void whatIsNotAMessageIsRefused() {
        for (String bad : new String[] {"", "[]", "{\"type\":1}", "{\"no\":\"type\"}", "{\"type\":", "\"rc-x\""}) {
            assertThatThrownBy(() -> WidgetEvents.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
