package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.log;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The component's own guarantees in a real browser: only the widget's own frame, on an allowed widget origin, gets
 * through to Java (forged messages from a foreign origin, from another frame on a widget origin, and from the page
 * itself are ignored, after checking that they really were posted); the loader carries Vaadin's CSP nonce; the
 * message listener and the floating widget go with the last component.
 */
class ComponentBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void onlyTheWidgetFrameIsHeard() {
        chromium.driver().get("http://localhost:" + port + "/test/foreign");
        // Every message that reaches the page, whoever sent it: proof that the forgeries were really posted.
        chromium.script("window.__all = []; window.addEventListener('message', function (e) {"
                + " window.__all.push(JSON.stringify(e.data)); });");
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        // The forging frames (one on a foreign origin, one on the widget's loader origin) forge again, now heard.
        chromium.script("document.querySelectorAll('iframe').forEach(function (f) {"
                + " if (!f.closest('#phone')) { f.contentWindow.postMessage({type: 'forge-again'}, '*'); } })");
        // The page itself posts a widget-shaped message: same origin as the app, not the widget's.
        chromium.script("window.postMessage({type: 'rc-call-ring-notify', call: {from: '+18885550000'}}, '*')");
        chromium.await(d -> {
            String all = String.valueOf(chromium.script("return window.__all.join('\\n')"));
            return all.contains("+19995550000") && all.contains("forged") && all.contains("+18885550000") ? true : null;
        });
        // Positive control: the widget's own frame, posting after the forgeries arrived, is still heard.
        chromium.script("document.querySelector('#phone iframe').contentWindow.postMessage("
                + "{type: 'standin-emit', event: {type: 'rc-call-ring-notify', call: {from: '+16505550199', direction: 'Inbound', callStatus: 'webphone-session-connecting'}}}, '*')");
        chromium.await(d -> logContains(chromium, "+16505550199"));
        assertThat(log(chromium)).noneMatch(line -> line.contains("+19995550000") || line.contains("forged")
                || line.contains("+18885550000"));
        // The widget's own two (logged out at start, then logged in, the real order); the forged login is not among them.
        assertThat(log(chromium)).filteredOn(line -> line.startsWith("login:"))
                .containsExactly("login: logged out", "login: logged in as +16505550100*101");
    }

    @Test
    void theLoaderCarriesVaadinsCspNonce() {
        chromium.driver().get("http://localhost:" + port + "/test/late");
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        // What Vaadin sets when strict CSP is on (production mode only); here it is set by hand before the widget loads.
        chromium.script("window.Vaadin.Flow.nonce = 'n0nce-from-vaadin'");
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> chromium.script("return window.__standInAdapter ? true : null"));
        assertThat(chromium.script("return document.querySelector('script[data-embeddable4j-loader]').nonce"))
                .isEqualTo("n0nce-from-vaadin");
    }

    @Test
    void theListenerAndTheFloatingWidgetGoWithTheLastComponent() {
        chromium.driver().get("http://localhost:" + port + "/test/late");
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> Long.valueOf(1).equals(chromium.script(
                "return window.embeddable4j ? window.embeddable4j.state().hosts : null")));
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        assertThat(chromium.script("return window.embeddable4j.state().listening")).isEqualTo(true);
        chromium.driver().findElement(By.id("remove-phone")).click();
        chromium.await(d -> Long.valueOf(0).equals(chromium.script("return window.embeddable4j.state().hosts")));
        assertThat(chromium.script("return window.embeddable4j.state().listening")).isEqualTo(false);
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame') === null"));
        // Added again, it comes back: the loader is initialised again, not loaded again.
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        assertThat(chromium.script("return window.__standInAdapter.count")).isEqualTo(1L);
    }

    /**
     * The application's sign-out mark (its cookie) reaches a component: it logs out the login the widget restored, and
     * only then does the browser clear the mark (cleared when the component was attached, it was lost with a tab closed
     * before its widget loaded, and the next page's widget kept the previous user's phone).
     */
    @Test
    void theSignOutMarkGoesOnceTheRestoredLoginIsLoggedOut() {
        String mark = io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME;
        chromium.driver().get("http://localhost:" + port + "/test/late");
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        chromium.driver().manage().addCookie(new org.openqa.selenium.Cookie(mark, "1", "/"));
        try {
            // a tab whose widget is still loading when it is closed: the mark stays for the next
            VaadinBrowserSupport.WIDGET.stillLoading(true);
            long frames = VaadinBrowserSupport.WIDGET.requests().stream().filter(r -> r.startsWith("/app.html")).count();
            chromium.driver().findElement(By.id("add-phone")).click();
            chromium.await(d -> VaadinBrowserSupport.WIDGET.requests().stream().filter(r -> r.startsWith("/app.html")).count()
                    > frames ? true : null);
            chromium.driver().get("about:blank");
        } finally {
            VaadinBrowserSupport.WIDGET.stillLoading(false);
        }
        chromium.driver().get("http://localhost:" + port + "/test/late");
        assertThat(chromium.driver().manage().getCookieNamed(mark)).as("the mark stays for the next page").isNotNull();
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        chromium.await(d -> VaadinBrowserSupport.received(chromium).stream()
                .anyMatch(r -> r.get("command") instanceof java.util.Map<?, ?> c && "rc-adapter-logout".equals(c.get("type"))) ? true : null);
        chromium.await(d -> chromium.driver().manage().getCookieNamed(mark) == null ? true : null);
        chromium.driver().manage().deleteAllCookies();
    }

    /** A command to a widget that never loads is dropped when it expires, with no other round trip (no push here). */
    @Test
    void aWaitingCommandIsDroppedOnTimeByTheBrowsersTimer() {
        chromium.driver().get("http://localhost:" + port + "/test/waiting");
        chromium.await(d -> !chromium.driver().findElements(By.id("call")).isEmpty());
        chromium.driver().findElement(By.id("call")).click();
        // The command's timeout is 2 s; nothing is clicked or sent again.
        chromium.await(d -> "rc-adapter-new-call EXPIRED".equals(chromium.driver().findElement(By.id("dropped")).getText()));
    }

    /** An element with id="embeddable4j" shows up as window.embeddable4j; it must not stop the glue from loading. */
    @Test
    void aClobberingElementDoesNotDisableTheGlue() {
        chromium.driver().get("http://localhost:" + port + "/test/clobber");
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        assertThat(chromium.script("return document.getElementById('embeddable4j') !== null")).isEqualTo(true);
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        assertThat(chromium.script("return typeof window.embeddable4j.state")).isEqualTo("function");
    }
}
