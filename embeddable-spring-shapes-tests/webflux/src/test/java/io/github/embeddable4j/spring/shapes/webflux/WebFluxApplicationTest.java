package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.graduation.GraduationCriterion;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The starter in a WebFlux application whose classpath has no servlet API: it starts, serves requests, and has the
 * framework-free beans ({@link Embeddable}, {@link CspSources}) and the WebFlux filter; the servlet-only ones (servlet
 * filter, nonce lookup, redirect page, Thymeleaf dialect) are absent, and configuration checks still run.
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=webflux-app", "ringcentral.embeddable.app-server=sandbox",
            "ringcentral.embeddable.graduation.file=target/webflux-graduation.json"})
class WebFluxApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theClasspathHasNoServletApi() {
        assertThatThrownBy(() -> Class.forName("jakarta.servlet.http.HttpServletRequest")).isInstanceOf(ClassNotFoundException.class);
        assertThat(context.getClass().getName()).contains("Reactive");
    }

    @Test
    void theApplicationServesRequests() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from WebFlux");
    }

    @Test
    void theFrameworkFreeBeansAreThereAndTheServletOnesAreNot() {
        Embeddable embeddable = context.getBean(Embeddable.class);
        assertThat(embeddable.config().clientId()).hasValue("webflux-app");
        assertThat(embeddable.scriptTag()).contains("clientId=webflux-app");
        // with connect-src 'self': the bridge's endpoints are there (on once something needs them)
        assertThat(context.getBean(CspSources.class)).hasToString(embeddable.contentSecurityPolicy().withEventBridge().toString());
        for (String servletBean : new String[] {"embeddableFilter", "embeddableNonceResolver", "embeddableRedirectPage",
            "embeddableDialect", "embeddableAnonymousVisitorsBefore", "embeddableAnonymousVisitorsAfter"}) {
            assertThat(context.containsBean(servletBean)).as(servletBean).isFalse();
        }
    }

    /** The docs' WebFlux recipe: the loader in the head with the response's nonce, and a policy that allows it. */
    @Test
    void aThymeleafPageCarriesTheLoaderWithTheResponsesNonce() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/contacts")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String nonce = policy.replaceFirst(".*'nonce-([^']+)'.*", "$1");
        Embeddable embeddable = context.getBean(Embeddable.class);
        assertThat(page.body()).contains(embeddable.scriptTag(nonce) + "\n</head>");
        assertThat(policy).contains("https://apps.ringcentral.com").contains("frame-src");
    }

    /**
     * As in a servlet application with Spring Security: by default a visitor who has not signed in gets no widget (and
     * the page no validators, as another visitor's copy would differ); a signed-in one gets it.
     */
    @Test
    void withSpringSecurityOnlySignedInVisitorsGetTheWidget() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI page = URI.create("http://localhost:" + port + "/attribute");
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.body()).isEqualTo(WebFluxApplication.PAGE);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(page).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        Embeddable embeddable = context.getBean(Embeddable.class);
        String head = WebFluxApplication.PAGE.substring(0, WebFluxApplication.PAGE.indexOf("</head>"));
        // the loader, then (in the sandbox, for the graduation tracker) the bridge script, then the rest of the page
        assertThat(signedIn.body()).startsWith(head + embeddable.scriptTag("fromAttribute") + "<script src=\"/embeddable4j/embeddable4j.js\"")
                .endsWith(WebFluxApplication.PAGE.substring(head.length()));
    }

    /**
     * On the sandbox server the graduation tracker listens to the widget's events, as in a servlet application: pages
     * carry the bridge, and an outbound SMS the page forwards (with reactive Spring Security's CSRF token) is counted.
     */
    @Test
    void inTheSandboxTheGraduationTrackerCountsWhatPagesForward() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/attribute"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher tag = java.util.regex.Pattern.compile("<script src=\"/embeddable4j/embeddable4j.js\"[^>]*"
                + "data-events=\"([^\"]*)\"[^>]*data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(tag.find()).as(page).isTrue();
        assertThat(tag.group(1).split(",")).contains("rc-message-updated-notify", "rc-login-status-notify");
        GraduationTracker tracker = context.getBean(GraduationTracker.class);
        int before = tracker.progress().item(GraduationCriterion.SMS_SENT).count();
        String sms = "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"m-" + System.nanoTime()
                + "\",\"type\":\"SMS\",\"direction\":\"Outbound\"}}";
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/events"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin").header("Authorization", basic)
                .header(tag.group(2), tag.group(3).replace("&#x3D;", "="))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + sms + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        long end = System.nanoTime() + 10_000_000_000L;
        while (tracker.progress().item(GraduationCriterion.SMS_SENT).count() == before && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(tracker.progress().item(GraduationCriterion.SMS_SENT).count()).isEqualTo(before + 1);
    }

    @Test
    void aTypoStillStopsTheApplicationBeforeTheServerStarts() {
        Throwable failure = catchThrowable(() -> new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.disable-cal=true"));
        assertThat(failure).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean 'ringcentral.embeddable.disable-call'?")));
    }

    @Test
    void signInOnceWithoutWhatItNeedsIsRefusedAtStartUpWithTheOtherProblems() {
        Throwable failure = catchThrowable(() -> new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.login.enabled=true",
                        "--ringcentral.embeddable.login.connect-on-login=true", "--ringcentral.embeddable.disable-cal=true"));
        assertThat(failure).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                // what sign in once needs of the widget: a client ID and a redirect URI of the application's own
                // (connect-on-login, refused here before it was offered in WebFlux, is no problem now)
                assertThat(e.problems()).extracting(p -> p.property()).containsExactlyInAnyOrder(
                        "ringcentral.embeddable.disable-cal", "ringcentral.embeddable.client-id",
                        "ringcentral.embeddable.redirect-uri"));
    }

    /**
     * {@code setup-page.enabled} serves the setup page in WebFlux too (it was ignored), on Netty, to this machine;
     * a request that a proxy says came from elsewhere does not get it.
     */
    @Test
    void theSetupPageIsServedToThisMachine() throws Exception {
        try (org.springframework.context.ConfigurableApplicationContext app = new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=webflux-setup",
                        "--ringcentral.embeddable.setup-page.enabled=true")) {
            String appPort = app.getEnvironment().getProperty("local.server.port"); // (the same in Boot 3 and 4)
            URI setup = URI.create("http://localhost:" + appPort + "/embeddable4j/setup");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(setup).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>RingCentral Embeddable setup</title>", "webflux-setup")
                    .doesNotContain("<script"); // its snippets are shown as text; the widget is not put on it
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(io.github.embeddable4j.core.setup.SetupPage.CONTENT_SECURITY_POLICY);
            HttpResponse<String> proxied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(setup)
                    .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(404);
            assertThat(proxied.body()).doesNotContain("webflux-setup");
        }
    }

    /**
     * {@code redirect-page.path} serves the widget's redirect page in WebFlux too (it was ignored: the login popup
     * would have ended on a 404), on Netty, outside the widget; a redirect URI elsewhere still stops start-up.
     */
    @Test
    void theRedirectPageIsServedAtItsPath() throws Exception {
        try (org.springframework.context.ConfigurableApplicationContext app = new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=webflux-app",
                        "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                        "--ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect")) {
            String appPort = app.getEnvironment().getProperty("local.server.port"); // (the same in Boot 3 and 4)
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + appPort + "/ringcentral/redirect?code=c&state=s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            byte[] expected = io.github.embeddable4j.core.RedirectPage.of(app.getBean(Embeddable.class)).bytes();
            assertThat(page.body()).isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.body()).doesNotContain("adapter.js"); // no widget in its own popup
        }
        Throwable elsewhere = catchThrowable(() -> new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=webflux-app",
                        "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                        "--ringcentral.embeddable.redirect-uri=https://crm.example.com/oauth/done"));
        assertThat(elsewhere).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                .extracting(p -> p.property()).containsExactly("ringcentral.embeddable.redirect-uri"));
    }

    /**
     * A redirect page with no redirect URI of the application's own is never used (the widget sends its login popup to
     * its hosting's page), and start-up says so, as the servlet does in a servlet application: a trial found WebFlux
     * silent, even after the page had been served. A redirect URI under {@code spring.webflux.base-path} is right and
     * gets nothing; an empty path serves no page (an empty environment variable, say).
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aRedirectPageThatIsNeverUsedIsToldAtStartUp(org.springframework.boot.test.system.CapturedOutput output) {
        String told = "EmbeddableRedirectPageWebFilter: no redirectUri is configured, so the widget uses its hosting's stock page";
        try (org.springframework.context.ConfigurableApplicationContext app = new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=webflux-app",
                        "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect")) {
            assertThat(app.containsBean("embeddableRedirectPage")).isTrue();
            assertThat(output.getAll()).contains(told).contains("(served at [/ringcentral/redirect])");
        }
        int before = output.getAll().length();
        try (org.springframework.context.ConfigurableApplicationContext app = new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=webflux-app",
                        "--spring.webflux.base-path=/app", "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                        "--ringcentral.embeddable.redirect-uri=https://crm.example.com/app/ringcentral/redirect")) {
            assertThat(app.containsBean("embeddableRedirectPage")).isTrue();
        }
        assertThat(output.getAll().substring(before)).contains("Netty started").doesNotContain("EmbeddableRedirectPageWebFilter");
        try (org.springframework.context.ConfigurableApplicationContext app = new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.redirect-page.path=")) {
            assertThat(app.containsBean("embeddableRedirectPage")).isFalse();
            assertThat(app.containsBean("embeddableWebFilter")).as("the starter's WebFlux beans are there").isTrue();
        }
    }

    /**
     * The docs' "Testing your application" for WebFlux: a {@code WebTestClient} bound to the context (what
     * {@code @AutoConfigureWebTestClient} makes in a mock environment) sees pages with the widget when signed in (here
     * with HTTP Basic; with Spring Security, visitors who have not signed in get none), text without, and the starter's
     * bridge, a {@code WebFilter} here (MockMvc does not reach its servlet counterpart).
     */
    @Test
    void aWebTestClientBoundToTheContextSeesWhatTheStarterDoes() {
        org.springframework.test.web.reactive.server.WebTestClient client =
                org.springframework.test.web.reactive.server.WebTestClient.bindToApplicationContext(context).build();
        Embeddable embeddable = context.getBean(Embeddable.class);
        client.get().uri("/strict").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).as("a visitor who has not signed in").doesNotContain("adapter.js"));
        client.get().uri("/strict").headers(h -> h.setBasicAuth("ada", "secret")).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains(embeddable.config().hosting().baseUrl() + "adapter.js?clientId=webflux-app"));
        client.get().uri("/hello").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).isEqualTo("hello from WebFlux"));
        client.get().uri("/embeddable4j/embeddable4j.js").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
    }
}
