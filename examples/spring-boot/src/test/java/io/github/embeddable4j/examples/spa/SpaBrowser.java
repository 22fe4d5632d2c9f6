package io.github.embeddable4j.examples.spa;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** What the single-page CSRF tests share: the stand-in widget, ada's sign-in, a probe of the bridge, an empty CRM. */
final class SpaBrowser {

    private SpaBrowser() {
    }

    static StandInWidget standInWidget() {
        try {
            return new StandInWidget();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs ada in with Spring Security's form and opens the application's shell. */
    static void signInAndOpenTheShell(HeadlessChromium chromium, int port) {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.driver().findElement(By.name("username")).sendKeys("ada");
        chromium.driver().findElement(By.name("password")).sendKeys("lovelace");
        chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
        chromium.await(d -> !d.getCurrentUrl().contains("/login"));
        chromium.driver().get("http://localhost:" + port + "/");
    }

    /** The page's masked CSRF token, as the bridge's script tag carries it. */
    static String maskedToken(HeadlessChromium chromium) {
        return (String) chromium.script("return document.querySelector('script[data-endpoint]').dataset.csrfToken");
    }

    /** The status of an empty event batch posted from the page with the given token (null: the cookie's raw one). */
    static Object bridgeStatus(HeadlessChromium chromium, String token) {
        return ((JavascriptExecutor) chromium.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "var tag = document.querySelector('script[data-endpoint]');"
                + "var token = arguments[0] || decodeURIComponent(document.cookie.match(/XSRF-TOKEN=([^;]+)/)[1]);"
                + "var h = {'Content-Type': 'application/json'}; h[tag.dataset.csrfHeader] = token;"
                + "fetch(tag.dataset.endpoint, {method: 'POST', headers: h, credentials: 'same-origin',"
                + " body: JSON.stringify({tab: '0123456789abcdef0123456789abcdef', events: []})}).then(function (r) { done(r.status); });",
                token);
    }

    /** An inbound call ringing, as the widget reports it. */
    static String ring(String id) {
        return "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"" + id + "\",\"direction\":\"Inbound\","
                + "\"callStatus\":\"webphone-session-connecting\",\"from\":\"+16505550102\",\"to\":\"+16505550100\"}}";
    }

    /** A CRM without contacts: enough for the widget to get the registration. */
    static ContactProvider noContacts() {
        return new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        };
    }

    static final String SHELL = "<!doctype html><html><head><title>SPA</title></head><body><div id=\"root\"></div></body></html>";
}
