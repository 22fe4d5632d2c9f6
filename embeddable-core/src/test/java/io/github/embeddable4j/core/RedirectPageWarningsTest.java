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

    /** Used exactly where no "never used" or "cannot come back" warning is given: an app of one's own and a redirect URI. */
    @Test
    void thePageIsUsedOnlyWithAnAppOfOnesOwnAndARedirectUri() {
        String uri = "https://crm.example.com/ringcentral/redirect";
        assertThat(RedirectPage.isUsedBy(Embeddable.of(EmbeddableConfig.builder().build()))).isFalse();
        assertThat(RedirectPage.isUsedBy(Embeddable.of(EmbeddableConfig.builder().redirectUri(uri).build()))).isFalse();
        assertThat(RedirectPage.isUsedBy(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()))).isFalse();
        Embeddable used = Embeddable.of(EmbeddableConfig.builder().clientId("abc").redirectUri(uri).build());
        assertThat(RedirectPage.isUsedBy(used)).isTrue();
        assertThat(RedirectPage.mismatchWarnings(used, "RedirectPageServlet", "", List.of("/ringcentral/redirect"))).isEmpty();
    }

    /** The paths named are those a browser asks for, the context path included (an Open Liberty trial at /app). */
    @Test
    void thePathsNamedIncludeTheContextPath() {
        Embeddable demo = Embeddable.of(EmbeddableConfig.builder().build());
        assertThat(RedirectPage.mismatchWarnings(demo, "RedirectPageServlet", "/app", List.of("/ringcentral/redirect")))
                .singleElement().asString().contains("(served at [/app/ringcentral/redirect])");
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(RedirectPage.mismatchWarnings(own, "RedirectPageServlet", "/app", List.of("/ringcentral/redirect")))
                .singleElement().asString().contains("(served at [/app/ringcentral/redirect])");
    }

    @Test
    void aWidgetWithItsOwnAppButNoRedirectUriIsToldToSetOne() {
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(RedirectPage.mismatchWarnings(own, "RedirectPageServlet", "", List.of("/ringcentral/redirect")))
                .singleElement().asString().startsWith("RedirectPageServlet: no redirectUri is configured")
                .contains("Set redirectUri to this page's URL");
    }
    private static List<String> warnings(String redirectUri, String contextPath, String... paths) {
        Embeddable widget = Embeddable.of(EmbeddableConfig.builder().clientId("abc").redirectUri(redirectUri).build());
        return RedirectPage.mismatchWarnings(widget, "RedirectPageServlet", contextPath, List.of(paths));
    }

    /** The redirect URI's path is where the page is served: in the context, exactly or under a mapping's {@code /*}. */
    @Test
    void aRedirectUriThePageIsServedAtIsRight() {
        assertThat(warnings("https://crm.example/ringcentral/redirect", "", "/ringcentral/redirect")).isEmpty();
        assertThat(warnings("https://crm.example/crm/ringcentral/redirect", "/crm", "/ringcentral/redirect")).isEmpty();
        assertThat(warnings("https://crm.example/crm/ringcentral/redirect", "/crm", "/other", "/ringcentral/*")).isEmpty();
        assertThat(warnings("https://crm.example/ringcentral", "", "/ringcentral/*")).as("the mapping's own path").isEmpty();
        assertThat(warnings("https://crm.example/ringcentralx/redirect", "", "/ringcentral/*")).hasSize(1);
        assertThat(warnings("https://crm.example/ringcentral/redirect/", "", "/ringcentral/redirect")).hasSize(1);
    }

    /** A redirect URI whose path ends with the page's: right behind a proxy that strips the rest, and said so. */
    @Test
    void aRedirectUriUnderAPrefixMayBeAProxys() {
        assertThat(warnings("https://crm.example/app/ringcentral/redirect", "", "/ringcentral/*", "/ringcentral/redirect"))
                .singleElement().asString().isEqualTo("RedirectPageServlet: the configured redirectUri"
                        + " https://crm.example/app/ringcentral/redirect has the path /app/ringcentral/redirect, and this page"
                        + " is served at /ringcentral/redirect. That is right if a proxy publishes this application under /app"
                        + " and strips it; otherwise set redirectUri to this page's URL and register that URL on the"
                        + " RingCentral app.");
    }

    /** Elsewhere: the page's own URL on the redirect URI's host, and, when the path is in the context, serving it there. */
    @Test
    void aRedirectUriElsewhereIsToldThePagesUrl() {
        assertThat(warnings("https://crm.example/oauth/callback", "/crm", "/ringcentral/redirect"))
                .singleElement().asString().isEqualTo("RedirectPageServlet: the configured redirectUri"
                        + " https://crm.example/oauth/callback has the path /oauth/callback, but this page is served at"
                        + " [/crm/ringcentral/redirect] (context path '/crm'). Set redirectUri to this page's URL (such as"
                        + " https://crm.example/crm/ringcentral/redirect) and register that URL on the RingCentral app.");
        assertThat(warnings("https://acme.crm.example:8443/crm/oauth/callback", "/crm", "/ringcentral/redirect"))
                .singleElement().asString()
                .contains("(such as https://acme.crm.example:8443/crm/ringcentral/redirect)")
                .endsWith("register that URL on the RingCentral app, or serve the page at /oauth/callback.");
    }

    /**
     * A page built before its base path is known (a WebFlux filter: {@code spring.webflux.base-path} comes with the
     * requests): whatever comes before the page's path in the redirect URI may be that base path, so it is not warned
     * about; another path is, and so are the demo app and a missing redirect URI, which need no path to be told.
     */
    @Test
    void aPageBuiltBeforeItsBasePathIsKnownTakesAnyPrefix() {
        Embeddable underBase = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example/app/ringcentral/redirect").build());
        assertThat(RedirectPage.mismatchWarnings(underBase, "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/redirect")))
                .isEmpty();
        assertThat(RedirectPage.mismatchWarnings(underBase, "EmbeddableRedirectPageWebFilter", "", List.of("/ringcentral/redirect")))
                .as("the same widget, told the page is at the root").hasSize(1);
        Embeddable elsewhere = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example/oauth/callback").build());
        assertThat(RedirectPage.mismatchWarnings(elsewhere, "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/redirect")))
                .singleElement().asString().startsWith("EmbeddableRedirectPageWebFilter: the configured redirectUri"
                        + " https://crm.example/oauth/callback has the path /oauth/callback, but this page is served at"
                        + " [/ringcentral/redirect] (context path '')");
        Embeddable wildcardOnly = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example/app/ringcentral/*").build());
        assertThat(RedirectPage.mismatchWarnings(wildcardOnly, "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/*")))
                .as("a mapping's wildcard is no path a redirect URI ends in").hasSize(1);
        assertThat(RedirectPage.mismatchWarnings(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()),
                "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/redirect")))
                .singleElement().asString().startsWith("EmbeddableRedirectPageWebFilter: no redirectUri is configured");
        assertThat(RedirectPage.mismatchWarnings(Embeddable.of(EmbeddableConfig.builder().build()),
                "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/redirect")))
                .singleElement().asString().contains("RingCentral's demo app (no clientId)", "this page is never used");
    }
}
