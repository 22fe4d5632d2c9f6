package io.github.embeddable4j.spring.secured;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With Spring Security, visitors who have not signed in get no widget (ringcentral.embeddable.inject.anonymous
 * defaults to false): not on the sign-in page Spring Security writes itself, not on public pages; after signing in,
 * every page has it. With inject.anonymous=true everyone gets it.
 */
public class SecuredApplicationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    /** A browser-like client: keeps cookies, does not follow redirects. */
    public static final class Visitor {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String host;
        private final int port;
        private final String contextPath;

        public Visitor(int port) {
            this(port, "");
        }

        /** A visitor of an application under a context path, such as {@code /crm}. */
        public Visitor(int port, String contextPath) {
            this("localhost", port, contextPath);
        }

        /** A visitor of the application at another host name (a tenant's, where a selector picks by host). */
        public Visitor(String host, int port, String contextPath) {
            this.host = host;
            this.port = port;
            this.contextPath = contextPath;
        }

        public HttpClient client() {
            return client;
        }

        public HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + contextPath + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        public void signIn() throws Exception {
            signIn(SecuredApplication.USER);
        }

        /** Signs in as one of the application's users (each with {@link SecuredApplication#PASSWORD}); returns the answer. */
        public HttpResponse<String> signIn(String user) throws Exception {
            Matcher token = CSRF.matcher(get("/login").body());
            assertThat(token.find()).as("CSRF token on the sign-in page").isTrue();
            String csrf = token.group(1) != null ? token.group(1) : token.group(2);
            String form = "username=" + user + "&password=" + SecuredApplication.PASSWORD
                    + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + contextPath + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
            return response;
        }
    }

    @Nested
    @SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class ByDefault {

        @LocalServerPort
        int port;

        @Test
        void theSignInPageHasNoWidget() throws Exception {
            HttpResponse<String> login = new Visitor(port).get("/login");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("name=\"password\"").doesNotContain("adapter.js");
        }

        @Test
        void withoutSignInOnceNothingIsPublishedForVaadinViews() throws Exception {
            Visitor visitor = new Visitor(port);
            visitor.signIn();
            assertThat(visitor.get("/published-handoff").body()).isEqualTo("not published");
        }

        /**
         * What a Vaadin component names by default: the session's current user. Over Vaadin's websocket the request's
         * principal stays the handshake's (a trial credited alice's events to her after bob signed in over her session
         * in another tab); the session's Spring Security context names the user who signed in last.
         */
        @Test
        void theSessionsCurrentUserIsPublishedForVaadinViews() throws Exception {
            Visitor visitor = new Visitor(port);
            assertThat(visitor.get("/published-session-user").body()).isEqualTo("nobody");
            visitor.signIn(SecuredApplication.USER);
            assertThat(visitor.get("/published-session-user").body()).isEqualTo(SecuredApplication.USER);
            visitor.signIn("grace"); // over the same session, without signing out
            assertThat(visitor.get("/published-session-user").body()).isEqualTo("grace");
        }

        @Test
        void aPublicPageHasNoWidgetForAnAnonymousVisitor() throws Exception {
            HttpResponse<String> page = new Visitor(port).get("/public");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<h1>About us</h1>").doesNotContain("adapter.js");
        }

        /**
         * A static page an anonymous visitor gets without the widget goes out without its validators: with its
         * Last-Modified, the browser would revalidate it after signing in, get a 304 and keep the copy without the
         * widget (a single-page application's trial).
         */
        @Test
        void aStaticPageKeptFromAnAnonymousVisitorCannotBeRevalidatedIntoStaying() throws Exception {
            Visitor visitor = new Visitor(port);
            HttpResponse<String> anonymous = visitor.get("/static.html");
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).contains("A static file").doesNotContain("adapter.js");
            assertThat(anonymous.headers().map().keySet()).doesNotContain("last-modified", "etag");
            visitor.signIn();
            assertThat(count(visitor.get("/static.html").body(), "adapter.js")).isEqualTo(1);
        }

        /**
         * A HEAD of a page forwarded to a static file (Spring Boot's welcome page) has Spring Security's headers, as its
         * GET does: a Boot-on-Jetty trial's HEAD / lost them, the response committed behind Security's header writer.
         */
        @Test
        void aForwardedHeadHasSpringSecuritysHeaders() throws Exception {
            Visitor visitor = new Visitor(port);
            visitor.signIn();
            HttpResponse<String> get = visitor.get("/welcome");
            assertThat(count(get.body(), "adapter.js")).isEqualTo(1);
            HttpResponse<String> head = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/welcome")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            for (String header : new String[] {"X-Content-Type-Options", "X-Frame-Options", "Cache-Control"}) {
                assertThat(get.headers().firstValue(header)).as(header + " on GET").isPresent();
                assertThat(head.headers().firstValue(header)).as(header + " on HEAD").isEqualTo(get.headers().firstValue(header));
            }
        }

        @Test
        void afterSigningInEveryPageHasTheWidget() throws Exception {
            Visitor visitor = new Visitor(port);
            assertThat(visitor.get("/").statusCode()).isEqualTo(302); // to the sign-in page
            visitor.signIn();
            HttpResponse<String> home = visitor.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(count(home.body(), "adapter.js")).isEqualTo(1);
            assertThat(count(visitor.get("/public").body(), "adapter.js")).isEqualTo(1);
        }
    }

    @Nested
    @SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "test.permit-error-dispatches=true")
    class WithErrorDispatchesPermitted {

        @LocalServerPort
        int port;

        /**
         * Spring Security 7 parses the request's path before its firewall looks at it, and Spring's parser throws for a
         * path that does not start with the path of the prefix-mapped servlet it reached: {@code //embeddable4j/events}
         * answered 500, with a stack trace in the log, to anyone (an endpoint audit, on Boot 4; seen where the error
         * dispatch is let through, as here, while Boot's error page asks others to sign in). The bridge is mapped at
         * its three exact paths, which the parser leaves alone, and the firewall refuses these with a 400.
         */
        @Test
        void aPathOutsideTheBridgesMountAsWrittenIsRefusedWithA4xx() throws Exception {
            for (String path : new String[] {"//embeddable4j/events", "/./embeddable4j/events", "//embeddable4j/service",
                    "//embeddable4j/embeddable4j.js", "/embeddable4j;x=y/embeddable4j.js"}) {
                assertThat(rawStatus(port, "GET " + path)).as(path).isBetween(400, 499);
                assertThat(rawStatus(port, "POST " + path)).as("POST " + path).isBetween(400, 499);
            }
        }
    }

    @Nested
    @SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "ringcentral.embeddable.inject.anonymous=true")
    class WithAnonymousVisitorsAllowed {

        @LocalServerPort
        int port;

        @Test
        void everyPageHasTheWidget() throws Exception {
            Visitor visitor = new Visitor(port);
            assertThat(count(visitor.get("/login").body(), "adapter.js")).isEqualTo(1);
            assertThat(count(visitor.get("/public").body(), "adapter.js")).isEqualTo(1);
        }
    }

    /** The status of a request sent as written (HTTP clients normalise paths such as {@code /./x}). */
    static int rawStatus(int port, String requestLine) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
