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

    /**
     * The demo app with a redirect URI of this application's (a trial without Spring): the widget is given that URI,
     * which the demo app does not list; the warning said the hosting's stock page was used, naming this one as it.
     */
    @Test
    void aWidgetOnTheDemoAppWithItsOwnRedirectUriIsToldTheDemoAppDoesNotListIt() {
        String own = "http://localhost:8080/ringcentral/redirect";
        Embeddable demo = Embeddable.of(EmbeddableConfig.builder().redirectUri(own).build());
        assertThat(demo.adapterUrl()).contains("redirectUri=" + java.net.URLEncoder.encode(own, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(RedirectPage.mismatchWarnings(demo, "RedirectPageServlet", "", List.of("/ringcentral/redirect")))
                .singleElement().asString()
                .startsWith("RedirectPageServlet: the widget runs on RingCentral's demo app (no clientId), which does not"
                        + " list the configured redirectUri " + own + " among its redirect URIs")
                .contains("give the widget a client ID of your own app").doesNotContain("stock page", "never used");
    }

    @Test
    void aWidgetWithItsOwnAppButNoRedirectUriIsToldToSetOne() {
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(RedirectPage.mismatchWarnings(own, "RedirectPageServlet", "", List.of("/ringcentral/redirect")))
                .singleElement().asString().startsWith("RedirectPageServlet: no redirectUri is configured")
                .contains("Set redirectUri to this page's URL");
    }
}
