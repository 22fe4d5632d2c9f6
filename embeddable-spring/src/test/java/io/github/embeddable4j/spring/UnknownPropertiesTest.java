package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.WidgetParameter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A property under {@code ringcentral.embeddable} that names no setting stops the application, named as written and
 * with the nearest property, whichever source it comes from; {@code fail-on-unknown-properties=false} makes it a
 * warning. Real {@link SpringApplication} runs (without a web server, for speed).
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesTest {

    private static final String[] QUIET = {"--spring.main.banner-mode=off", "--logging.level.root=warn"};

    @Test
    void aTypoInAPropertiesFileStopsTheApplication() {
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--spring.config.location=classpath:/typos/typo.properties"));
        assertThat(problem.property()).isEqualTo("ringcentral.embeddable.disable-cal");
        assertThat(problem.message()).contains("typo.properties] - 3:").endsWith("Did you mean 'ringcentral.embeddable.disable-call'?");
        assertThat(problem.fix()).isEqualTo("Rename it to ringcentral.embeddable.disable-call.");
    }

    @Test
    void aTypoInYamlStopsTheApplication() {
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--spring.config.location=classpath:/typos/typo.yml"));
        assertThat(problem.property()).isEqualTo("ringcentral.embeddable.inject.exclude-path[0]");
        assertThat(problem.message()).contains("typo.yml]").endsWith("Did you mean 'ringcentral.embeddable.inject.exclude-paths'?");
    }

    @Test
    void aTypoInAnEnvironmentVariableIsAnsweredInItsOwnSpelling() {
        ConfigProblem problem = singleProblem(() -> run(Map.of("RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "true")));
        assertThat(problem.property()).isEqualTo("RINGCENTRAL_EMBEDDABLE_DISABLE_CAL");
        assertThat(problem.message()).contains("System Environment Property \"RINGCENTRAL_EMBEDDABLE_DISABLE_CAL\"")
                .endsWith("Did you mean 'RINGCENTRAL_EMBEDDABLE_DISABLE_CALL'?");
    }

    /**
     * A Kubernetes secret mounted as a config tree, its file named as the environment variable: Spring Boot reads that
     * source's names as written, so nobody read it, without a word (a production-style trial's client ID); the file
     * named as the property is read.
     */
    @Test
    void aConfigTreeFileNamedAsAVariableStopsTheApplication(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tree)
            throws Exception {
        java.nio.file.Path variable = tree.resolve("as-variable");
        java.nio.file.Files.createDirectories(variable);
        java.nio.file.Files.writeString(variable.resolve("RINGCENTRAL_EMBEDDABLE_CLIENT_ID"), "abc123\n");
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--spring.config.import=configtree:" + variable + "/"));
        assertThat(problem.property()).isEqualTo("RINGCENTRAL_EMBEDDABLE_CLIENT_ID");
        assertThat(problem.message()).startsWith("written as an environment variable, but not one: Spring Boot reads this"
                + " source's names as they are written, so nothing reads it (set in ").contains("RINGCENTRAL_EMBEDDABLE_CLIENT_ID");
        assertThat(problem.fix()).isEqualTo("Rename it to ringcentral.embeddable.client-id (for a config tree, the file's name).");

        java.nio.file.Path property = tree.resolve("as-property");
        java.nio.file.Files.createDirectories(property);
        java.nio.file.Files.writeString(property.resolve("ringcentral.embeddable.client-id"), "abc123\n");
        try (ConfigurableApplicationContext context = run(Map.of(), "--spring.config.import=configtree:" + property + "/")) {
            assertThat(context.getBean(Embeddable.class).config().clientId()).contains("abc123");
        }
    }

    @Test
    void aTypoOnTheCommandLineStopsTheApplication() {
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--ringcentral.embeddable.disableCal=true"));
        assertThat(problem.property()).isEqualTo("ringcentral.embeddable.disableCal");
        assertThat(problem.message()).contains("(set in the command line)").endsWith("Did you mean 'ringcentral.embeddable.disable-call'?");
    }

    /**
     * A setting written at another level (a trial's {@code login.redirect-uri}, an {@code exclude-paths} outside
     * {@code inject}) is too far from its name by spelling for "Did you mean"; the one setting of that name is it.
     */
    @Test
    void aSettingAtAnotherLevelIsSuggestedByItsName() {
        assertThat(singleProblem(() -> run(Map.of(), "--ringcentral.embeddable.login.redirect-uri=https://a.example/cb"))
                .message()).endsWith("Did you mean 'ringcentral.embeddable.redirect-uri'?");
        assertThat(singleProblem(() -> run(Map.of(), "--ringcentral.embeddable.exclude-paths=/admin/*")).message())
                .endsWith("Did you mean 'ringcentral.embeddable.inject.exclude-paths'?");
        assertThat(singleProblem(() -> run(Map.of(), "--ringcentral.embeddable.my-own-feature.enabled=true")).message())
                .as("several switches are named enabled: none is guessed").doesNotContain("Did you mean");
    }

    /** A prefix one or two letters off would leave every setting unread: the widget would run on the demo app. */
    @Test
    void aTypoInThePrefixStopsTheApplication() {
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--ringcentral.embedable.client-id=abc"));
        assertThat(problem.property()).isEqualTo("ringcentral.embedable.client-id");
        assertThat(problem.message()).isEqualTo("not read, as its prefix is not ringcentral.embeddable (set in the command"
                + " line). Did you mean 'ringcentral.embeddable.client-id'?");

        problem = singleProblem(() -> run(Map.of("RINGCENTRAL_EMBEDABLE_INJECT_ENABLED", "false")));
        assertThat(problem.property()).isEqualTo("RINGCENTRAL_EMBEDABLE_INJECT_ENABLED");
        assertThat(problem.message()).endsWith("Did you mean 'RINGCENTRAL_EMBEDDABLE_INJECT_ENABLED'?");

        problem = singleProblem(() -> run(Map.of("RINGCENTRAL_EMBEDABLE_FRAME_ORIGINS_0", "https://a.example.com")));
        assertThat(problem.property()).as("an indexed list item").isEqualTo("RINGCENTRAL_EMBEDABLE_FRAME_ORIGINS_0");

        problem = singleProblem(() -> run(Map.of(), "--ringcentrall.embeddable.params.someFlag=1"));
        assertThat(problem.fix()).isEqualTo("Rename it to ringcentral.embeddable.params.someFlag.");
    }

    /** Keys near the prefix whose rest names nothing of ours, and keys of RingCentral's own SDKs, are not ours. */
    @Test
    void keysNearThePrefixThatNameNoSettingAreLeftAlone() {
        try (ConfigurableApplicationContext context = run(Map.of("RINGCENTRAL_CLIENT_ID", "sdk", "RINGCENTRAL_SERVER_URL", "x"),
                "--ringcentral.embedable.zzz=1", "--ringcentral.embedded.client-id=other", "--ringcentral.client-id=sdk",
                "--ringcentral.embeddable.client-id=abc")) {
            assertThat(context.getBean(Embeddable.class).config().clientId()).hasValue("abc");
        }
    }

    /**
     * An application's own settings under the starter's prefix (a trial's {@code ringcentral.embeddable.crm.page-size})
     * are told where they belong, and how to let unknown names pass.
     */
    @Test
    void anApplicationsOwnSettingUnderThePrefixIsToldToMove() {
        ConfigProblem problem = singleProblem(() -> run(Map.of(), "--ringcentral.embeddable.crm.page-size=50"));
        assertThat(problem.property()).isEqualTo("ringcentral.embeddable.crm.page-size");
        assertThat(problem.fix()).contains("The prefix ringcentral.embeddable is this library's: give your application's own"
                + " settings a prefix of their own").contains("ringcentral.embeddable.fail-on-unknown-properties=false");
    }

    @Test
    void everyTypoAndEveryBadValueAreReportedTogether() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> run(Map.of(),
                "--ringcentral.embeddable.disable-cal=true", "--ringcentral.embeddable.zzz=1",
                "--ringcentral.embeddable.inject.error-pages=maybe", "--ringcentral.embeddable.default-call-with=phone"));
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                "ringcentral.embeddable.inject.error-pages", "ringcentral.embeddable.disable-cal", "ringcentral.embeddable.zzz",
                "ringcentral.embeddable.default-call-with");
        assertThat(e.problems()).filteredOn(p -> p.property().endsWith("zzz")).singleElement()
                .satisfies(p -> assertThat(p.message()).doesNotContain("Did you mean"));
        assertThat(e.problems()).filteredOn(p -> p.property().endsWith("error-pages")).singleElement()
                .satisfies(p -> assertThat(p.message() + " " + p.fix()).contains("'maybe' is not true or false").contains("Write true or false."));
        assertThat(e.problems()).filteredOn(p -> p.property().endsWith("call-with")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("browser, jupiter, softphone, ringout"));
    }

    @Test
    void withFailOnUnknownPropertiesOffATypoIsAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext context = run(Map.of(), "--ringcentral.embeddable.disable-cal=true",
                "--ringcentral.embeddable.fail-on-unknown-properties=false")) {
            assertThat(context.getBean(Embeddable.class).config().isOn(WidgetParameter.DISABLE_CALL)).isFalse();
        }
        assertThat(output.getAll()).contains("RingCentral Embeddable: ringcentral.embeddable.disable-cal: no RingCentral"
                + " Embeddable setting has this name (set in the command line). Did you mean 'ringcentral.embeddable.disable-call'?");
    }

    @Test
    void environmentVariablesSetEverySettingAndWinOverFiles() {
        try (ConfigurableApplicationContext context = run(Map.of("RINGCENTRAL_EMBEDDABLE_CLIENT_ID", "from-env",
                        "RINGCENTRAL_EMBEDDABLE_APP_SERVER", "sandbox", "RINGCENTRAL_EMBEDDABLE_ENABLE_WEBRTC_PLAN_B", "true",
                        "RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG", "1"),
                "--spring.config.location=classpath:/typos/plain.properties")) {
            EmbeddableConfig config = context.getBean(Embeddable.class).config();
            assertThat(config.clientId()).hasValue("from-env");
            assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
            assertThat(config.isOn(WidgetParameter.ENABLE_WEBRTC_PLAN_B)).isTrue(); // a spelling Spring itself does not map
            assertThat(config.extraParams()).containsEntry("someflag", "1");
        }
    }

    @Test
    void switchesAndParamsAreNotMistakenForTyposInAnySpelling() {
        try (ConfigurableApplicationContext context = run(Map.of("RINGCENTRAL_EMBEDDABLE_BRIDGE_ENABLED", "false"),
                "--ringcentral.embeddable.params.someFlag=1", "--RingCentral.Embeddable.inject.exclude-paths=/x",
                "--ringcentral.embeddable.clientId=abc")) {
            assertThat(context.getBean(Embeddable.class).config().extraParams()).containsEntry("someFlag", "1");
            assertThat(context.getBean(EmbeddableProperties.class).getInject().getExcludePaths()).containsExactly("/x");
            assertThat(context.getBean(EmbeddableProperties.class).getBridge().isEnabled()).isFalse();
        }
    }

    /** Switches in their environment-variable spelling: a bad value is reported, fail-on-unknown-properties is read. */
    @Test
    void switchesAreCheckedInTheirEnvironmentVariableSpelling(CapturedOutput output) {
        ConfigProblem problem = singleProblem(() -> run(Map.of("RINGCENTRAL_EMBEDDABLE_INJECT_ERRORPAGES", "maybe")));
        assertThat(problem.property()).isEqualTo("ringcentral.embeddable.inject.error-pages");
        assertThat(problem.message()).contains("'maybe' is not true or false");

        try (ConfigurableApplicationContext context = run(Map.of("RINGCENTRAL_EMBEDDABLE_FAILONUNKNOWNPROPERTIES", "false",
                "RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "true"))) {
            assertThat(context.getBean(EmbeddableProperties.class).isFailOnUnknownProperties()).isFalse();
        }
        assertThat(output.getAll()).contains("RingCentral Embeddable: RINGCENTRAL_EMBEDDABLE_DISABLE_CAL: no RingCentral"
                + " Embeddable setting has this name");
    }

    /** The scan looks a key up as a widget setting before it looks at the switches: that order must not matter. */
    @Test
    void noSwitchHasTheNameOfAWidgetSetting() {
        Map<String, String> names = PropertyScan.switchNames();
        assertThat(names).hasSizeGreaterThan(20).containsKey("injectexcludepaths");
        assertThat(names.keySet()).allSatisfy(relaxed ->
                assertThat(io.github.embeddable4j.core.SettingNames.find(relaxed)).as(relaxed).isEmpty());
    }

    /** Runs the starter alone, with these environment variables in place of the real ones (also for ListSettingsTest). */
    /**
     * A YAML {@code ringcentral.embeddable:} section whose lines are all commented out is an empty value, which Spring
     * Boot ignores when it binds; the starter reported it twice and stopped the start (a review). A setting beside it
     * still counts.
     */
    @Test
    void aYamlSectionWithEveryLineCommentedOutIsNoSetting() {
        try (ConfigurableApplicationContext context = run(Map.of(), "--spring.config.location=classpath:/yaml/commented-out.yml")) {
            assertThat(context.getBean(io.github.embeddable4j.core.Embeddable.class).config().clientId()).isEmpty();
        }
        try (ConfigurableApplicationContext context = run(Map.of(), "--spring.config.location=classpath:/yaml/commented-out.yml",
                "--ringcentral.embeddable.client-id=beside-it")) {
            assertThat(context.getBean(io.github.embeddable4j.core.Embeddable.class).config().clientId()).hasValue("beside-it");
        }
    }

    static ConfigurableApplicationContext run(Map<String, Object> variables, String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        SpringApplication app = new SpringApplication(OnlyTheStarter.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setEnvironment(environment);
        String[] all = new String[args.length + QUIET.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(QUIET, 0, all, args.length, QUIET.length);
        return app.run(all);
    }

    private static ConfigProblem singleProblem(Runnable run) {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, run::run);
        assertThat(e).as("startup failure").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(EmbeddableAutoConfiguration.class)
    static class OnlyTheStarter {
    }
}
