package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A later page fetched into the same window (Turbo Drive merges its head, and the widget and the event script stay):
 * its event-script tag is not ignored. Its CSRF token is used from then on (another user may have signed in), and its
 * sign-out mark logs the widget out at once. Here the later tags are added as Turbo adds them, to the head.
 */
class SameWindowNavigationBrowserTest extends RunningCrm {

    @Autowired
    EventLog eventLog;

    @Test
    void aLaterPagesTagBringsItsTokenAndItsSignOutMark() {
        HeadlessChromium chromium = chromium();
        open("/events");
        StandInFrame frame = new StandInFrame(chromium).awaitFrame();
        awaitRegistration(frame);
        String token = (String) chromium.script("return document.querySelector('script[data-endpoint]').dataset.csrfToken");
        assertThat(token).isNotBlank();

        // A later page whose token is not this session's: the events are refused, so the later token is the one sent.
        addLaterTag(chromium, "not-the-token", false);
        chromium.await(d -> Boolean.TRUE.equals(chromium.script("return window.__laterTagsRun === 1")) ? true : null);
        Instant refused = Instant.now();
        frame.emit(ring("later-1"));
        List<String> console = new ArrayList<>();
        chromium.await(d -> {
            console.addAll(chromium.console());
            return console.stream().anyMatch(l -> l.contains("the event endpoint answered 403")) ? true : null;
        });
        assertThat(eventLog.latest()).noneMatch(e -> e.receivedAt().isAfter(refused) && e.json().contains("later-1"));

        // The next one carries the session's token again and the application's sign-out mark (its cookie, which the
        // response that carried the tag set, and which the page clears once the widget was told).
        chromium.script("document.cookie = 'E4J_WIDGET_LOGOUT=1; Path=/; SameSite=Lax'");
        addLaterTag(chromium, token, true);
        frame.awaitType("rc-adapter-logout");
        assertThat(chromium.driver().manage().getCookieNamed(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME)).isNull();
        frame.emit(ring("later-2"));
        chromium.await(d -> eventLog.latest().stream().anyMatch(e -> e.json().contains("later-2") && e.user().equals("ada")));
    }

    /**
     * A later page's sign-out mark while the widget's app is still loading (its frame there, reporting nothing yet): the
     * logout would be lost, posted to a frame not listening yet, so it waits for the login the app restores. Failed
     * before: the logout was posted at once and the mark cleared, and the app then kept the previous user's phone.
     */
    @Test
    void aLaterPagesSignOutMarkWaitsForAWidgetStillLoading() {
        HeadlessChromium chromium = chromium();
        String mark = io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME;
        WIDGET.stillLoading(true);
        try {
            open("/events");
            // the frame's page is on the widget's origin (no longer the initial about:blank), and silent
            chromium.await(d -> "on the widget's origin".equals(chromium.script("var f = document.getElementById('rc-widget-adapter-frame');"
                    + " try { return f && f.contentWindow.location.href; } catch (e) { return 'on the widget\\'s origin'; }")) ? true : null);
        } finally {
            WIDGET.stillLoading(false);
        }
        String token = (String) chromium.script("return document.querySelector('script[data-endpoint]').dataset.csrfToken");
        chromium.script("document.cookie = 'E4J_WIDGET_LOGOUT=1; Path=/; SameSite=Lax'");
        addLaterTag(chromium, token, true);
        chromium.await(d -> Boolean.TRUE.equals(chromium.script("return window.__laterTagsRun === 1")) ? true : null);
        assertThat(chromium.driver().manage().getCookieNamed(mark)).as("nothing acted on it yet").isNotNull();

        // The app finishes loading: it reports no login while it reads its storage, then the one it restored.
        chromium.script("var f = document.getElementById('rc-widget-adapter-frame'); f.src = f.src;");
        StandInFrame frame = new StandInFrame(chromium).awaitFrame();
        frame.awaitType("rc-adapter-logout");
        chromium.await(d -> chromium.driver().manage().getCookieNamed(mark) == null ? true : null);
    }

    private static void addLaterTag(HeadlessChromium chromium, String csrfToken, boolean logout) {
        chromium.script("var first = document.querySelector('script[data-endpoint]');"
                + "var s = document.createElement('script'); s.src = first.src;"
                + "Object.keys(first.dataset).forEach(function (k) { s.dataset[k] = first.dataset[k]; });"
                + "s.dataset.csrfToken = arguments[0]; if (arguments[1]) { s.dataset.logout = '1'; }"
                + "s.onload = function () { window.__laterTagsRun = (window.__laterTagsRun || 0) + 1; };"
                + "if (first.nonce) { s.nonce = first.nonce; } document.head.appendChild(s);", csrfToken, logout);
    }

    private static String ring(String id) {
        return "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"" + id + "\",\"direction\":\"Inbound\",\"callStatus\":\"webphone-session-connecting\","
                + "\"from\":\"+16505550102\",\"to\":\"+16505550100\"}}";
    }
}
