package io.github.embeddable4j.spring.secured;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Spring Security's rules that keep visitors without a session from the widget's redirect page (or, with
 * {@code inject.anonymous=true}, from the bridge) are reported at start-up with the line that permits them: a trial's
 * widget login failed with nothing saying why. Each case first shows what the rules really do to such a visitor.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredPathsCheckTest {

    private static final String WARNING = "RingCentral Embeddable: Spring Security's rules keep visitors without a session";

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.io.github.embeddable4j.spring.SecuredPathsCheck=DEBUG",
                "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                "--ringcentral.embeddable.redirect-uri=http://localhost/crm/ringcentral/redirect"));
        args.addAll(List.of(properties));
        if (args.stream().noneMatch(a -> a.startsWith("--ringcentral.embeddable.client-id"))) {
            args.add("--ringcentral.embeddable.client-id=secured-test"); // an app of one's own: the page is used
        }
        return new SpringApplication(SecuredApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class); // Boot 3.5 and 4
    }

    @Test
    void aProtectedRedirectPageIsReportedWithTheLineThatPermitsIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--server.servlet.context-path=/crm")) {
            HttpResponse<String> popup = new SecuredApplicationTest.Visitor(port(context), "/crm").get("/ringcentral/redirect");
            assertThat(popup.statusCode()).as("the popup gets the sign-in page").isEqualTo(302);
            assertThat(popup.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/crm/login"));
        }
        assertThat(output.getAll()).contains(WARNING + " from the widget's redirect page, /ringcentral/redirect,")
                .contains("Permit it: auth.requestMatchers(\"/ringcentral/redirect\").permitAll()")
                .doesNotContain("/embeddable4j/embeddable4j.js");
    }

    /**
     * On the demo app the redirect page is never used, which its servlet says at start-up: a trial was told that and,
     * beside it, to permit the page. The rules keep it, and only the demo app is said.
     */
    @Test
    void onTheDemoAppTheRedirectPageIsNotJudged(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--ringcentral.embeddable.client-id=",
                "--test.permit=/public,/error")) {
            HttpResponse<String> popup = new SecuredApplicationTest.Visitor(port(context)).get("/ringcentral/redirect");
            assertThat(popup.statusCode()).as("the rules keep it").isEqualTo(302);
        }
        assertThat(output.getAll()).contains("the widget runs on RingCentral's demo app (no clientId)").doesNotContain(WARNING);
    }

    /**
     * Rules that deny what they do not name keep signed-in users from the bridge: its script is a 403 (Chromium then
     * refuses to run the JSON answer as a script) and no event reaches the server. An MVC trial found nothing said so.
     */
    @Test
    void aBridgeDeniedToSignedInUsersIsReportedWithTheLineThatAllowsIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.listener=true", "--test.permit=/ringcentral/redirect,/error",
                "--test.authenticated=/,/page")) {
            SecuredApplicationTest.Visitor ada = new SecuredApplicationTest.Visitor(port(context));
            ada.signIn();
            assertThat(ada.get("/").body()).as("the page loads the bridge").contains("src=\"/embeddable4j/embeddable4j.js\"");
            assertThat(ada.get("/embeddable4j/embeddable4j.js").statusCode()).as("the rules keep it").isEqualTo(403);
        }
        assertThat(output.getAll()).contains("RingCentral Embeddable: Spring Security's rules keep signed-in users from the"
                + " bridge, \"/embeddable4j/embeddable4j.js\", \"/embeddable4j/events\", \"/embeddable4j/service\"")
                .contains("auth.requestMatchers(\"/embeddable4j/embeddable4j.js\", \"/embeddable4j/events\", "
                        + "\"/embeddable4j/service\").authenticated()");
    }

    /**
     * The same rules where nothing needs the bridge (no listener, no CRM service, no sign in once: the starter's own
     * lazy dispatcher does not count): pages carry no bridge script, and nothing is said of it.
     */
    @Test
    void aBridgeNothingNeedsIsNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.permit=/ringcentral/redirect,/error",
                "--test.authenticated=/,/page")) {
            SecuredApplicationTest.Visitor ada = new SecuredApplicationTest.Visitor(port(context));
            ada.signIn();
            assertThat(ada.get("/").body()).as("no bridge on the page").doesNotContain("embeddable4j.js");
        }
        assertThat(output.getAll()).contains("Tomcat started").doesNotContain("keep signed-in users");
    }

    @Test
    void aBridgeAllowedToSignedInUsersIsNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.listener=true", "--test.permit=/ringcentral/redirect,/error",
                "--test.authenticated=/,/page,/embeddable4j/embeddable4j.js,/embeddable4j/events,/embeddable4j/service")) {
            SecuredApplicationTest.Visitor ada = new SecuredApplicationTest.Visitor(port(context));
            ada.signIn();
            assertThat(ada.get("/embeddable4j/embeddable4j.js").statusCode()).isEqualTo(200);
        }
        assertThat(output.getAll()).contains("Tomcat started").doesNotContain("keep signed-in users");
    }

    @Test
    void aPermittedRedirectPageIsNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.permit=/public,/ringcentral/redirect,/error")) {
            HttpResponse<String> popup = new SecuredApplicationTest.Visitor(port(context)).get("/ringcentral/redirect");
            assertThat(popup.statusCode()).isEqualTo(200);
            // The rules were read, not given up on (which logs at debug, set on for these tests, and says nothing).
            assertThat(output.getAll()).contains("Tomcat started").doesNotContain(WARNING)
                    .doesNotContain("Could not ask Spring Security's rules")
                    // the made-up error dispatch is prepared as Spring's own filter prepares a request (a Vaadin trial
                    // saw Spring MVC's "Cache miss for ERROR dispatch" warning at every start)
                    .doesNotContain("Cache miss for");
        }
    }

    /**
     * A Boot 4 trial on Jetty: a sign-out's last event post, refused for its ended CSRF token, was dispatched to a
     * protected /error, saved, and the next sign-in landed on /error?continue. Rules that keep /error are reported.
     */
    @Test
    void aProtectedErrorPageIsReportedWithTheLineThatPermitsIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.permit=/public,/ringcentral/redirect")) {
            HttpResponse<String> error = new SecuredApplicationTest.Visitor(port(context)).get("/error");
            assertThat(error.statusCode()).as("the error page is kept from a visitor without a session").isEqualTo(302);
        }
        assertThat(output.getAll()).contains(WARNING + " from the error page, /error.")
                .contains("the next sign-in lands on /error?continue. Permit it, as Spring Boot advises:"
                        + " auth.requestMatchers(\"/error\").permitAll()")
                .doesNotContain("from the widget's redirect page");
    }

    /**
     * Without Spring MVC (a Jersey application) there is no error page to protect: the container answers errors with
     * its own page, and a Jersey trial was told to permit an /error that answered 404. The redirect page's warning,
     * which does not depend on Spring MVC, still comes.
     */
    @Test
    void withoutSpringMvcTheErrorPageIsNotReported(CapturedOutput output) throws Exception {
        SpringApplication withoutMvc = new SpringApplication(SecuredApplication.class);
        withoutMvc.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(
                new org.springframework.boot.test.context.FilteredClassLoader("org.springframework.web.servlet.")));
        try (ConfigurableApplicationContext context = withoutMvc.run("--server.port=0", "--spring.main.banner-mode=off",
                "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                "--ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect",
                "--ringcentral.embeddable.client-id=secured-test",
                "--test.permit=/public", "--test.path-patterns=true")) {
            assertThat(context.containsBean("dispatcherServlet")).isFalse();
            HttpResponse<String> error = new SecuredApplicationTest.Visitor(port(context)).get("/error");
            assertThat(error.statusCode()).as("no error page without Spring MVC: the container's 404").isEqualTo(404);
        }
        assertThat(output.getAll()).contains(WARNING + " from the widget's redirect page, /ringcentral/redirect,")
                .doesNotContain("from the error page");
    }

    /**
     * With the DispatcherServlet at a path, the warnings name what is outside it: the redirect page written with
     * {@code PathPatternRequestMatcher} (Boot 4 reads {@code requestMatchers("/x")} as {@code /app/x}, and a trial's
     * copied rule permitted nothing), and Boot's error page where Boot serves it, {@code /app/error} (the check asked
     * about {@code /error}: warned for rules that permitted the real one, and said nothing for rules that did not).
     * Rules written as advised are not reported.
     */
    @Test
    void withTheDispatcherServletAtAPathTheWarningsNameWhatIsOutsideIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--spring.mvc.servlet.path=/app", "--test.path-patterns=true",
                "--test.permit=/app/public")) {
            HttpResponse<String> popup = new SecuredApplicationTest.Visitor(port(context)).get("/ringcentral/redirect");
            assertThat(popup.statusCode()).as("the popup gets the sign-in page").isEqualTo(302);
        }
        assertThat(output.getAll()).contains(WARNING + " from the widget's redirect page, /ringcentral/redirect,")
                .contains("The DispatcherServlet is mapped at /app/*, and Spring Boot 4 reads requestMatchers(\"/x\") as"
                        + " /app/x: write each path outside it as requestMatchers(PathPatternRequestMatcher.withDefaults()"
                        + ".matcher(\"/x\")).")
                .contains(WARNING + " from the error page, /app/error.")
                .contains("Permit it, as Spring Boot advises: auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()")
                .doesNotContain("from the error page, /error.");
        int before = output.getAll().length();
        try (ConfigurableApplicationContext context = start("--spring.mvc.servlet.path=/app", "--test.path-patterns=true",
                "--test.permit=/app/public,/ringcentral/redirect", "--test.permit-error-dispatches=true")) {
            assertThat(new SecuredApplicationTest.Visitor(port(context)).get("/ringcentral/redirect").statusCode()).isEqualTo(200);
        }
        assertThat(output.getAll().substring(before)).contains("Tomcat started").doesNotContain(WARNING);
    }

    /** Error dispatches let through by type, not path: a direct GET /error is still kept, the dispatch is not. */
    @Test
    void errorDispatchesPermittedByTypeAreNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.permit=/public,/ringcentral/redirect",
                "--test.permit-error-dispatches=true")) {
            assertThat(new SecuredApplicationTest.Visitor(port(context)).get("/error").statusCode()).isEqualTo(302);
            // judged, not given up on (which logs at debug, on for these tests, and says nothing)
            assertThat(output.getAll()).contains("Tomcat started").doesNotContain(WARNING)
                    .doesNotContain("Could not ask Spring Security's rules");
        }
    }

    @Test
    void withTheBridgeOffTheErrorPageIsNotReported(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--test.permit=/public,/ringcentral/redirect",
                "--ringcentral.embeddable.bridge.enabled=false")) {
            assertThat(new SecuredApplicationTest.Visitor(port(context)).get("/error").statusCode()).isEqualTo(302);
            assertThat(output.getAll()).contains("Tomcat started").doesNotContain(WARNING);
        }
    }

    @Test
    void withAnonymousVisitorsWidgetsTheBridgeTheyLoadIsReportedToo(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("--ringcentral.embeddable.inject.anonymous=true",
                "--test.permit=/public,/ringcentral/redirect,/embeddable4j/embeddable4j.js")) {
            SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port(context));
            assertThat(visitor.get("/embeddable4j/embeddable4j.js").statusCode()).isEqualTo(200);
            assertThat(visitor.get("/embeddable4j/events").statusCode()).as("sent to sign in").isEqualTo(302);
        }
        assertThat(output.getAll()).contains(WARNING + " from the bridge, which the pages of visitors who have not signed"
                + " in load (inject.anonymous=true): \"/embeddable4j/events\", \"/embeddable4j/service\". Permit them:"
                + " auth.requestMatchers(\"/embeddable4j/events\", \"/embeddable4j/service\").permitAll()")
                .doesNotContain("from the widget's redirect page");
    }

    /**
     * The DispatcherServlet at a path ({@code spring.mvc.servlet.path}) beside the starter's servlets: Spring Security
     * 6's {@code requestMatchers(String...)} cannot tell whose patterns they are, and every request its rules judge
     * failed with a 500 once the starter was added (a trial's application, which served without it). On Spring
     * Security 6 the start now stops, with the fix; the 500s are shown first with the check left out. Spring Security 7
     * (Boot 4) matches such patterns as paths, and the same application starts and serves.
     */
    @Test
    void aDispatcherServletAtAPathWithPatternRulesStopsTheStartWhereSpringSecurityCannotDecide() throws Exception {
        String[] args = {"--server.port=0", "--spring.main.banner-mode=off", "--spring.mvc.servlet.path=/app"};
        boolean springSecurity6 = org.springframework.security.core.SpringSecurityCoreVersion.getVersion().startsWith("6.");
        SpringApplication withoutTheCheck = new SpringApplication(SecuredApplication.class);
        withoutTheCheck.addInitializers(context -> context.getBeanFactory().registerSingleton("embeddableSecuredPathsCheck",
                (org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent>) ready -> { }));
        try (ConfigurableApplicationContext context = withoutTheCheck.run(args)) {
            HttpResponse<String> page = new SecuredApplicationTest.Visitor(port(context)).get("/app/public");
            if (springSecurity6) {
                assertThat(page.statusCode()).as("what the check stops").isEqualTo(500);
            } else {
                assertThat(page.statusCode()).isNotEqualTo(500);
            }
        }
        if (!springSecurity6) {
            try (ConfigurableApplicationContext context = new SpringApplication(SecuredApplication.class).run(args)) {
                assertThat(new SecuredApplicationTest.Visitor(port(context)).get("/app/public").statusCode()).isNotEqualTo(500);
            }
            return;
        }
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> new SpringApplication(SecuredApplication.class).run(args));
        assertThat(failure).isInstanceOfSatisfying(io.github.embeddable4j.core.EmbeddableConfigException.class, e -> assertThat(
                e.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.property()).isEqualTo("spring.mvc.servlet.path");
                    assertThat(problem.message()).startsWith("the DispatcherServlet is mapped at /app/* and other servlets beside it (")
                            .contains("embeddableBridge at /embeddable4j/").endsWith("fails with an IllegalArgumentException (a 500).");
                    assertThat(problem.fix()).contains("PathPatternRequestMatcher.withDefaults().basePath(\"/app\")",
                            "or map the DispatcherServlet at /");
                }));
    }
}
