package io.github.embeddable4j.spring.shapes.othersecurity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application guarded by a security filter that is not Spring Security, as Apache Shiro's is: registered with
 * order 1, it names the session's user through a wrapped request ({@code getUserPrincipal}), sends visitors who have
 * not signed in to the sign-in page and remembers what they asked for, as Shiro's {@code authc} does. A Shiro trial:
 * the widget was on every page, the sign-in page's bridge script was such a request, and the next sign-in landed on
 * the script. With {@code inject.anonymous=false} set, only signed-in visitors get the widget; without it, every page.
 */
class OtherSecurityFilterTest {

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void withInjectAnonymousFalseOnlySignedInVisitorsGetTheWidget(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = start("--ringcentral.embeddable.inject.anonymous=false")) {
            // said at start-up, for an application without sign-in that copied the setting
            assertThat(output.getAll()).contains("inject.anonymous=false without Spring Security: a page gets the widget"
                    + " only when, after your filters, the request has a principal");
            Browser browser = new Browser(port(context));
            assertThat(browser.get("/inbox").headers().firstValue("Location")).as("sent to sign in")
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            HttpResponse<String> signInPage = browser.get("/login");
            assertThat(signInPage.statusCode()).isEqualTo(200);
            assertThat(signInPage.body()).contains("<h1>Sign in</h1>").doesNotContain("adapter.js", "embeddable4j.js");
            assertThat(browser.get("/public").body()).contains("<h1>Public</h1>").doesNotContain("adapter.js");

            HttpResponse<String> signIn = browser.post("/signin?user=ada");
            assertThat(signIn.headers().firstValue("Location")).as("back to what was asked for").hasValue("/inbox");
            HttpResponse<String> inbox = browser.get("/inbox");
            assertThat(inbox.body()).contains("<h1>Inbox of ada</h1>").contains("adapter.js");
            assertThat(browser.get("/public").body()).as("a public page, signed in").contains("adapter.js");
        }
    }

    /** What the trial saw: without the setting, the sign-in page's widget loads a script the filter saves for later. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void withoutItEveryPageGetsTheWidgetAndTheSignInLandsOnTheScript(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(output.getAll()).contains("Tomcat started").doesNotContain("inject.anonymous=false without");
            Browser browser = new Browser(port(context));
            HttpResponse<String> signInPage = browser.get("/login");
            assertThat(signInPage.body()).contains("adapter.js", "/embeddable4j/embeddable4j.js");
            assertThat(browser.get("/embeddable4j/embeddable4j.js").statusCode()).as("the page's script, kept").isEqualTo(302);
            assertThat(browser.post("/signin?user=ada").headers().firstValue("Location"))
                    .hasValue("/embeddable4j/embeddable4j.js");
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                // a listener bean's absence leaves the bridge script off: events on, as the trial's application had them
                "--ringcentral.embeddable.graduation.enabled=true", "--ringcentral.embeddable.app-server=sandbox",
                "--ringcentral.embeddable.client-id=other-security"));
        args.addAll(List.of(properties));
        return new SpringApplication(GuardedApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @SpringBootApplication
    static class GuardedApplication {

        /** The security filter: order 1, as Shiro's Spring Boot starter registers its own. */
        @Bean
        FilterRegistrationBean<HttpFilter> guard() {
            FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
                @Override
                protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws IOException, ServletException {
                    HttpSession session = request.getSession(false);
                    String user = session == null ? null : (String) session.getAttribute("user");
                    String path = request.getRequestURI();
                    boolean open = path.equals("/login") || path.equals("/signin") || path.equals("/public")
                            || path.equals("/favicon.ico") || path.equals("/error");
                    if (user == null && !open) {
                        request.getSession().setAttribute("saved", path); // as Shiro's authc saves the request
                        response.sendRedirect("/login");
                        return;
                    }
                    chain.doFilter(user == null ? request : new HttpServletRequestWrapper(request) {
                        @Override
                        public Principal getUserPrincipal() {
                            return () -> user;
                        }

                        @Override
                        public String getRemoteUser() {
                            return user;
                        }
                    }, response);
                }
            });
            registration.setOrder(1);
            return registration;
        }

        @Bean
        io.github.embeddable4j.core.event.WidgetEventListener events() {
            return event -> { };
        }

        @RestController
        static class Pages {
            @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
            String login() {
                return page("Sign in");
            }

            @GetMapping(value = "/public", produces = MediaType.TEXT_HTML_VALUE)
            String open() {
                return page("Public");
            }

            @GetMapping(value = "/inbox", produces = MediaType.TEXT_HTML_VALUE)
            String inbox(HttpServletRequest request) {
                return page("Inbox of " + request.getUserPrincipal().getName());
            }

            @PostMapping("/signin")
            org.springframework.http.ResponseEntity<Void> signIn(@RequestParam("user") String user, HttpServletRequest request) {
                HttpSession session = request.getSession();
                Object saved = session.getAttribute("saved");
                request.changeSessionId();
                session.setAttribute("user", user);
                return org.springframework.http.ResponseEntity.status(302)
                        .header("Location", saved == null ? "/" : (String) saved).build();
            }

            private static String page(String title) {
                return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1></body></html>";
            }
        }
    }

    /** Cookies kept, redirects not followed, pages asked for as a browser's navigation asks. */
    private static final class Browser {
        private final String base;
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Browser(int port) {
            this.base = "http://localhost:" + port;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
