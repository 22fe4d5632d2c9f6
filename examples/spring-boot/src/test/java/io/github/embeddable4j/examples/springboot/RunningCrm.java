package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application as its browser tests see it: one Spring context for all of them (each test class extends
 * this one, so Spring's test context cache starts the application once), on a fixed free port so the sign-in-once
 * redirect URI, derived from {@code server.port} in application.properties, is the application's real callback. The
 * widget is the stand-in (loader and frame on two origins), the database an in-memory H2 migrated by Flyway, the app
 * server the sandbox (so the graduation tracker is on, with its JDBC store), and sign in once is on with a test client
 * ID. One headless Chromium serves every test; the browser is closed when the test JVM exits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "ringcentral.embeddable.client-id=" + RunningCrm.CLIENT_ID,
    "ringcentral.embeddable.app-server=sandbox",
    "ringcentral.embeddable.login.enabled=true",
    "spring.datasource.url=jdbc:h2:mem:crm-browser-tests;DB_CLOSE_DELAY=-1"})
abstract class RunningCrm {

    static final String CLIENT_ID = "spring-browser-test";
    static final int PORT = freePort();
    static final StandInWidget WIDGET = Shared.WIDGET;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
    }

    static HeadlessChromium chromium() {
        return Shared.chromium();
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    /** Opens a page as ada, signing in with the form when the browser is not signed in yet. */
    static void open(String path) {
        HeadlessChromium chromium = chromium();
        chromium.driver().get(url(path));
        if (chromium.driver().getCurrentUrl().contains("/login")) {
            chromium.driver().findElement(By.name("username")).sendKeys("ada");
            chromium.driver().findElement(By.name("password")).sendKeys("lovelace");
            chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
            chromium.await(d -> !d.getCurrentUrl().contains("/login"));
            chromium.driver().get(url(path)); // Spring Security returns with "?continue": load the page itself
        }
        if (!chromium.driver().getCurrentUrl().equals(url(path))) {
            throw new AssertionError("Opened " + path + " as ada but the browser shows " + chromium.driver().getCurrentUrl());
        }
    }

    /** Waits until the page's glue has registered the CRM with the stand-in frame, and returns the registration. */
    static java.util.Map<String, Object> awaitRegistration(StandInFrame frame) {
        return frame.awaitType("rc-adapter-register-third-party-service");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What all test classes share, started once and stopped when the JVM exits. */
    private static final class Shared {
        static final StandInWidget WIDGET = start();
        private static HeadlessChromium chromium;

        private static StandInWidget start() {
            try {
                StandInWidget widget = new StandInWidget();
                Runtime.getRuntime().addShutdownHook(new Thread(widget::close));
                return widget;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static synchronized HeadlessChromium chromium() {
            if (chromium == null) {
                chromium = new HeadlessChromium();
            }
            return chromium;
        }
    }
}
