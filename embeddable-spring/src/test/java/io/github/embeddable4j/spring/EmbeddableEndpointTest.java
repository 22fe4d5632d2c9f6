package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.graduation.GraduationCounter;
import io.github.embeddable4j.core.graduation.GraduationScope;
import io.github.embeddable4j.core.graduation.GraduationStore;
import io.github.embeddable4j.core.graduation.GraduationStoreException;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code embeddable} actuator endpoint: graduation progress as JSON for a team that watches its instances through
 * the actuator (a cluster trial had no way to read it but the setup page), exposed only when the application says so,
 * and a store that cannot be read answers in the JSON, not with a 500.
 */
class EmbeddableEndpointTest {

    @TempDir
    Path dir;

    @Test
    void anExposedEndpointShowsTheStoresCountsPerCriterion() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class},
                "--management.endpoints.web.exposure.include=health,embeddable",
                "--ringcentral.embeddable.graduation.file=" + dir.resolve("graduation.json"))) {
            GraduationTracker tracker = context.getBean(GraduationTracker.class);
            GraduationStore store = context.getBean(GraduationStore.class);
            for (String call : new String[] {"call-1", "call-2", "call-3", "call-3"}) {
                store.record(tracker.scope(), GraduationCounter.OUTBOUND_BROWSER_CALLS, call);
            }
            HttpResponse<String> answer = get(context, "/actuator/embeddable");
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode graduation = new ObjectMapper().readTree(answer.body()).get("graduation");
            assertThat(graduation.get("enabled").asBoolean()).isTrue();
            assertThat(graduation.get("clientId").asText()).isEqualTo("endpoint-test");
            assertThat(graduation.get("server").asText()).isEqualTo("https://platform.devtest.ringcentral.com");
            assertThat(graduation.get("readyForProduction").asBoolean()).isFalse();
            JsonNode outbound = criterion(graduation, "OUTBOUND_BROWSER_CALLS");
            assertThat(outbound.get("count").asInt()).isEqualTo(3); // distinct call ids
            assertThat(outbound.get("target").asInt()).isEqualTo(5);
            assertThat(outbound.get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(outbound.get("requirement").asText()).isEqualTo("Make 5 outbound browser (web phone) calls");
            JsonNode byHand = criterion(graduation, "RINGOUT_CALL_CONTROLS");
            assertThat(byHand.get("status").asText()).isEqualTo("CHECK_BY_HAND");
            assertThat(byHand.has("count")).isFalse();
        }
    }

    @Test
    void theEndpointIsNotThereUnlessExposed() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class},
                "--ringcentral.embeddable.graduation.file=" + dir.resolve("graduation.json"))) {
            assertThat(context.getBeansOfType(EmbeddableEndpoint.class)).isEmpty();
            assertThat(get(context, "/actuator/embeddable").statusCode()).isEqualTo(404);
            assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200); // the actuator itself is on
        }
    }

    @Test
    void withGraduationOffTheEndpointSaysSo() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class},
                "--management.endpoints.web.exposure.include=embeddable", "--ringcentral.embeddable.graduation.enabled=false")) {
            HttpResponse<String> answer = get(context, "/actuator/embeddable");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.body()).get("graduation").toString()).isEqualTo("{\"enabled\":false}");
        }
    }

    @Test
    void aStoreThatCannotBeReadIsSaidInTheAnswerAndTheAppKeepsServing() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class, BrokenStore.class},
                "--management.endpoints.web.exposure.include=embeddable")) {
            HttpResponse<String> answer = get(context, "/actuator/embeddable");
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode graduation = new ObjectMapper().readTree(answer.body()).get("graduation");
            // the kind only, as the setup page shows it: a store's message may hold a JDBC URL with its password
            assertThat(graduation.get("error").asText()).isEqualTo("GraduationStoreException (the application's log has the details)");
            assertThat(answer.body()).doesNotContain("s3cr3t").doesNotContain("jdbc:");
            assertThat(graduation.has("criteria")).isFalse();
            assertThat(get(context, "/actuator/embeddable").statusCode()).isEqualTo(200);
        }
    }

    /** A review: a store of the application's that throws something else than GraduationStoreException got a 500. */
    @Test
    void anyFailureOfAStoreIsSaidByItsKind() throws Exception {
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class, StoreThatThrows.class},
                "--management.endpoints.web.exposure.include=embeddable")) {
            HttpResponse<String> answer = get(context, "/actuator/embeddable");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.body()).get("graduation").get("error").asText())
                    .isEqualTo("IllegalStateException (the application's log has the details)");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StoreThatThrows {
        @Bean
        GraduationStore throwingStore() {
            return new GraduationStore() {
                @Override
                public int record(GraduationScope scope, GraduationCounter counter, String key) {
                    throw new IllegalStateException("pool exhausted");
                }

                @Override
                public Map<GraduationCounter, Integer> counts(GraduationScope scope) {
                    throw new IllegalStateException("pool exhausted");
                }
            };
        }
    }

    /**
     * Two trackers of the application's own: the endpoint cannot tell which one counts, and said "enabled": false, as
     * if graduation were off. It now fails the start as the setup page does, naming both; a primary one is shown.
     */
    @Test
    void twoTrackersStopTheStartUnlessOneIsPrimary() throws Exception {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> start(new Class<?>[] {TestApplication.class, TwoTrackers.class},
                "--management.endpoints.web.exposure.include=embeddable").close()))
                .hasRootCauseInstanceOf(org.springframework.beans.factory.NoUniqueBeanDefinitionException.class)
                .rootCause().hasMessageContainingAll("salesTracker", "supportTracker");
        try (ConfigurableApplicationContext context = start(new Class<?>[] {TestApplication.class, TwoTrackers.class, PrimaryTracker.class},
                "--management.endpoints.web.exposure.include=embeddable")) {
            JsonNode graduation = new ObjectMapper().readTree(get(context, "/actuator/embeddable").body()).get("graduation");
            assertThat(graduation.get("enabled").asBoolean()).isTrue();
            assertThat(graduation.get("clientId").asText()).isEqualTo("primary-app");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoTrackers {
        @Bean
        GraduationTracker salesTracker(GraduationStore store) {
            return tracker("sales-app", store);
        }

        @Bean
        GraduationTracker supportTracker(GraduationStore store) {
            return tracker("support-app", store);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryTracker {
        @Bean
        @org.springframework.context.annotation.Primary
        GraduationTracker primaryTracker(GraduationStore store) {
            return tracker("primary-app", store);
        }
    }

    private static GraduationTracker tracker(String clientId, GraduationStore store) {
        return new GraduationTracker(io.github.embeddable4j.core.EmbeddableConfig.builder().clientId(clientId).build(), store);
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenStore {
        @Bean
        GraduationStore failingStore() {
            return new GraduationStore() {
                @Override
                public int record(GraduationScope scope, GraduationCounter counter, String key) {
                    throw new GraduationStoreException("cannot reach jdbc:postgresql://db/crm?password=s3cr3t");
                }

                @Override
                public Map<GraduationCounter, Integer> counts(GraduationScope scope) {
                    throw new GraduationStoreException("cannot reach jdbc:postgresql://db/crm?password=s3cr3t");
                }
            };
        }
    }

    private static ConfigurableApplicationContext start(Class<?>[] sources, String... args) {
        SpringApplication application = new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET).build();
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--ringcentral.embeddable.client-id=endpoint-test";
        all[2] = "--ringcentral.embeddable.app-server=sandbox";
        System.arraycopy(args, 0, all, 3, args.length);
        return application.run(all);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port"); // Boot 3 and 4 alike
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode criterion(JsonNode graduation, String name) {
        for (JsonNode criterion : graduation.get("criteria")) {
            if (criterion.get("name").asText().equals(name)) {
                return criterion;
            }
        }
        throw new AssertionError("no " + name + " in " + graduation);
    }
}
