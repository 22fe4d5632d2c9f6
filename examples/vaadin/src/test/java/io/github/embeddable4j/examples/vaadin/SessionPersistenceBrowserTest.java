package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.WIDGET;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.emit;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tomcat's session persistence (Spring Boot's {@code server.servlet.session.persistent}): the application is stopped
 * with a tab open, its sessions written to a folder, and started again on the same port. The tab goes on without a
 * reload: the phone, the views and their grids were written with the Vaadin session, and the phone finds the
 * starter's dispatcher and the example's CRM again, which are not written (they are the application's services).
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionPersistenceBrowserTest {

    @TempDir
    Path store;

    @Test
    @SuppressWarnings("unchecked")
    void anOpenTabGoesOnAfterARestartThatKeptItsSession(CapturedOutput output) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://localhost:" + port + "/";
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            ConfigurableApplicationContext app = start(port);
            try {
                chromium.driver().get(url);
                chromium.await(d -> logContains(chromium, "login: logged in as"));
                chromium.driver().findElement(By.id("call-16505550101")).click();
                chromium.await(d -> numbersCalled(chromium).contains("+16505550101"));
                chromium.script("window.__sameTab = true");
            } finally {
                app.close(); // Tomcat writes the sessions as it stops
            }
            assertThat(store.resolve("SESSIONS.ser")).exists();

            app = start(port);
            try {
                awaitDevModeReady(url);
                assertThat(Files.exists(store.resolve("SESSIONS.ser"))).as("read back, then removed by Tomcat").isFalse();
                // A command from the same tab's next click: the phone and the view came back with the session.
                assertThat(chromium.script("return window.__sameTab === true")).as("the tab was not reloaded").isEqualTo(true);
                chromium.driver().findElement(By.id("call-16505550103")).click();
                chromium.await(d -> numbersCalled(chromium).contains("+16505550103"));
                // An event reaches the view's listeners on the phone.
                emit(chromium, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"after-restart\",\"direction\":\"Inbound\","
                        + "\"callStatus\":\"Setup\",\"from\":\"+16505550102\",\"to\":\"+16505550100\"}}");
                chromium.await(d -> logContains(chromium, "ringing: call from +16505550102"));
                // A call-out is answered by the example's CRM, found again by the phone.
                emit(chromium, "{\"type\":\"rc-post-message-request\",\"requestId\":\"after-restart\","
                        + "\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"grace\"}}");
                Map<String, Object> answer = chromium.await(d -> received(chromium, "rc-post-message-response").stream()
                        .map(r -> (Map<String, Object>) r.get("command"))
                        .filter(c -> "after-restart".equals(c.get("responseId"))).findFirst().orElse(null));
                assertThat(answer.get("response").toString()).contains("Grace Hopper");
                assertThat(chromium.script("return window.__sameTab === true")).as("the tab was not reloaded").isEqualTo(true);
                // The call log grid looks its Spring bean up again (a transient field) when it reads the log.
                chromium.driver().findElement(By.id("refresh-call-log")).click();
                chromium.await(d -> numbersCalled(chromium).size() == 2 && !d.findElements(By.id("call-log")).isEmpty());
                // The phone found the starter's dispatcher and the CRM again (else it would have said what it lost).
                assertThat(output.getAll()).doesNotContain("read back from a serialized session").doesNotContain("Exception");
            } finally {
                app.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Object> numbersCalled(HeadlessChromium chromium) {
        return received(chromium, "rc-adapter-new-call").stream()
                .map(r -> ((Map<String, Object>) r.get("command")).get("phoneNumber")).toList();
    }

    /**
     * Vaadin 25's development mode readies its front-end files on a thread of its own after the server has started, and
     * until then answers every request with its "not ready" page: a tab whose next click gets that page instead of an
     * answer stops for good (development mode only; production mode has no such step). Waits as that page itself does,
     * with its {@code X-DevModePoll} request, which is answered {@code Pending} until then.
     */
    static void awaitDevModeReady(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest poll = HttpRequest.newBuilder(URI.create(url)).header("X-DevModePoll", "true").build();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while ("Pending".equals(client.send(poll, HttpResponse.BodyHandlers.ofString()).body())) {
            assertThat(System.nanoTime()).as("Vaadin's development mode still not ready after 40 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private ConfigurableApplicationContext start(int port) throws IOException {
        return new SpringApplication(VaadinExampleApplication.class).run("--server.port=" + port,
                "--server.servlet.session.persistent=true", "--server.servlet.session.store-dir=" + store,
                "--ringcentral.embeddable.hosting=" + WIDGET.baseUrl(), "--ringcentral.embeddable.frame-origins=" + WIDGET.frameOrigin(),
                "--ringcentral.embeddable.client-id=vaadin-session-test",
                "--ringcentral.embeddable.graduation.file=" + store.resolve("graduation.json"),
                // Development mode writes a session's UIs only when asked to (production mode always does), and its
                // live reload would reload the page when the server comes back.
                "--vaadin.devmode.sessionSerialization.enabled=true", "--vaadin.devmode.liveReload.enabled=false",
                "--spring.main.banner-mode=off");
    }
}
