package io.github.embeddable4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each command is the message of reference §4.2. */
class WidgetCommandTest {

    @Test
    void commands() {
        assertThat(WidgetCommand.newCall("+16505550100", true).toJson())
                .isEqualTo("{\"type\":\"rc-adapter-new-call\",\"phoneNumber\":\"+16505550100\",\"toCall\":true}");
        assertThat(WidgetCommand.newSms("+16505550100", "Hi \"there\" </script>").toJson())
                .isEqualTo("{\"type\":\"rc-adapter-new-sms\",\"phoneNumber\":\"+16505550100\",\"text\":\"Hi \\\"there\\\" </script>\"}");
        assertThat(WidgetCommand.logout().toJson()).isEqualTo("{\"type\":\"rc-adapter-logout\"}");
        assertThat(WidgetCommand.navigateTo("/messages").toJson()).isEqualTo("{\"type\":\"rc-adapter-navigate-to\",\"path\":\"/messages\"}");
        assertThat(WidgetCommand.setMinimized(true).toJson()).isEqualTo("{\"type\":\"rc-adapter-syncMinimized\",\"minimized\":true}");
        assertThat(WidgetCommand.controlCall(CallAction.HANGUP, "s1").toJson())
                .isEqualTo("{\"type\":\"rc-adapter-control-call\",\"callAction\":\"hangup\",\"callId\":\"s1\"}");
        assertThat(WidgetCommand.controlCall(CallAction.ANSWER, null).toJson())
                .isEqualTo("{\"type\":\"rc-adapter-control-call\",\"callAction\":\"answer\"}");
        assertThat(WidgetCommand.forward("s1", "+1").toJson())
                .isEqualTo("{\"type\":\"rc-adapter-control-call\",\"callAction\":\"forward\",\"callId\":\"s1\",\"options\":{\"forwardNumber\":\"+1\"}}");
        assertThat(WidgetCommand.dtmf(null, "12#").toJson())
                .isEqualTo("{\"type\":\"rc-adapter-control-call\",\"callAction\":\"dtmf\",\"options\":{\"dtmf\":\"12#\"}}");
        assertThat(WidgetCommand.setPresence(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_ANY_CALLS).toJson())
                .isEqualTo("{\"type\":\"rc-adapter-set-presence\",\"userStatus\":\"Busy\",\"dndStatus\":\"DoNotAcceptAnyCalls\"}");
    }

    @Test
    void badArgumentsSayWhatToWrite() {
        assertThatThrownBy(() -> WidgetCommand.newCall(" ", false)).hasMessageContaining("phone number");
        assertThatThrownBy(() -> WidgetCommand.navigateTo("javascript:alert(1)")).hasMessageContaining("/dialer");
        assertThatThrownBy(() -> WidgetCommand.controlCall(CallAction.FORWARD, "s")).hasMessageContaining("WidgetCommand.forward");
        assertThatThrownBy(() -> WidgetCommand.dtmf("s", "1; drop")).hasMessageContaining("DTMF");
        assertThatThrownBy(() -> WidgetCommand.setPresence(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Two commands with the same message are equal, so a test can compare a component's queue with the command it
     * expects (a Vaadin trial's {@code containsExactly} failed on two identical JSON texts); a command read back from a
     * session store equals the one written.
     */
    @Test
    void commandsWithTheSameMessageAreEqual() throws Exception {
        WidgetCommand call = WidgetCommand.newCall("+16505550100", true);
        assertThat(call).isEqualTo(WidgetCommand.newCall("+16505550100", true))
                .hasSameHashCodeAs(WidgetCommand.newCall("+16505550100", true))
                .isNotEqualTo(WidgetCommand.newCall("+16505550100", false))
                .isNotEqualTo(WidgetCommand.newCall("+16505550101", true))
                .isNotEqualTo(WidgetCommand.newSms("+16505550100", null))
                .isNotEqualTo(call.toJson());
        assertThat(WidgetCommand.controlCall(CallAction.HANGUP, "s1")).isNotEqualTo(WidgetCommand.controlCall(CallAction.HANGUP, "s2"))
                .isNotEqualTo(WidgetCommand.controlCall(CallAction.HANGUP, null));
        assertThat(WidgetCommand.logout()).isEqualTo(WidgetCommand.logout());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(call);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            Object read = in.readObject();
            assertThat(read).isNotSameAs(call).isEqualTo(call).hasSameHashCodeAs(call);
        }
    }
}
