package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectPageWarningsTest {

    /**
     * A tenant on RingCentral's demo app (no client ID): no redirect URI can be registered on that app, so the advice is
     * an app of one's own first (a plain-Vaadin trial was told to register this page's URL "on the app"), and the
     * warning names what serves the page.
     */
    @Test
    void aWidgetOnTheDemoAppIsToldToGetAnAppOfItsOwnFirst() {
        Embeddable demo = Embeddable.of(EmbeddableConfig.builder().prefix("umbrella").build());
        assertThat(RedirectPage.mismatchWarnings(demo, "LoginHandoffServlet", "", List.of("/ringcentral/redirect")))
                .singleElement().asString()
                .startsWith("LoginHandoffServlet: the widget runs on RingCentral's demo app (no clientId)")
                .contains("this page is never used", "give the widget a client ID of your own app", "[/ringcentral/redirect]")
                .doesNotContain("no redirectUri is configured");
    }

    @Test
    void aWidgetWithItsOwnAppButNoRedirectUriIsToldToSetOne() {
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(RedirectPage.mismatchWarnings(own, "RedirectPageServlet", "", List.of("/ringcentral/redirect")))
                .singleElement().asString().startsWith("RedirectPageServlet: no redirectUri is configured")
                .contains("Set redirectUri to this page's URL");
    }
}
