package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
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
        properties = {"ringcentral.embeddable.client-id=webflux-app", "ringcentral.embeddable.app-server=sandbox"})
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
        assertThat(context.getBean(CspSources.class)).hasToString(embeddable.contentSecurityPolicy().toString());
        for (String servletBean : new String[] {"embeddableFilter", "embeddableNonceResolver", "embeddableRedirectPage",
            "embeddableDialect", "embeddableAnonymousVisitorsBefore", "embeddableAnonymousVisitorsAfter"}) {
            assertThat(context.containsBean(servletBean)).as(servletBean).isFalse();
        }
    }

    /** The README's WebFlux recipe: the loader in the head with the response's nonce, and a policy that allows it. */
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
        assertThat(signedIn.body()).isEqualTo(WebFluxApplication.PAGE.replace("</head>", embeddable.scriptTag("fromAttribute") + "</head>"));
    }

    @Test
    void aTypoStillStopsTheApplicationBeforeTheServerStarts() {
        Throwable failure = catchThrowable(() -> new SpringApplication(WebFluxApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.disable-cal=true"));
        assertThat(failure).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean 'ringcentral.embeddable.disable-call'?")));
    }
}
