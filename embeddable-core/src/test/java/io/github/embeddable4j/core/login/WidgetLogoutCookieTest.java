package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidgetLogoutCookieTest {

    /** Secure only when asked (the page came over HTTPS): browsers refuse a Secure cookie set over plain HTTP. */
    @Test
    void theHeaderIsSecureOnlyWhenAsked() {
        assertThat(WidgetLogoutCookie.setCookieHeader())
                .isEqualTo("E4J_WIDGET_LOGOUT=1; Path=/; Max-Age=86400; SameSite=Lax")
                .isEqualTo(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(WidgetLogoutCookie.setCookieHeader(true))
                .isEqualTo("E4J_WIDGET_LOGOUT=1; Path=/; Max-Age=86400; SameSite=Lax; Secure");
    }

    /**
     * The page's script clears the mark once the widget acted on it (a page written with it was left before the
     * widget loaded, and the logout was lost): a script cannot clear an HttpOnly cookie.
     */
    @Test
    void theMarkIsNotHttpOnlyAndThePagesScriptClearsThatCookie() {
        String glue = new String(io.github.embeddable4j.core.ClientGlue.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(glue).contains("'" + WidgetLogoutCookie.NAME + "=; Path=" + WidgetLogoutCookie.PATH + "; Max-Age=0; SameSite=Lax'");
        assertThat(HttpCookie.parse("Set-Cookie: " + WidgetLogoutCookie.setCookieHeader(true)))
                .singleElement().satisfies(c -> assertThat(c.isHttpOnly()).isFalse());
    }

    /**
     * A page carrying a new login clears the mark with the same name and path (else the browser keeps the cookie and
     * logs the next page's widget out too), expired at once, Secure as the page was; java.net's parser reads it so.
     */
    @Test
    void theClearingHeaderExpiresTheSameCookie() {
        for (boolean secure : new boolean[] {false, true}) {
            String header = WidgetLogoutCookie.clearCookieHeader(secure);
            List<HttpCookie> parsed = HttpCookie.parse("Set-Cookie: " + header);
            assertThat(parsed).singleElement().satisfies(c -> {
                assertThat(c.getName()).isEqualTo(WidgetLogoutCookie.NAME);
                assertThat(c.getValue()).isEmpty();
                assertThat(c.getPath()).isEqualTo(WidgetLogoutCookie.PATH);
                assertThat(c.getMaxAge()).isZero();
                assertThat(c.isHttpOnly()).isFalse();
                assertThat(c.getSecure()).isEqualTo(secure);
            });
            assertThat(header).contains("; SameSite=Lax");
        }
    }
}
