package io.github.embeddable4j.examples.testing;

import org.openqa.selenium.JavascriptExecutor;

/**
 * Posts to the page's event bridge from the page itself, with a CSRF token of the test's choosing: what a test of a
 * CSRF set-up uses to show which token the server really takes before it checks what the bridge script does.
 */
public final class BridgeProbe {

    private BridgeProbe() {
    }

    /** The CSRF token the bridge's script tag carries (Spring Security's masked one). */
    public static String maskedToken(HeadlessChromium chromium) {
        return (String) chromium.script("return document.querySelector('script[data-endpoint]').dataset.csrfToken");
    }

    /** The status of an empty event batch posted with the given token (null: the raw one of the XSRF-TOKEN cookie). */
    public static Object status(HeadlessChromium chromium, String token) {
        return ((JavascriptExecutor) chromium.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "var tag = document.querySelector('script[data-endpoint]');"
                + "var token = arguments[0] || decodeURIComponent(document.cookie.match(/XSRF-TOKEN=([^;]+)/)[1]);"
                + "var h = {'Content-Type': 'application/json'}; h[tag.dataset.csrfHeader] = token;"
                + "fetch(tag.dataset.endpoint, {method: 'POST', headers: h, credentials: 'same-origin',"
                + " body: JSON.stringify({tab: '0123456789abcdef0123456789abcdef', events: []})}).then(function (r) { done(r.status); });",
                token);
    }
}
