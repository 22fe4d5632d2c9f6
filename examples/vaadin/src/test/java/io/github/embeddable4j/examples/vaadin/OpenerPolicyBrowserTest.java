package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.OpenerAttackSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A site that opens the application with {@code window.open} holds its window, and the widget's frame obeys any
 * window: it could post a call to {@code handle.frames[0]} (a red-team trial placed one through a stand-in, and
 * found the Vaadin docs and example silent about it). The example sends {@code Cross-Origin-Opener-Policy:
 * same-origin-allow-popups} ({@link OpenerPolicyConfiguration}): the attack lands without it (the control, with the
 * header taken off by {@link OpenerPolicyOffOnRequest}) and not with it, while the page still drives its widget.
 */
class OpenerPolicyBrowserTest extends StandInWidgetContext {

    private static final String PREMIUM = "+19005550199";

    private static final OpenerAttackSite ATTACKER = new OpenerAttackSite(
            "{ type: 'rc-adapter-new-call', phoneNumber: '" + PREMIUM + "', toCall: true }");
    private static final String ATTACKER_ORIGIN = ATTACKER.origin();

    @AfterAll
    static void stopAttacker() {
        ATTACKER.close();
    }

    @Test
    void withoutThePolicyASiteThatOpenedTheAppPlacesACallThroughTheWidget() {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            openFromAnotherSite(chromium, "/?" + OpenerPolicyOffOnRequest.WITHOUT_POLICY);
            assertThat(awaitReceived(chromium, "rc-adapter-new-call")).first()
                    .satisfies(r -> assertThat(r.get("origin")).isEqualTo(ATTACKER_ORIGIN));
        }
    }

    @Test
    void theExamplesPolicyCutsThatSiteOffAndThePageStillDrivesItsWidget() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(appUrl("/"))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue(OpenerPolicyConfiguration.HEADER)).contains("same-origin-allow-popups");

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            String attackerWindow = openFromAnotherSite(chromium, "/");
            String victim = chromium.driver().getWindowHandle();
            chromium.driver().switchTo().window(attackerWindow);
            chromium.await(d -> "closed".equals(chromium.script("return window.__state")));
            assertThat(((Number) chromium.script("return window.__posts")).intValue()).isZero();
            chromium.driver().switchTo().window(victim);
            assertThat(received(chromium, "rc-adapter-new-call")).isEmpty();

            chromium.driver().findElement(By.id("call-16505550101")).click();
            assertThat(awaitReceived(chromium, "rc-adapter-new-call")).singleElement()
                    .satisfies(r -> assertThat(r.get("origin")).isEqualTo("http://localhost:" + port));
        }
    }

    /** Opens the other site's page, which opens the application at {@code path}; switches to the application's window. */
    private String openFromAnotherSite(HeadlessChromium chromium, String path) {
        chromium.driver().get(ATTACKER.attackUrl(appUrl(path)));
        String attackerWindow = chromium.driver().getWindowHandle();
        String victim = chromium.await(d -> chromium.windows().stream().filter(w -> !w.equals(attackerWindow)).findFirst()
                .orElse(null));
        chromium.driver().switchTo().window(victim);
        chromium.await(d -> logContains(chromium, "login: logged in"));
        return attackerWindow;
    }
}
