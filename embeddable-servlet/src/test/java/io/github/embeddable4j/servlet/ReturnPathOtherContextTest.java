package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * A return path must be inside this application (its context path). On Tomcat, {@code /app/..;/other/} is the other
 * web application at {@code /other}: the connect endpoint accepted it, and after a real sign-in the callback's 303 sent
 * the browser out of the application (found by a review). It is refused now.
 */
class ReturnPathOtherContextTest {

    @Test
    void aReturnPathWithDotDotSemicolonLeavesTheApplicationOnTomcat() throws Exception {
        int port = MockRingCentral.freePort();
        String redirectUri = "http://127.0.0.1:" + port + "/app/ringcentral/redirect";
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("test-client").appServer(AppServer.SANDBOX)
                .redirectUri(redirectUri).build());
        try (MockRingCentral mock = MockRingCentral.start("test-client", redirectUri)) {
            LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable)
                    .serverKey("a test key that is 32 bytes long".getBytes(StandardCharsets.US_ASCII))
                    .appUser(AppUserResolver.sessionAttribute("user"))
                    .authorizeEndpoint(mock.url("/restapi/oauth/authorize")).build();
            Path base = Files.createTempDirectory("return-path-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(port);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context app = tomcat.addContext("/app", base.toString());
            app.addServletContainerInitializer((classes, ctx) -> {
                EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withLoginHandoff(flow));
                LoginHandoffServlet.register(ctx, flow);
                ctx.addServlet("login", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        req.getSession().setAttribute("user", req.getParameter("user"));
                        resp.getWriter().write("ok");
                    }
                }).addMapping("/login");
            }, null);
            Context other = tomcat.addContext("/other", base.toString());
            Tomcat.addServlet(other, "page", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.getWriter().write("ANOTHER APPLICATION at " + req.getContextPath());
                }
            });
            other.addServletMappingDecoded("/*", "page");
            tomcat.start();
            try {
                SignInBrowser browser = new SignInBrowser("http://127.0.0.1:" + port);
                assertThat(browser.get("/app/login?user=alice").statusCode()).isEqualTo(200);
                String returnPath = "/app/..;/other/phish";
                // the attack's path really leaves the application on this container
                HttpResponse<String> direct = browser.get(returnPath);
                assertThat(direct.body()).startsWith("ANOTHER APPLICATION"); // the servlet of /other answered
                HttpResponse<String> connect = browser.get("/app/ringcentral/connect?return="
                        + URLEncoder.encode(returnPath, StandardCharsets.UTF_8));
                assertThat(connect.statusCode()).as("a return path that Tomcat serves from /other").isEqualTo(400);
                assertThat(connect.headers().firstValue("Location")).isEmpty();
                // and the same without the parameter's trick is accepted: the refusal is about the path, not the flow
                HttpResponse<String> inside = browser.get("/app/ringcentral/connect?return="
                        + URLEncoder.encode("/app/contacts", StandardCharsets.UTF_8));
                assertThat(inside.statusCode()).isEqualTo(302);
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
    }
}
