package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.WIDGET;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Vaadin example in headless Chromium, with the floating widget's loader on one origin and its frame on another
 * (as the real built loader does): widget events reach server-side listeners, a command from Java reaches the frame,
 * the loader is loaded once although the starter's page filter is on, and the phone stays across views.
 */
class ContactsBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    org.springframework.boot.web.servlet.FilterRegistrationBean<io.github.embeddable4j.servlet.EmbeddableFilter> filter;

    @Test
    @SuppressWarnings("unchecked")
    void widgetEventsReachJavaAndJavaCommandsReachTheWidget() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                .startsWith(WIDGET.frameOrigin() + "/app.html?");
        assertThat((String) chromium.script("return window.__standInAdapter.src")).contains("clientId=vaadin-browser-test");

        chromium.driver().findElement(By.id("call-16505550101")).click();
        assertThat(awaitReceived(chromium, "rc-adapter-new-call")).singleElement().satisfies(r -> {
            assertThat(r.get("origin")).isEqualTo("http://localhost:" + port);
            assertThat((Map<String, Object>) r.get("command")).containsEntry("type", "rc-adapter-new-call")
                    .containsEntry("phoneNumber", "+16505550101").containsEntry("toCall", false);
        });
    }

    /**
     * With the starter on the classpath, its filter used to inject a loader into Vaadin's page while the component
     * loaded another one. Now the component's module marks Vaadin's page, and the glue uses a loader it finds.
     */
    @Test
    void oneLoaderAlthoughTheStartersFilterIsOn() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in"));
        assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter\"]').length")).isEqualTo(1L);
        assertThat(chromium.script("return window.__standInAdapter.count")).isEqualTo(1L);
        assertThat(filter).as("the starter's filter is registered, so it would have injected").isNotNull();
        assertThat(filter.isEnabled()).isTrue();
    }

    @Test
    void thePhoneStaysAcrossViews() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in"));
        chromium.script("document.getElementById('rc-widget-adapter-frame').dataset.mark = 'first'");
        chromium.driver().findElement(By.linkText("About")).click();
        chromium.await(d -> chromium.driver().getTitle().startsWith("About"));
        chromium.driver().findElement(By.linkText("Contacts")).click();
        chromium.await(d -> chromium.driver().getTitle().startsWith("Contacts"));
        assertThat(chromium.script("return document.querySelectorAll('#rc-widget-adapter-frame').length")).isEqualTo(1L);
        assertThat(chromium.script("return document.getElementById('rc-widget-adapter-frame').dataset.mark")).isEqualTo("first");
        assertThat(chromium.script("return window.__standInAdapter.count")).isEqualTo(1L);
        // The new view still hears the widget and drives it.
        chromium.driver().findElement(By.id("sms-16505550102")).click();
        awaitReceived(chromium, "rc-adapter-new-sms");
    }
}
