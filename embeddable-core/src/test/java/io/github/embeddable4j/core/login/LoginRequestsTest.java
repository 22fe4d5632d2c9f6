package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginRequestsTest {

    private static final Map<String, String> NAVIGATION = Map.of("Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Sec-Fetch-Mode", "navigate",
            "Sec-Fetch-Dest", "document"); // what Chromium sends when it navigates to a page

    /** The connect path's answer to a site without sign in once: a page for a person, the JSON error for a script. */
    @Test
    void aPersonReadsTheAnswerToANavigationOrToAClientAskingForHtml() {
        assertThat(LoginRequests.wantsPage(Map.of("Sec-Fetch-Mode", "navigate")::get)).isTrue();
        assertThat(LoginRequests.wantsPage(Map.of("Sec-Fetch-Mode", "cors", "Accept", "text/html")::get))
                .as("a script's fetch, whatever it accepts").isFalse();
        assertThat(LoginRequests.wantsPage(Map.of("Accept", "Text/HTML,*/*")::get)).as("no Fetch Metadata").isTrue();
        assertThat(LoginRequests.wantsPage(Map.of("Accept", "application/json")::get)).isFalse();
        assertThat(LoginRequests.wantsPage(Map.<String, String>of()::get)).isFalse();
    }

    /**
     * Only the browser's own visit of a page goes to the connect path: a script's fetch (htmx, Turbo) that followed
     * the redirect on to RingCentral would end on another origin it may not read, and a frame would be refused
     * RingCentral's page; the sign-in would be lost either way.
     */
    @Test
    void onlyABrowsersNavigationToAPageIsSentToConnect() {
        String html = NAVIGATION.get("Accept");
        assertThat(LoginRequests.isPageNavigation("GET", NAVIGATION::get)).isTrue();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", html)::get)).as("no Fetch Metadata").isTrue();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", html, "Sec-Fetch-Mode", "navigate")::get)).isTrue();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", "text/html, application/xhtml+xml",
                "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty")::get)).as("Turbo's fetch of a page").isFalse();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", "text/html", "Sec-Fetch-Mode", "same-origin")::get))
                .isFalse();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", html, "Sec-Fetch-Mode", "navigate",
                "Sec-Fetch-Dest", "iframe")::get)).as("a frame's navigation").isFalse();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", html, "HX-Request", "true")::get)).as("htmx").isFalse();
        assertThat(LoginRequests.isPageNavigation("GET", Map.of("Accept", "application/json", "Sec-Fetch-Mode", "navigate")::get))
                .isFalse();
        assertThat(LoginRequests.isPageNavigation("GET", Map.<String, String>of()::get)).isFalse();
        assertThat(LoginRequests.isPageNavigation("POST", NAVIGATION::get)).as("a form's post").isFalse();
        assertThat(LoginRequests.isPageNavigation("HEAD", NAVIGATION::get)).isFalse();
    }

    /**
     * The handoff and the sign-out mark go only into a page the browser loads to run it: one a script fetched
     * (fetch(), Turbo, htmx) would spend them on a head nobody runs (a trial lost a code to a fetch()).
     */
    @Test
    void onlyAPageTheBrowserLoadsToRunItTakesTheLoginOrTheMark() {
        assertThat(LoginRequests.isPageLoad(NAVIGATION::get)).isTrue();
        assertThat(LoginRequests.isPageLoad(Map.<String, String>of()::get)).as("no Fetch Metadata").isTrue();
        assertThat(LoginRequests.isPageLoad(Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe")::get))
                .as("a frame's page runs its scripts").isTrue();
        assertThat(LoginRequests.isPageLoad(Map.of("Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty")::get))
                .as("fetch(), Turbo").isFalse();
        assertThat(LoginRequests.isPageLoad(Map.of("Sec-Fetch-Mode", "same-origin")::get)).isFalse();
        assertThat(LoginRequests.isPageLoad(Map.of("HX-Request", "true")::get)).as("htmx").isFalse();
        // a speculative load the browser may never show: the page it does show takes the one-time code
        assertThat(LoginRequests.isPageLoad(Map.of("Sec-Fetch-Mode", "navigate", "Sec-Purpose", "prefetch")::get))
                .as("a speculation rule's prefetch").isFalse();
        assertThat(LoginRequests.isPageLoad(Map.of("Sec-Fetch-Mode", "navigate", "Sec-Purpose", "prefetch;prerender")::get))
                .as("a prerender").isFalse();
        assertThat(LoginRequests.isPageLoad(Map.of("Purpose", "prefetch")::get)).as("an older browser's prefetch").isFalse();
    }

    @Test
    void aPageWithAOneTimeLoginSaysNoStoreToEveryCacheHeader() {
        assertThat(LoginRequests.CACHE_HEADERS).containsExactly("Cache-Control", "CDN-Cache-Control", "Surrogate-Control");
        assertThat(LoginRequests.isCacheHeader("cdn-cache-control")).isTrue();
        assertThat(LoginRequests.isCacheHeader("Cache-Status")).isFalse();
        assertThat(LoginRequests.noStoreHeaders(Map.<String, String>of()::get)).as("a CDN then follows Cache-Control")
                .containsExactly(Map.entry("Cache-Control", "no-store"));
        assertThat(LoginRequests.noStoreHeaders(Map.of("Cache-Control", "public", "CDN-Cache-Control", "max-age=600")::get))
                .containsExactly(Map.entry("Cache-Control", "no-store"), Map.entry("CDN-Cache-Control", "no-store"));
    }
}
