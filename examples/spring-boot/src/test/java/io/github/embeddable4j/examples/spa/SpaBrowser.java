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

/** What the single-page CSRF tests share: the stand-in widget, ada's sign-in, an empty CRM (the probe: {@code BridgeProbe}). */
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
