package io.github.embeddable4j.spring.war;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.SpringServletContainerInitializer;

/**
 * The starter in a WAR deployed to a Tomcat the team runs, under the context path {@code /crm}: the container starts
 * the application (Spring's {@code SpringServletContainerInitializer}, as a standalone Tomcat does for a WAR), so
 * {@code server.servlet.context-path} is not set and must not be needed. Sign in once maps its callback inside that
 * context, and pages get the widget.
 */
class WarDeploymentTest {

    @TempDir
    Path base;

    @Test
    void aWarUnderAContextPathStartsWithSignInOnceAndServesTheWidget() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WarApplication.properties = Map.of("ringcentral.embeddable.client-id", "war-client",
                "ringcentral.embeddable.redirect-uri", "http://localhost:" + port + "/crm/ringcentral/redirect",
                "ringcentral.embeddable.login.enabled", "true", "ringcentral.embeddable.inject.anonymous", "true",
                "ringcentral.embeddable.graduation.enabled", "false", "spring.main.banner-mode", "off");
        // A second Tomcat in this JVM: Spring Boot's embedded ones already set the URL handler factory.
        org.apache.catalina.webresources.TomcatURLStreamHandlerFactory.disable();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        tomcat.getConnector();
        Path docBase = Files.createDirectories(base.resolve("crm"));
        Context context = tomcat.addContext("/crm", docBase.toString());
        context.addServletContainerInitializer(new SpringServletContainerInitializer(), Set.of(WarApplication.class));
        try {
            tomcat.start();
            assertThat(context.getState()).as("the WAR's context started").isEqualTo(LifecycleState.STARTED);
            HttpClient client = HttpClient.newHttpClient();
            String page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/crm/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("<p>Contacts</p>").contains("clientId=war-client");
            // The callback answers at the redirect URI: for a code that is not the server's sign-in, the widget's own
            // redirect page, which the servlet keeps serving there.
            HttpResponse<String> callback = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/crm/ringcentral/redirect?code=x&state=y")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(callback.statusCode()).isEqualTo(200);
            assertThat(callback.body()).contains("Signing you in to RingCentral");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
