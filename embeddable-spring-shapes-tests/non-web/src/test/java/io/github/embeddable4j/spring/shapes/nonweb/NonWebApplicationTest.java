package io.github.embeddable4j.spring.shapes.nonweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The starter in a non-web application (spring-boot-starter only, no servlet API, no web framework): it starts, with
 * the framework-free beans, and bad configuration still stops it with the report.
 */
@SpringBootTest(classes = CommandLineApplication.class, properties = {"spring.main.web-application-type=none",
    "ringcentral.embeddable.client-id=batch-job", "ringcentral.embeddable.default-call-with=ringout"})
class NonWebApplicationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theClasspathHasNoServletApiAndNoWebFramework() {
        assertThatThrownBy(() -> Class.forName("jakarta.servlet.http.HttpServletRequest")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.web.context.WebApplicationContext")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theFrameworkFreeBeansAreThereAndTheServletOnesAreNot() {
        Embeddable embeddable = context.getBean(Embeddable.class);
        assertThat(embeddable.scriptTag()).contains("clientId=batch-job").contains("defaultCallWith=ringout");
        assertThat(context.getBean(CspSources.class)).hasToString(embeddable.contentSecurityPolicy().toString());
        for (String servletBean : new String[] {"embeddableFilter", "embeddableNonceResolver", "embeddableRedirectPage", "embeddableDialect"}) {
            assertThat(context.containsBean(servletBean)).as(servletBean).isFalse();
        }
    }

    @Test
    void badConfigurationStillStopsTheApplication() {
        SpringApplication app = new SpringApplication(CommandLineApplication.class);
        Throwable failure = catchThrowable(() -> app.run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--ringcentral.embeddable.default-call-with=phone", "--ringcentral.embeddable.disable-cal=true"));
        assertThat(failure).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                .extracting(p -> p.property())
                .containsExactly("ringcentral.embeddable.disable-cal", "ringcentral.embeddable.default-call-with"));
    }
}
