package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reactive Spring Security rules that keep visitors without a session from the widget's redirect page (or, with
 * {@code inject.anonymous=true}, from the bridge) are reported at start-up with the rule that permits them, on Netty.
 * Each case first shows what the rules really do to such a visitor.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredPathsWarningTest {

    private static final String WARNING = "RingCentral Embeddable: Spring Security's rules keep visitors without a session";

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.io.github.embeddable4j.spring.ReactiveSecuredPathsCheck=DEBUG",
                "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                "--ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect"));
        args.addAll(List.of(properties));
        if (args.stream().noneMatch(a -> a.startsWith("--ringcentral.embeddable.client-id"))) {
            args.add("--ringcentral.embeddable.client-id=webflux-test"); // an app of one's own: the page is used
        }
        return new SpringApplication(FormLoginApplication.class).run(args.toArray(String[]::new));
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aProtectedRedirectPageIsReportedWithTheRuleThatPermitsIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.protect=/inbox,/ringcentral/redirect")) {
            HttpResponse<String> popup = get(context, "/ringcentral/redirect");
            assertThat(popup.statusCode()).as("the popup gets the sign-in page").isEqualTo(302);
            assertThat(popup.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
        assertThat(output.getAll()).contains(WARNING + " from the widget's redirect page, /ringcentral/redirect,")
                .contains("Permit it: exchanges.pathMatchers(\"/ringcentral/redirect\").permitAll()");
    }

    /**
     * On the demo app the redirect page is never used (its redirect page warns so at start-up): a trial was told that and,
     * beside it, to permit the page. The rules keep it, and only the demo app is said.
     */
    @Test
    void onTheDemoAppTheRedirectPageIsNotJudged(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--ringcentral.embeddable.client-id=",
                "--test.protect=/inbox,/ringcentral/redirect")) {
            assertThat(get(context, "/ringcentral/redirect").statusCode()).as("the rules keep it").isEqualTo(302);
        }
        assertThat(output.getAll()).contains("the widget runs on RingCentral's demo app (no clientId)").doesNotContain(WARNING);
    }

    @Test
    void aPermittedRedirectPageIsNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(get(context, "/ringcentral/redirect").statusCode()).isEqualTo(200);
            assertThat(get(context, "/inbox").statusCode()).as("the rules are on").isEqualTo(302);
            // The rules were run, not given up on (which logs at debug, set on here, and says nothing).
            assertThat(output.getAll()).contains("Netty started").doesNotContain(WARNING)
                    .doesNotContain("Could not ask Spring Security's rules");
        }
    }

    @Test
    void withAnonymousVisitorsWidgetsTheBridgeTheyLoadIsReportedToo(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--ringcentral.embeddable.inject.anonymous=true",
                "--test.protect=/inbox,/embeddable4j/events,/embeddable4j/service")) {
            assertThat(get(context, "/embeddable4j/embeddable4j.js").statusCode()).isEqualTo(200);
            assertThat(get(context, "/embeddable4j/events").statusCode()).as("sent to sign in").isEqualTo(302);
        }
        assertThat(output.getAll()).contains(WARNING + " from the bridge, which the pages of visitors who have not signed"
                + " in load (inject.anonymous=true): \"/embeddable4j/events\", \"/embeddable4j/service\". Permit them:"
                + " exchanges.pathMatchers(\"/embeddable4j/events\", \"/embeddable4j/service\").permitAll()")
                .doesNotContain("from the widget's redirect page");
    }
}
