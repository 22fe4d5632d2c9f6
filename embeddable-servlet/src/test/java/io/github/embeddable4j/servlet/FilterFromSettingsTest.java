package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.inject.InjectionPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plain servlet application that keeps its settings in a properties file (a WAR on a shared server) reads the
 * filter's rules and the widget's settings from one map, with one report: a WildFly trial reading them with two calls
 * saw only the first call's problems.
 */
class FilterFromSettingsTest {

    @Test
    void goodSettingsMakeTheWidgetAndTheRules() {
        EmbeddableFilter filter = EmbeddableFilter.fromSettings(Map.of("client-id", "from-properties", "app-server", "sandbox",
                "exclude-paths", "/admin/*", "injection-point", "body-end"));

        assertThat(filter.embeddable().config().clientId()).hasValue("from-properties");
        assertThat(filter.embeddable().config().appServer()).isEqualTo(AppServer.SANDBOX);
        assertThat(filter.rules().excludes()).containsExactly("/admin/*");
        assertThat(filter.rules().point()).isEqualTo(InjectionPoint.BODY_END);
    }

    @Test
    void everyProblemOfBothKindsComesInOneReport() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("app-server", "sandbx");          // a widget setting's value
        settings.put("injection-point", "middle");     // a filter rule's value
        settings.put("exclude-path", "/admin/*");      // neither kind

        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableFilter.fromSettings(settings));

        assertThat(e.problems()).extracting(ConfigProblem::property)
                .containsExactlyInAnyOrder("app-server", "injection-point", "exclude-path");
        assertThat(e.problems()).filteredOn(p -> p.property().equals("exclude-path")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean 'exclude-paths'?"));
    }
}
