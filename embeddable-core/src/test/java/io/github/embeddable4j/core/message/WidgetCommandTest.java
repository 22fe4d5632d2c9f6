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
}
