package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Configuration;

class EmbeddableConfigFailureAnalyzerTest {

    @Test
    void aBadConfigurationStopsTheApplicationWithEveryPropertyAndFix() {
        SpringApplication app = new SpringApplication(OnlyTheStarter.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> app.run("--ringcentral.embeddable.app-server=http://x",
                "--ringcentral.embeddable.client-id=has space", "--ringcentral.embeddable.enable-popup=true",
                "--spring.main.banner-mode=off"));
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new EmbeddableConfigFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("The RingCentral Embeddable configuration has 3 problems:")
                .contains("ringcentral.embeddable.client-id: 'has space' does not look like a client ID")
                .contains("ringcentral.embeddable.app-server: 'http://x' does not use https (set in the command line).")
                .contains("ringcentral.embeddable.enable-popup: the pop-out window needs ringcentral.embeddable.multiple-tabs-support");
        assertThat(analysis.getAction())
                .contains("ringcentral.embeddable.app-server: Write production, sandbox, ringcentral-biz or your own server's https:// origin.")
                .contains("ringcentral.embeddable.enable-popup: Also set ringcentral.embeddable.multiple-tabs-support=true");
    }

    /**
     * On Spring Boot 2.7 (javax.servlet) the starter's configuration loaded and its web parts did not: a trial's pages
     * had no widget and nothing said why. The start now stops, and the report says which Spring Boot it needs.
     */
    @Test
    void springBoot2IsReportedAtStartUpAndLaterLinesPass() {
        io.github.embeddable4j.core.ConfigProblem problem = ConfigurationCheck.unsupportedSpringBoot("2.7.18");
        assertThat(problem).isNotNull();
        FailureAnalysis analysis = new EmbeddableConfigFailureAnalyzer().analyze(
                new io.github.embeddable4j.core.EmbeddableConfigException(java.util.List.of(problem)));
        assertThat(analysis.getDescription()).contains("spring-boot: embeddable-spring needs Spring Boot 3 or later",
                "this application runs Spring Boot 2.7.18", "its pages would get no widget");
        assertThat(analysis.getAction()).contains("Spring Boot 3.3 or later");

        assertThat(ConfigurationCheck.unsupportedSpringBoot("1.5.22")).isNotNull();
        assertThat(ConfigurationCheck.unsupportedSpringBoot("3.2.12")).isNull(); // its Jackson is core's to judge
        assertThat(ConfigurationCheck.unsupportedSpringBoot("4.1.2")).isNull();
        assertThat(ConfigurationCheck.unsupportedSpringBoot(null)).isNull(); // no manifest: not known, not refused
        assertThat(ConfigurationCheck.unsupportedSpringBoot(org.springframework.boot.SpringBootVersion.getVersion())).isNull();
    }

    @Test
    void isRegisteredForSpringBoot() throws Exception {
        boolean registered = false;
        var resources = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (resources.hasMoreElements()) {
            java.util.Properties factories = new java.util.Properties();
            try (var in = resources.nextElement().openStream()) {
                factories.load(in);
            }
            String analyzers = factories.getProperty(FailureAnalyzer.class.getName(), "");
            registered |= java.util.Arrays.stream(analyzers.split(",")).map(String::trim)
                    .anyMatch(EmbeddableConfigFailureAnalyzer.class.getName()::equals);
        }
        assertThat(registered).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(EmbeddableAutoConfiguration.class)
    static class OnlyTheStarter {
    }
}
