package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's own paths and switches, where a review found them wrong (each test failed before): an empty path (an
 * empty environment variable) mapped the bridge at {@code /*} over every page, or the setup page at the home page; a
 * bad path, or a bad {@code graduation.enabled}, failed alone instead of in the one report; a misspelt {@code enabled}
 * turned the starter off without a word; a rate-limit window without a unit was milliseconds; two beans of one
 * provider type left the service without that kind, silently.
 */
class StarterPathsAndSwitchesTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    /**
     * The dispatcher drains for Spring Boot's shutdown phase time (a trial's graceful shutdown set 20 s, the
     * dispatcher gave its listeners 5 s and lost 213 events it had taken), and its report names that property.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theDispatcherDrainsForSpringBootsShutdownPhaseTime(org.springframework.boot.test.system.CapturedOutput output) {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        io.github.embeddable4j.core.event.WidgetEventListener slow = e -> {
            try {
                Thread.sleep(50);
                ran.incrementAndGet();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.function.Consumer<String> closeWithTwentyQueued = timeout -> web.withBean("slow",
                io.github.embeddable4j.core.event.WidgetEventListener.class, () -> slow)
                .withPropertyValues(timeout == null ? new String[0] : new String[] {"spring.lifecycle.timeout-per-shutdown-phase=" + timeout})
                .run(context -> {
                    io.github.embeddable4j.core.event.WidgetEventDispatcher dispatcher = context.getBean(
                            io.github.embeddable4j.core.event.WidgetEventDispatcher.class);
                    for (int i = 0; i < 20; i++) {
                        assertThat(dispatcher.dispatch(new io.github.embeddable4j.core.event.ReceivedWidgetEvent(
                                io.github.embeddable4j.core.message.WidgetEvents.parse("{\"type\":\"rc-call-ring-notify\"}"),
                                null, null, java.time.Instant.now(), io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.HTTP)))
                                .isTrue();
                    }
                }); // closing the context closes the dispatcher with most of them queued (a second's work)
        closeWithTwentyQueued.accept(null); // Spring Boot's default, 30 s
        assertThat(ran).hasValue(20);
        closeWithTwentyQueued.accept("100ms");
        assertThat(ran.get()).isLessThan(40);
        assertThat(output.getOut()).contains("widget event deliveries not run").contains("after waiting PT0.1S")
                .contains("Give the listeners more time with spring.lifecycle.timeout-per-shutdown-phase, or make them faster.");
    }

    /**
     * RingCentral's short variables, which the examples map and core's fromEnvironment reads, are not the starter's: a
     * trial set RINGCENTRAL_CLIENT_ID and RINGCENTRAL_APP_SERVER in its own application and got the demo app on
     * production, told only "no client ID is set". Said at start-up with the two fixes; mapped, nothing is said.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void ringCentralsShortVariablesAreSaidToBeUnread(org.springframework.boot.test.system.CapturedOutput output) {
        web.withPropertyValues("RINGCENTRAL_CLIENT_ID=abc123", "RINGCENTRAL_APP_SERVER=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Embeddable.class).config().clientId()).isEmpty(); // the unread variable, really
        });
        assertThat(output.getOut()).contains("RingCentral Embeddable: RINGCENTRAL_CLIENT_ID and RINGCENTRAL_APP_SERVER are"
                + " set in the environment, but the starter reads ringcentral.embeddable.* only, so they are not used. Set"
                + " RINGCENTRAL_EMBEDDABLE_CLIENT_ID and RINGCENTRAL_EMBEDDABLE_APP_SERVER, or map them in"
                + " application.properties, as the examples do: ringcentral.embeddable.client-id=${RINGCENTRAL_CLIENT_ID:},"
                + " ringcentral.embeddable.app-server=${RINGCENTRAL_APP_SERVER:}.");
        org.springframework.mock.env.MockEnvironment mapped = new org.springframework.mock.env.MockEnvironment()
                .withProperty("RINGCENTRAL_CLIENT_ID", "abc123").withProperty("RINGCENTRAL_APP_SERVER", "sandbox")
                .withProperty("ringcentral.embeddable.app-server", "${RINGCENTRAL_APP_SERVER:}");
        assertThat(EmbeddableAutoConfiguration.shortNamesNotRead(mapped, io.github.embeddable4j.core.EmbeddableConfig.builder()
                .clientId("abc123").build())).isEmpty();
        assertThat(EmbeddableAutoConfiguration.shortNamesNotRead(mapped, io.github.embeddable4j.core.EmbeddableConfig.builder()
                .build())).hasValueSatisfying(line -> assertThat(line).startsWith(
                        "RingCentral Embeddable: RINGCENTRAL_CLIENT_ID is set in the environment").contains("it is not used"));
    }

    @Test
    void anEmptyPathIsNotSet() {
        web.withPropertyValues("ringcentral.embeddable.bridge.path=", "ringcentral.embeddable.setup-page.enabled=true",
                "ringcentral.embeddable.setup-page.path=", "ringcentral.embeddable.graduation.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((ServletRegistrationBean<?>) context.getBean("embeddableBridge")).getUrlMappings())
                            .containsExactlyInAnyOrder("/embeddable4j/embeddable4j.js", "/embeddable4j/events",
                                    "/embeddable4j/service"); // exactly, not /embeddable4j/*: see BridgeEndpoints.paths
                    assertThat(((ServletRegistrationBean<?>) context.getBean("embeddableSetupPage")).getUrlMappings())
                            .containsExactly("/embeddable4j/setup");
                });
    }

    /**
     * A graduation file the store cannot keep stops the start when it was set, and is warned about when it is the
     * default (a home folder mounted read-only): an operations trial's started cleanly and then lost every count.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aGraduationFileThatCannotBeKeptIsToldAtStartUp(org.springframework.boot.test.system.CapturedOutput output,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path aFile = java.nio.file.Files.writeString(dir.resolve("home"), "a file, not a folder");
        web.withPropertyValues("ringcentral.embeddable.graduation.enabled=true",
                "ringcentral.embeddable.graduation.file=" + aFile.resolve("graduation.json")).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(EmbeddableConfigException.class,
                            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.graduation.file");
                                assertThat(p.message()).isEqualTo("the graduation counts file " + aFile.resolve("graduation.json")
                                        + " cannot be made: " + aFile + " is not a folder.");
                                assertThat(p.fix()).contains("ringcentral.embeddable.graduation.enabled=false");
                            }));
                });
        String home = System.getProperty("user.home");
        System.setProperty("user.home", aFile.toString());
        try {
            web.withPropertyValues("ringcentral.embeddable.graduation.enabled=true").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(output.getAll()).contains("Graduation progress will not be counted: the graduation counts file "
                        + aFile.resolve(".embeddable4j/graduation.json") + " cannot be made: " + aFile + " is not a folder.")
                        .contains("Set ringcentral.embeddable.graduation.file to a file in a folder the application may write");
            });
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void badPathsAndABadGraduationSwitchAreInTheOneReport() {
        web.withPropertyValues("ringcentral.embeddable.bridge.path=embeddable4j",
                "ringcentral.embeddable.setup-page.enabled=true", "ringcentral.embeddable.setup-page.path=/",
                "ringcentral.embeddable.graduation.enabled=maybe", "ringcentral.embeddable.inject.error-pages=maybe").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                            .hasMessageContaining("ringcentral.embeddable.bridge.path")
                            .hasMessageContaining("ringcentral.embeddable.setup-page.path")
                            .hasMessageContaining("ringcentral.embeddable.graduation.enabled")
                            .hasMessageContaining("ringcentral.embeddable.inject.error-pages");
                });
    }

    /**
     * A redirect page's path that is not a page's path is in the report too, on WebFlux as on servlets (a WebFlux
     * trial's {@code ringcentral/redirect} stopped the start with a stack trace that named no property); one that
     * climbs ({@code ..}) or holds a blank is refused alike: a browser asks for another path than the one served.
     */
    @Test
    void aRedirectPagePathThatIsNotAPagesPathIsInTheReport() {
        org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner reactive =
                new org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner()
                        .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));
        for (String path : new String[] {"ringcentral/redirect", "/a/../redirect", "/a b", "/redirect?x=1"}) {
            reactive.withPropertyValues("ringcentral.embeddable.redirect-page.path=" + path).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).as(path).isInstanceOf(EmbeddableConfigException.class)
                        .hasMessageContaining("ringcentral.embeddable.redirect-page.path: '" + path + "' is not a page's path")
                        .hasMessageContaining("such as /ringcentral/redirect");
            });
        }
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=ringcentral/redirect").run(context ->
                assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                        .hasMessageContaining("ringcentral.embeddable.redirect-page.path: 'ringcentral/redirect'"));
        reactive.withPropertyValues("ringcentral.embeddable.redirect-page.path=/ringcentral/redirect.html")
                .run(context -> assertThat(context).hasNotFailed());
    }

    /**
     * Sign in once's sign-out switch set while sign in once is off does nothing, and says so (a WebFlux trial set it
     * to keep the next user from the previous user's phone, and the calls went on under the next user's name).
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aLoginSwitchWithoutSignInOnceIsSaid(org.springframework.boot.test.system.CapturedOutput output) {
        String said = "ringcentral.embeddable.login.logout-widget is set, but sign in once is off";
        web.withPropertyValues("ringcentral.embeddable.login.logout-widget=true").run(context ->
                assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(said).contains("the next user at that browser has the previous user's phone")
                .contains("ringcentral.embeddable.login.enabled=true");
        int before = output.getOut().length();
        web.withPropertyValues("ringcentral.embeddable.login.logout-widget=false").run(context ->
                assertThat(context).hasNotFailed());
        web.run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut().substring(before)).as("not set, or set off").doesNotContain("but sign in once is off");
    }

    /**
     * With the bridge off, the application's listeners and CRM service get nothing from the pages, and the start says
     * so (a WebFlux trial's beans got nothing, without a word); on, or with nothing to feed, it says nothing.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theBridgeTurnedOffBesideListenersIsSaid(org.springframework.boot.test.system.CapturedOutput output) {
        io.github.embeddable4j.core.event.WidgetEventListener listener = e -> { };
        String said = "the bridge is off (ringcentral.embeddable.bridge.enabled=false), so pages send the server no widget"
                + " event and no CRM call-out: the widget-event listeners get nothing from them";
        web.withPropertyValues("ringcentral.embeddable.bridge.enabled=false")
                .withBean("calls", io.github.embeddable4j.core.event.WidgetEventListener.class, () -> listener)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(said);
        int before = output.getOut().length();
        web.withBean("calls", io.github.embeddable4j.core.event.WidgetEventListener.class, () -> listener)
                .run(context -> assertThat(context).hasNotFailed());
        web.withPropertyValues("ringcentral.embeddable.bridge.enabled=false").run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut().substring(before)).as("bridge on, or nothing to feed").doesNotContain("the bridge is off");
        try (var crm = io.github.embeddable4j.core.crm.ThirdPartyService.builder("crm").build()) {
            assertThat(EmbeddableAutoConfiguration.bridgeOffWarning(null, crm, false)).hasValueSatisfying(w ->
                    assertThat(w).contains("the CRM service gets nothing from them"));
            assertThat(EmbeddableAutoConfiguration.bridgeOffWarning(null, crm, true))
                    .as("the Vaadin component feeds them without the bridge").isEmpty();
        }
    }

    /** The kill switch is said once in the log (a trial's operator could not tell that a profile had turned it off). */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theKillSwitchIsSaidOnce(org.springframework.boot.test.system.CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Embeddable.class);
        });
        String line = "RingCentral Embeddable: off (ringcentral.embeddable.enabled=false): no widget, no endpoints, and no check"
                + " of the other ringcentral.embeddable.* settings.";
        assertThat(output.getOut()).contains(line);
        assertThat(output.getOut().indexOf(line)).isEqualTo(output.getOut().lastIndexOf(line));
        web.run(context -> assertThat(context).hasSingleBean(Embeddable.class));
        assertThat(output.getOut().indexOf(line)).as("said only when off").isEqualTo(output.getOut().lastIndexOf(line));
    }

    /** A value of the wrong form says the form to write (a trial's bad duration was told "Correct the value."). */
    @Test
    void aValueOfTheWrongFormSaysTheFormToWrite() {
        web.withPropertyValues("ringcentral.embeddable.bridge.rate-limit.window=10 seconds",
                "ringcentral.embeddable.service.threads=many").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.problems()).filteredOn(p -> p.property().equals("ringcentral.embeddable.bridge.rate-limit.window"))
                                .singleElement().satisfies(p -> {
                                    assertThat(p.message()).startsWith("'10 seconds' is not a duration (set in ");
                                    assertThat(p.fix()).isEqualTo("Write a duration such as 10s, 500ms, 1m or PT10S.");
                                });
                        assertThat(e.problems()).filteredOn(p -> p.property().equals("ringcentral.embeddable.service.threads"))
                                .singleElement().extracting(io.github.embeddable4j.core.ConfigProblem::message).asString()
                                .startsWith("'many' is not a whole number (set in ");
                        assertThat(e.problems()).filteredOn(p -> p.property().equals("ringcentral.embeddable.service.threads"))
                                .singleElement().extracting(io.github.embeddable4j.core.ConfigProblem::fix)
                                .isEqualTo("Write a whole number.");
                    });
                });
    }

    /**
     * The bridge's rate limit and the CRM's threads are in the one report too, with where they were set: a trial's
     * service.threads=-3 was missing from a report of six, and alone failed the start at bean creation, after the web
     * server was made, without its place.
     */
    @Test
    void badNumbersAreInTheOneReportWithTheirPlace() {
        web.withPropertyValues("ringcentral.embeddable.service.threads=-3", "ringcentral.embeddable.bridge.rate-limit.requests=0",
                "ringcentral.embeddable.graduation.enabled=maybe").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.problems()).extracting(io.github.embeddable4j.core.ConfigProblem::property).contains(
                                "ringcentral.embeddable.service.threads", "ringcentral.embeddable.bridge.rate-limit.requests",
                                "ringcentral.embeddable.graduation.enabled");
                        assertThat(e.problems()).filteredOn(p -> p.property().equals("ringcentral.embeddable.service.threads"))
                                .singleElement().satisfies(p -> {
                                    assertThat(p.message()).startsWith("-3 threads cannot run a CRM provider (set in ");
                                    assertThat(p.fix()).isEqualTo("Give at least 1 (default 8).");
                                });
                    });
                });
    }

    @Test
    void aMisspeltEnabledIsReportedAndFalseTurnsTheStarterOff() {
        ApplicationContextRunner plain = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));
        plain.withPropertyValues("ringcentral.embeddable.enabled=ture").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                    .hasMessageContaining("ringcentral.embeddable.enabled").hasMessageContaining("'ture' is not true or false");
        });
        for (String off : new String[] {"false", "off", "FALSE"}) {
            plain.withPropertyValues("ringcentral.embeddable.enabled=" + off)
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Embeddable.class));
        }
        plain.withPropertyValues("ringcentral.embeddable.enabled=true").run(context -> assertThat(context).hasSingleBean(Embeddable.class));
    }

    @Test
    void aRateLimitWindowWithoutAUnitIsSeconds() {
        web.withPropertyValues("ringcentral.embeddable.bridge.rate-limit.window=10").run(context -> assertThat(
                context.getBean(EmbeddableProperties.class).getBridge().getRateLimit().getWindow()).isEqualTo(Duration.ofSeconds(10)));
    }

    /** On a real server: an empty bridge path (RINGCENTRAL_EMBEDDABLE_BRIDGE_PATH=) took every page (404). */
    @Test
    void anEmptyBridgePathLeavesTheApplicationsPagesAlone() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.inject.anonymous=true",
                "--ringcentral.embeddable.bridge.path=")) {
            String port = context.getEnvironment().getProperty("local.server.port"); // Boot 3 and 4 alike
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/thymeleaf"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<li>Ada</li>");
            HttpResponse<String> script = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/embeddable4j/embeddable4j.js")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(script.statusCode()).isEqualTo(200);
        }
    }

    /**
     * An empty {@code redirect-page.path} (RINGCENTRAL_EMBEDDABLE_REDIRECT_PAGE_PATH=, or ${REDIRECT_PATH:}) is not set:
     * a servlet mapped at "" serves the context root, so the application's home page became the redirect page.
     * (WebFlux: {@code WebFluxApplicationTest}, where the reactive beans exist; this module has no WebFlux.)
     */
    @Test
    void anEmptyRedirectPagePathServesNoRedirectPage() throws Exception {
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=  ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("embeddableRedirectPage"));
        try (ConfigurableApplicationContext context = new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.redirect-page.path=")) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).as("no home page in this application: 200 was the redirect page").isEqualTo(404);
        }
        // false is off too: no servlet, and no check that the redirect URI ends in a path "false" (start-up failed)
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=false",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("embeddableRedirectPage"));
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=/ringcentral/redirect").run(context -> assertThat(
                ((ServletRegistrationBean<?>) context.getBean("embeddableRedirectPage")).getUrlMappings())
                .containsExactly("/ringcentral/redirect"));
    }

    @Test
    void twoBeansOfOneProviderTypeAreReportedUnlessOneIsPrimary() {
        ApplicationContextRunner plain = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));
        plain.withUserConfiguration(TwoContactProviders.class).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (!(failure instanceof EmbeddableConfigException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(EmbeddableConfigException.class)
                    .hasMessageContaining("there are 2 beans of type ContactProvider").hasMessageContaining("@Primary");
        });
        plain.withUserConfiguration(TwoContactProviders.class, PrimaryContactProvider.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(io.github.embeddable4j.core.crm.ThirdPartyService.class).registration(
                    io.github.embeddable4j.core.crm.Caller.anonymous()).join().toJson()).contains("contactMatchPath");
        });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class TwoContactProviders {
        @org.springframework.context.annotation.Bean
        io.github.embeddable4j.core.crm.ContactProvider crmContacts() {
            return new io.github.embeddable4j.spring.app.AdaContacts();
        }

        @org.springframework.context.annotation.Bean
        io.github.embeddable4j.core.crm.ContactProvider ldapContacts() {
            return new io.github.embeddable4j.spring.app.AdaContacts();
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class PrimaryContactProvider {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        io.github.embeddable4j.core.crm.ContactProvider primaryContacts() {
            return new io.github.embeddable4j.spring.app.AdaContacts();
        }
    }
}
