package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each setting of {@link ThirdPartyService.Builder} just past its border (refused, named by the builder method to
 * change) and at it (taken): a bad setting fails at start-up, never in the widget, and a good one is never refused.
 */
class ServiceBuilderBordersTest {

    private static final ContactProvider CONTACTS = CrmTestSupport.matching(Map.of());

    private static final Duration SEARCH_TIMEOUT = Callout.CONTACT_SEARCH.widgetTimeout();

    private static ThirdPartyService.Builder base(String name) {
        return ThirdPartyService.builder(name).contacts(CONTACTS);
    }

    private static List<String> problems(ThirdPartyService.Builder builder) {
        EmbeddableConfigException thrown = catchThrowableOfType(EmbeddableConfigException.class, builder::build);
        if (thrown == null) {
            builder.build().close();
            return List.of();
        }
        return thrown.problems().stream().map(ConfigProblem::property).toList();
    }

    @Test
    void eachSettingJustPastItsBorderIsRefusedByName() {
        List<Map.Entry<String, UnaryOperator<ThirdPartyService.Builder>>> each = List.of(
                Map.entry("name", b -> ThirdPartyService.builder("x".repeat(101)).contacts(CONTACTS)),
                Map.entry("name", b -> ThirdPartyService.builder("a\tb").contacts(CONTACTS)),
                Map.entry("displayName", b -> b.displayName(" ")),
                Map.entry("displayName", b -> b.displayName("x".repeat(101))),
                Map.entry("path(CONTACT_SEARCH)", b -> b.path(Callout.CONTACT_SEARCH, null)),
                Map.entry("deadline(CONTACT_SEARCH)", b -> b.deadline(Callout.CONTACT_SEARCH, null)),
                Map.entry("deadline(CONTACT_SEARCH)", b -> b.deadline(Callout.CONTACT_SEARCH, Duration.ZERO)),
                Map.entry("deadline(CONTACT_SEARCH)", b -> b.deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(-1))),
                Map.entry("deadline(CONTACT_SEARCH)", b -> b.deadline(Callout.CONTACT_SEARCH, SEARCH_TIMEOUT)),
                Map.entry("contactMatchTtl", b -> b.contactMatchTtl(null)),
                Map.entry("contactNoMatchTtl", b -> b.contactNoMatchTtl(Duration.ofMillis(-1))),
                Map.entry("option", b -> b.option(null, "x")),
                Map.entry("option", b -> b.option(" ", "x")),
                Map.entry("option(settingsPath)", b -> b.option("settingsPath", "/x")),
                Map.entry("option(authorized)", b -> b.option("authorized", true)), // the service says, per user
                Map.entry("contactViewer", b -> ThirdPartyService.builder("acme").contactViewer((c, caller) -> Optional.empty())),
                Map.entry("option(info)", b -> b.option("info", null)),
                Map.entry("queueCapacity", b -> b.queueCapacity(0)),
                Map.entry("threads", b -> b.threads(0)));
        for (Map.Entry<String, UnaryOperator<ThirdPartyService.Builder>> e : each) {
            assertThat(problems(e.getValue().apply(base("acme")))).as(e.getKey()).containsExactly(e.getKey());
        }
    }

    @Test
    void eachSettingAtItsBorderIsTaken() {
        ThirdPartyService.Builder builder = base("x".repeat(100)).displayName("y".repeat(100))
                .deadline(Callout.CONTACT_SEARCH, SEARCH_TIMEOUT.minusMillis(1))
                .contactMatchTtl(Duration.ofMillis(1))
                .option("info", 5).option("callLoggerAutoSettingLabel", "Auto").option("showLogModal", false)
                .threads(1).queueCapacity(1);
        assertThat(problems(builder)).isEmpty();
        try (ThirdPartyService service = builder.build()) {
            assertThat(service.descriptor().name()).hasSize(100);
            assertThat(service.descriptor().displayName()).hasSize(100);
            assertThat(service.descriptor().options()).containsEntry("contactMatchTtl", 1L).containsEntry("info", 5)
                    .containsEntry("callLoggerAutoSettingLabel", "Auto").containsEntry("showLogModal", false);
            assertThat(service.descriptor().authorization()).as("no authorization provider, no status").isEmpty();
        }
        // a viewer needs contacts of this service, from either provider; a display name of null is the name
        ThirdPartyService.Builder directoryOnly = ThirdPartyService.builder("acme").displayName(null)
                .contactDirectory((request, caller) -> ContactPage.last(List.of()))
                .contactViewer((contact, caller) -> Optional.empty());
        assertThat(problems(directoryOnly)).isEmpty();
        try (ThirdPartyService service = directoryOnly.build()) {
            assertThat(service.descriptor().displayName()).isEqualTo("acme");
        }
    }
}
