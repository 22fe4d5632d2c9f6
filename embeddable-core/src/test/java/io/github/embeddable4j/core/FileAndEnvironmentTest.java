package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A framework without an adapter reads a configuration file and the environment (a Helidon trial): the docs' recipe,
 * one map read with {@code fromMap(map, "ringcentral.embeddable.")}, dropped the short {@code RINGCENTRAL_CLIENT_ID}
 * the README names, without a word, and the app ran on the demo app. {@code fromMap(file, prefix, environment)} reads
 * the variables as {@code fromEnvironment} does, over the file, and names each problem as its source spelt it.
 */
class FileAndEnvironmentTest {

    private static final String PREFIX = "ringcentral.embeddable.";

    @Test
    void theEnvironmentsVariablesShortNamesIncludedReplaceTheFilesValues() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(
                Map.of("ringcentral.embeddable.client-id", "fromFile", "ringcentral.embeddable.app-server", "sandbox",
                        "ringcentral.embeddable.default-call-with", "browser", "ringcentral.embeddable.params.brandColor", "red",
                        "server.port", "8080"),
                PREFIX,
                Map.of("RINGCENTRAL_CLIENT_ID", "abc123", "RINGCENTRAL_EMBEDDABLE_APP_SERVER", "production",
                        "RINGCENTRAL_EMBEDDABLE_PARAMS_BRANDCOLOR", "blue", "RINGCENTRAL_CLIENT_SECRET", "not-read", "PATH", "/bin"));
        assertThat(config.clientId()).contains("abc123");
        assertThat(config.appServer()).isEqualTo(AppServer.PRODUCTION);
        assertThat(config.toMap()).containsEntry("defaultCallWith", "browser").containsEntry("params.brandcolor", "blue")
                .doesNotContainKey("params.brandColor").doesNotContainKey("clientSecret");
    }

    @Test
    void eachProblemNamesTheKeyOrTheVariableThatSetIt() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromMap(
                Map.of("ringcentral.embeddable.default-call-with", "browzer", "ringcentral.embedable.redirect-uri", "x"),
                PREFIX, Map.of("RINGCENTRAL_APP_SERVER", "sandbx", "RINGCENTRAL_EMBEDDABLE_CLIENTID", "abc123")));
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                "ringcentral.embeddable.default-call-with", "ringcentral.embedable.redirect-uri", "RINGCENTRAL_APP_SERVER");
    }

    @Test
    void withoutTheEnvironmentItReadsAsTheTwoArgumentForm() {
        Map<String, String> file = Map.of("ringcentral.embeddable.client-id", "fromFile", "RINGCENTRAL_CLIENT_ID", "ignored");
        assertThat(EmbeddableConfig.fromMap(file, PREFIX, Map.of())).isEqualTo(EmbeddableConfig.fromMap(file, PREFIX));
    }
    /** Helidon and Micronaut flatten a YAML list into frame-origins.0, .1: the problem says how the list is written. */
    @Test
    void aFlattenedYamlListIsToldToBeOneValue() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromMap(
                Map.of("ringcentral.embeddable.frame-origins.0", "https://a.example.com",
                        "ringcentral.embeddable.frame-origins[1]", "https://b.example.com"), PREFIX, Map.of()));
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p.message())
                .contains("is an item of a list, and ringcentral.embeddable.frame-origins is one comma-separated value"));
        assertThat(e.problems().get(0).fix()).contains("ringcentral.embeddable.frame-origins: https://a.example.com,https://b.example.com");
    }
    /** Micronaut's raw map of a prefix holds the keys without it: read with an empty prefix. */
    @Test
    void keysWithoutThePrefixReadWithAnEmptyOne() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("client-id", "fromFile", "default-call-with", "browser"),
                "", Map.of("RINGCENTRAL_CLIENT_ID", "abc123"));
        assertThat(config.clientId()).contains("abc123");
        assertThat(config.toMap()).containsEntry("defaultCallWith", "browser");
    }

    // A review of the first version: three cases it got wrong.

    /** The file writes the deprecated appKey (which "means clientId"), the environment the short RINGCENTRAL_CLIENT_ID. */
    @Test
    void theEnvironmentsClientIdReplacesTheFilesAppKey() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("ringcentral.embeddable.app-key", "fromFile"), PREFIX,
                Map.of("RINGCENTRAL_CLIENT_ID", "abc123"));
        assertThat(config.clientId()).contains("abc123");
    }

    /** The file writes a parameter in the bracket form the reader accepts; the environment sets the same parameter. */
    @Test
    void theEnvironmentsParamReplacesTheFilesBracketParam() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("ringcentral.embeddable.client-id", "abc123",
                "ringcentral.embeddable.params[brandColor]", "red"), PREFIX,
                Map.of("RINGCENTRAL_EMBEDDABLE_PARAMS_BRANDCOLOR", "blue"));
        assertThat(config.toMap()).containsEntry("params.brandcolor", "blue").doesNotContainKey("params.brandColor");
    }

    /** A variable without a value (null, as fromEnvironment reads it: not set) does not wipe the file's setting. */
    @Test
    void aVariableWithoutAValueLeavesTheFilesSetting() {
        Map<String, String> environment = new HashMap<>();
        environment.put("RINGCENTRAL_EMBEDDABLE_CLIENT_ID", null);
        assertThat(EmbeddableConfig.fromEnvironment(environment).clientId()).isEmpty(); // not set
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("ringcentral.embeddable.client-id", "fromFile"), PREFIX,
                environment);
        assertThat(config.clientId()).contains("fromFile");
    }
}
