package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.spring.app.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A servlet web application (Spring MVC, Thymeleaf, Spring Security, Tomcat) started with a bad configuration:
 * Spring Boot's startup report lists every problem, by the property as the application wrote it, with its fix;
 * the configuration is checked before the web server is created, so no web-server error comes first.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTest {

    @Test
    void theReportListsEveryProblemInPropertyTermsAndNoWebServerErrorPrecedesIt(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off",
                "--ringcentral.embeddable.app-server=sandbx",
                "--ringcentral.embeddable.default-call-with=phone",
                "--ringcentral.embeddable.client-id=has space",
                "--ringcentral.embeddable.enable-popup=true",
                "--ringcentral.embeddable.hosting=1.2.3",
                "--ringcentral.embeddable.disable-cal=true",
                "--ringcentral.embeddable.inject.error-pages=maybe"));
        assertThat(failure).isNotNull();

        String log = output.getAll();
        assertThat(log).contains("APPLICATION FAILED TO START");
        String report = log.substring(log.indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("The RingCentral Embeddable configuration has 7 problems:")
                .contains("- ringcentral.embeddable.inject.error-pages: 'maybe' is not true or false")
                .contains("- ringcentral.embeddable.disable-cal: no RingCentral Embeddable setting has this name")
                .contains("Did you mean 'ringcentral.embeddable.disable-call'?")
                .contains("- ringcentral.embeddable.app-server: 'sandbx' is neither a server name nor an https:// origin (did you mean sandbox?)")
                .contains("- ringcentral.embeddable.app-server: Write production, sandbox, ringcentral-biz or your own server's https:// origin.")
                .contains("- ringcentral.embeddable.default-call-with: 'phone' is not a calling option")
                .contains("- ringcentral.embeddable.default-call-with: Write one of browser, jupiter, softphone, ringout.")
                .contains("- ringcentral.embeddable.client-id: 'has space' does not look like a client ID")
                .contains("- ringcentral.embeddable.client-id: Copy the client ID from the Developer Console's Credentials page.")
                .contains("- ringcentral.embeddable.enable-popup: Also set ringcentral.embeddable.multiple-tabs-support=true, or remove"
                        + " ringcentral.embeddable.enable-popup.")
                .contains("- ringcentral.embeddable.hosting: widget versions before 1.9 stopped working in March 2024 (set in the command line).")
                .contains("- ringcentral.embeddable.hosting: Use latest, a channel such as 2.x, or a version from 1.9.0 on.");
        // The report speaks in properties: no setting appears in the widget's camel-case spelling.
        for (String setting : SettingNames.all()) {
            if (!setting.equals(setting.toLowerCase(java.util.Locale.ROOT))) {
                assertThat(report).as("camel-case %s in the report", setting).doesNotContainPattern("\\b" + setting + "\\b");
            }
        }
        // Checked before the web server was created: no server error, no server at all.
        assertThat(log).doesNotContain("Unable to start web server").doesNotContain("Error starting Tomcat context")
                .doesNotContain("Tomcat initialized").doesNotContain("Application run failed");
    }

    /**
     * A value from a placeholder names the placeholder beside the file's line: an operations trial set a misspelt
     * variable, and the report said the client ID was not set "(set in application.yml ...)", a line inside the jar.
     */
    @Test
    void aValueFromAPlaceholderIsReportedWithThePlaceholder(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.require-client-id=true",
                "--ringcentral.embeddable.client-id=${NOT_SET_BY_THIS_TEST_EITHER:}",
                "--ringcentral.embeddable.app-server=${NOT_SET_BY_THIS_TEST:http://platform.example.com}"));
        assertThat(failure).isNotNull();
        String log = output.getAll();
        String report = log.substring(log.indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("- ringcentral.embeddable.client-id: a client ID is required (ringcentral.embeddable.require-client-id is on) but"
                        + " none is set (set in the command line, as ${NOT_SET_BY_THIS_TEST_EITHER:}).")
                .contains("(set in the command line, as ${NOT_SET_BY_THIS_TEST:http://platform.example.com}).");
        // A secret's placeholder is not shown: its default would be the secret.
        Throwable secret = catchThrowable(() -> new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-secret=${NOT_SET_BY_THIS_TEST:s3cr3t-default}"));
        assertThat(secret).isNotNull();
        assertThat(output.getAll()).contains("ringcentral.embeddable.client-secret").doesNotContain("s3cr3t-default");
    }

    /**
     * Secrets by their old names and in quotes (a review proved both printed): appSecret is clientSecret's old name, and
     * a .env file's quotes around a secret are reported without the secret.
     */
    @Test
    void noSecretIsPrintedByItsOldNameOrInQuotes(CapturedOutput output) {
        catchThrowable(() -> new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=AbC123xyz",
                "--ringcentral.embeddable.allow-secrets-in-markup=true", "--ringcentral.embeddable.client-secret=another-secret",
                "--ringcentral.embeddable.app-secret=${NOT_SET_BY_THIS_TEST:s3cr3t-default}"));
        assertThat(output.getAll()).contains("ringcentral.embeddable.app-secret").doesNotContain("s3cr3t-default")
                .doesNotContain("another-secret");
        Throwable quoted = catchThrowable(() -> new SpringApplication(TestApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=AbC123xyz",
                "--ringcentral.embeddable.client-secret=\"s3cr3tQuoted\""));
        assertThat(quoted).isNotNull();
        assertThat(output.getAll()).contains("ringcentral.embeddable.client-secret: the value is in quotes")
                .doesNotContain("s3cr3tQuoted");
    }
}
