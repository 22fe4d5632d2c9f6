package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppServerTest {

    @Test
    void namesAndKnownOriginsGiveTheConstants() {
        assertThat(AppServer.parse("production")).isSameAs(AppServer.PRODUCTION);
        assertThat(AppServer.parse("SANDBOX")).isSameAs(AppServer.SANDBOX);
        assertThat(AppServer.parse("ringcentral-biz")).isSameAs(AppServer.RINGCENTRAL_BIZ);
        assertThat(AppServer.parse("https://platform.devtest.ringcentral.com/")).isSameAs(AppServer.SANDBOX);
        assertThat(AppServer.parse("HTTPS://Platform.RingCentral.com:443")).isSameAs(AppServer.PRODUCTION);
    }

    @Test
    void customOriginIsNormalised() {
        AppServer proxy = AppServer.parse("https://Proxy.Example.com:8443/");
        assertThat(proxy.origin()).isEqualTo("https://proxy.example.com:8443");
        assertThat(proxy.isRingCentral()).isFalse();
        assertThat(AppServer.PRODUCTION.isRingCentral()).isTrue();
        assertThat(AppServer.RINGCENTRAL_BIZ.isRingCentral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://platform.ringcentral.com", "https://platform.ringcentral.com/restapi", "https://x.example.com/?a=1",
        "https://user:pw@x.example.com", "https://x.example.com/#f", "platform.ringcentral.com", "javascript:alert(1)",
        "https://javascript.example.com", "http://localhost:8080", ""})
    void refusesWhatIsNotAnHttpsOrigin(String value) {
        assertThatThrownBy(() -> AppServer.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("; ");
    }
}
