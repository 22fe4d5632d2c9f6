package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The component with {@code @Push(transport = WEBSOCKET)}: every click reaches the server over the websocket,
 * whose requests carry the cookies of its handshake (Atmosphere copies them), not the browser's current ones. Once the
 * page has acted on the mark (logged the restored login out, cleared the cookie), those requests still show it; a
 * component attached later must not log out the login the widget has since (the next user's). Nor has that request
 * the page's host.
 */
class WebsocketPushBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    /**
     * The mark taken by the page's first request (plain HTTP) and acted on; then a component attached over the
     * websocket, whose requests still show the mark. Failed before the page checked the mark itself: the new frame's
     * login was logged out.
     */
    @Test
    void aMarkTheFirstRequestActedOnIsNotTakenAgainOverTheWebsocket() {
        String mark = WidgetLogoutCookie.NAME;
        chromium.driver().get(appUrl("/test/late"));
        chromium.driver().manage().addCookie(new Cookie(mark, "1", "/"));
        try {
            chromium.driver().get(appUrl("/test/late-push?phone"));
            VaadinBrowserSupport.awaitReceived(chromium, "rc-adapter-logout");
            chromium.await(d -> chromium.driver().manage().getCookieNamed(mark) == null ? true : null);

            // The floating widget goes with its component and comes back with a new frame, which reports a login (the
            // stand-in restores one): the next user's, who signed in to the widget since.
            chromium.driver().findElement(By.id("remove-phone")).click();
            chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame') === null"));
            chromium.driver().findElement(By.id("add-phone")).click();
            chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
            chromium.await(d -> chromium.driver().findElement(By.id("request")).getText().startsWith("2 ") ? true : null);
            // Proof that the click came over the websocket, showing the mark the page has cleared
            assertThat(chromium.driver().findElement(By.id("request")).getText()).startsWith("2 websocket").contains(mark);
            chromium.driver().findElement(By.id("call")).click();
            VaadinBrowserSupport.awaitReceived(chromium, "rc-adapter-new-call");
            assertThat(VaadinBrowserSupport.received(chromium, "rc-adapter-logout"))
                    .as("the new frame's login is the next user's: the mark was acted on already").isEmpty();
        } finally {
            chromium.driver().manage().deleteAllCookies();
        }
    }

    /**
     * An event that comes over the websocket carries the page's host: the push connection's request has no server name
     * (a Vaadin trial's events had none with {@code @Push(transport = WEBSOCKET)}), so the component uses the request
     * that made the UI.
     */
    /**
     * A sign-out of the application's own in a UI event, over the websocket: Vaadin gives the event no response, so
     * the mark's cookie cannot be set (README's advice). Switched to {@code WEBSOCKET_XHR} and signed out in the next
     * round trip, as Vaadin's {@code AuthenticationContext.logout()} does, the request is plain HTTP and the browser
     * gets the mark.
     */
    @Test
    void aSignOutOverTheWebsocketHasNoResponseAndTheNextRoundTripHasOne() {
        String mark = WidgetLogoutCookie.NAME;
        chromium.driver().get(appUrl("/test/late-push?phone"));
        chromium.driver().manage().deleteCookieNamed(mark);
        chromium.await(d -> d.findElements(By.id("sign-out")).isEmpty() ? null : true);
        chromium.driver().findElement(By.id("sign-out")).click();
        chromium.await(d -> "none".equals(d.findElement(By.id("request")).getAttribute("data-response")) ? true : null);
        assertThat(chromium.driver().findElement(By.id("request")).getText()).contains("websocket");
        assertThat(chromium.driver().manage().getCookieNamed(mark)).as("no response to set it on").isNull();

        chromium.driver().findElement(By.id("sign-out-over-http")).click();
        chromium.await(d -> "http".equals(d.findElement(By.id("request")).getAttribute("data-response")) ? true : null);
        assertThat(chromium.driver().findElement(By.id("request")).getText()).contains("http");
        chromium.await(d -> d.manage().getCookieNamed(mark) != null ? true : null);
    }

    @Test
    void anEventOverTheWebsocketCarriesThePagesHost() {
        chromium.driver().get(appUrl("/test/late-push"));
        chromium.await(d -> !chromium.driver().findElements(By.id("add-phone")).isEmpty());
        chromium.driver().findElement(By.id("add-phone")).click();
        chromium.await(d -> chromium.driver().findElement(By.id("request")).getText().startsWith("1 ") ? true : null);
        assertThat(chromium.driver().findElement(By.id("request")).getText()).startsWith("1 websocket");
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        chromium.await(d -> VaadinBrowserSupport.frameAppUp(chromium) ? true : null);
        String id = "ws-" + System.nanoTime();
        VaadinBrowserSupport.emit(chromium, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"" + id
                + "\",\"direction\":\"Inbound\",\"callStatus\":\"webphone-session-connecting\",\"from\":\"+16505550199\"}}");
        var ring = chromium.await(d -> RecordingEventListener.EVENTS.stream()
                .filter(e -> e.event().json().contains(id)).findFirst().orElse(null));
        assertThat(ring.host()).isEqualTo("localhost");
    }
}
