package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WidgetLogoutCookieTest {

    /** Secure only when asked (the page came over HTTPS): browsers refuse a Secure cookie set over plain HTTP. */
    @Test
    void theHeaderIsSecureOnlyWhenAsked() {
        assertThat(WidgetLogoutCookie.setCookieHeader())
                .isEqualTo("E4J_WIDGET_LOGOUT=1; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax")
                .isEqualTo(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(WidgetLogoutCookie.setCookieHeader(true))
                .isEqualTo("E4J_WIDGET_LOGOUT=1; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax; Secure");
    }
}
