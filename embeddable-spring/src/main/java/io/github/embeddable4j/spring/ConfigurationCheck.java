package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.Environment;

/**
 * Reads and validates {@code ringcentral.embeddable.*} while the application context is being set up: after the
 * bean definitions are known and before the web server is created, so a bad configuration stops the application
 * with one report of every problem (see {@link EmbeddableConfigFailureAnalyzer}) and no web-server error before it.
 * The widget settings are checked only when the starter builds the {@code Embeddable}; an application that defines
 * its own gets the starter's switches and unknown names checked.
 */
@NullUnmarked // internal: the environment arrives through EnvironmentAware
final class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Log LOG = LogFactory.getLog(ConfigurationCheck.class);

    private Environment environment;
    /** What the check read and built, kept for the starter's {@code Embeddable} bean so it is not read twice. */
    private EnvironmentSettings settings;
    private EmbeddableConfig config;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            // Spring AOT processing on a build machine: the settings are those of the machine the application starts
            // on (placeholders for secrets resolve there), and this check runs there, in the generated code.
            return;
        }
        ConfigProblem unsupported = unsupportedSpringBoot(SpringBootVersion.getVersion());
        if (unsupported != null) {
            throw new EmbeddableConfigException(List.of(unsupported));
        }
        settings = EnvironmentSettings.read(environment).inReactiveWebApplication(
                beanFactory.containsBeanDefinition(EmbeddableAutoConfiguration.WebFluxConfiguration.class.getName()));
        if (startersEmbeddable(beanFactory)) {
            config = settings.toConfig();
        } else {
            settings.checkSwitchesAndNames();
            if (!settings.settings().isEmpty()) {
                LOG.warn("RingCentral Embeddable: the application defines its own Embeddable bean, so these widget"
                        + " settings are not used: " + String.join(", ", settings.settings().keySet().stream()
                        .map(EnvironmentSettings::property).sorted().toList()) + ". Remove them, or remove the bean and set"
                        + " what you decide in code with an EmbeddableConfigCustomizer bean.");
            }
        }
    }

    /**
     * Spring Boot 2 (javax.servlet, Spring 5): the starter's configuration loads there, but its servlet and WebFlux
     * parts need Jakarta EE and Spring 6 and do not, so a trial's pages on Boot 2.7 got no widget and nothing said why.
     * Null for Spring Boot 3 and later, or when the version is unknown (no manifest).
     */
    static @Nullable ConfigProblem unsupportedSpringBoot(@Nullable String version) {
        if (version == null || !version.matches("[12]\\..*")) {
            return null;
        }
        return new ConfigProblem("spring-boot", "embeddable-spring needs Spring Boot 3 or later (Jakarta EE, Spring 6),"
                + " and this application runs Spring Boot " + version + ", where the starter's web parts do not load:"
                + " its pages would get no widget", "Move the application to Spring Boot 3.3 or later (3.5, 4.0 and 4.1"
                + " are tested). There is no version of embeddable4j for Spring Boot 2 or javax.servlet.");
    }

    /** The settings read from this environment during the check, or null when the check did not read them. */
    EnvironmentSettings settings(Environment environment) {
        return environment == this.environment ? settings : null;
    }

    /** The configuration built from {@link #settings}, or null. */
    EmbeddableConfig config() {
        return config;
    }

    /**
     * Whether the {@code Embeddable} bean is the starter's (the application did not define its own): made by the
     * auto-configuration's bean, whose name is its class name. Read from the factory bean's name because an
     * application built with Spring AOT has generated bean definitions, without the annotation metadata.
     */
    private static boolean startersEmbeddable(ConfigurableListableBeanFactory beanFactory) {
        String name = "embeddable";
        return beanFactory.containsBeanDefinition(name)
                && EmbeddableAutoConfiguration.class.getName().equals(beanFactory.getBeanDefinition(name).getFactoryBeanName());
    }
}
