package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CRM's pages in headless Chromium: the widget from the starter on every page of a signed-in user, loaded once,
 * under the application's strict Content-Security-Policy without a violation; nobody gets it before signing in; the
 * excluded page has none.
 */
class PagesBrowserTest extends RunningCrm {

    @Autowired
    Embeddable embeddable;

    @Test
    void contactsPageLoadsTheWidgetOnceUnderAStrictPolicy() throws Exception {
        HeadlessChromium chromium = chromium();
        open("/");
        chromium.console(); // start the console log here
        chromium.driver().navigate().refresh();
        String src = chromium.await(d -> (String) chromium.script("return window.__standInAdapter ? window.__standInAdapter.src : null"));
        assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length")).isEqualTo(1L);
        assertThat(src).isEqualTo(embeddable.adapterUrl());
        Map<String, String> query = StandInWidget.query(src);
        assertThat(query).containsEntry("clientId", CLIENT_ID)
                .containsEntry("appServer", "https://platform.devtest.ringcentral.com")
                .containsEntry("defaultCallWith", "browser")
                .containsEntry("redirectUri", url("/ringcentral/redirect")); // sign in once is on
        assertThat(WIDGET.requests()).contains(src.substring(WIDGET.loaderOrigin().length()));
        // The page: the first 50 of 300 contacts, numbers shown as stored and dialled in E.164.
        assertThat(chromium.script("return document.querySelectorAll('#contacts a.contact').length")).isEqualTo(50L);
        assertThat(chromium.script("var a = document.querySelector('a.call[href=\"tel:+16505550101\"]'); return a && a.textContent"))
                .isEqualTo("+1 (650) 555-0101");
        chromium.await(d -> chromium.script("return !!document.getElementById('rc-widget-adapter-frame')"));
        assertThat(chromium.console()).noneMatch(line -> line.contains("Content Security Policy"));

        HttpResponse<String> page = new SignedInClient(PORT).signIn("grace", "hopper").get("/");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self' 'nonce-").contains("object-src 'none'");
        assertThat(directive(policy, "script-src")).contains(WIDGET.loaderOrigin());
        assertThat(directive(policy, "frame-src")).contains(WIDGET.frameOrigin()).doesNotContain("'none'");
        assertThat(page.body()).contains("Signed in as <strong>grace</strong>");
    }

    private static String directive(String policy, String name) {
        for (String d : policy.split(";")) {
            if (d.trim().startsWith(name + " ")) {
                return d.trim();
            }
        }
        throw new AssertionError(name + " is not in " + policy);
    }

    @Test
    void nobodyGetsThePhoneBeforeSigningIn() throws Exception {
        HttpResponse<String> anonymous = new SignedInClient(PORT).get("/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue(url("/login"));
        assertThat(new SignedInClient(PORT).get("/login").body()).doesNotContain("adapter.js");
    }

    @Test
    void excludedPageHasNoWidget() {
        HeadlessChromium chromium = chromium();
        open("/");
        long before = WIDGET.adapterRequests();
        open("/no-widget");
        chromium.await(d -> "complete".equals(chromium.script("return document.readyState")));
        assertThat(chromium.script("return document.querySelectorAll('script').length")).isEqualTo(0L);
        assertThat(chromium.driver().getPageSource()).contains("No widget here");
        assertThat(WIDGET.adapterRequests()).isEqualTo(before);
    }
}
