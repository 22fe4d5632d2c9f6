package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code docs/configuration.md} is generated ({@link ConfigurationReference}) and kept true here: the committed file
 * must be exactly what the generator writes now, so a new widget parameter, a new switch, a changed default or
 * description fails this test until the file is regenerated; and independently of the generator, the file must name
 * every setting there is and no other, and the names it gives must work. To regenerate:
 * {@code mvn -B -q -pl embeddable-spring -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dembeddable.docs.write=true}.
 */
class ConfigurationReferenceTest {

    private static final ConfigurationReference REFERENCE = ConfigurationReference.fromClasspath();

    @Test
    void theCommittedReferenceIsWhatTheGeneratorWrites() throws IOException {
        Path committed = repositoryRoot().resolve("docs/configuration.md");
        String generated = REFERENCE.render();
        if (Boolean.getBoolean(ConfigurationReference.REWRITE_PROPERTY)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        String current = Files.isRegularFile(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!current.equals(generated)) {
            Path fresh = Path.of("target", "configuration.md").toAbsolutePath();
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, generated, StandardCharsets.UTF_8);
            fail("docs/configuration.md is out of date (first difference: " + firstDifference(current, generated)
                    + "). The new file is " + fresh + "; copy it over, or run this test with -D"
                    + ConfigurationReference.REWRITE_PROPERTY + "=true");
        }
    }

    @Test
    void theReferenceNamesEverySettingAndNoOther() throws IOException {
        String document = Files.readString(repositoryRoot().resolve("docs/configuration.md"), StandardCharsets.UTF_8);
        TreeSet<String> named = ConfigurationReference.propertiesNamedIn(document);
        TreeSet<String> expected = REFERENCE.expectedProperties();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(named);
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(expected);
        assertThat(missing).as("settings docs/configuration.md does not name").isEmpty();
        assertThat(unknown).as("properties docs/configuration.md names that do not exist").isEmpty();
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(document).as("JSON key and builder of %s", p).contains("| `" + p.wireName() + "`<br>`" + p.wireName() + "(");
        }
        java.util.regex.Pattern codeSpan = java.util.regex.Pattern.compile("`[^`]*`");
        for (String line : document.split("\n")) {
            java.util.regex.Matcher span = codeSpan.matcher(line);
            while (line.startsWith("|") && span.find()) {
                assertThat(span.group().replace("\\|", "")).as("a '|' in a code span splits the table row: %s", line)
                        .doesNotContain("|");
            }
        }
    }

    @Test
    void theGeneratorKnowsEveryConfigurationLevelSetting() {
        Set<String> known = new LinkedHashSet<>(ConfigurationReference.CONFIG_LEVEL);
        Arrays.stream(WidgetParameter.values()).forEach(p -> known.add(p.wireName()));
        assertThat(new TreeSet<>(SettingNames.all())).as("core's settings; a new one needs its row in ConfigurationReference")
                .isEqualTo(new TreeSet<>(known));
    }

    @Test
    void everyFilterInitParamIsOneTheFilterReads() {
        for (String[] initParam : ConfigurationReference.FILTER_INIT_PARAMS) {
            assertThat(InjectionRules.isRuleKey(initParam[0]) || initParam[0].equals("nonce-attribute"))
                    .as("init-param %s", initParam[0]).isTrue();
        }
        assertThat(InjectionRules.isRuleKey("client-id")).as("a widget setting is not a filter setting").isFalse();
    }

    /** And the other way: every init-param the filter reads is in the reference (inject-post-pages was not at first). */
    @Test
    void everyInitParamTheFilterReadsIsDocumented() throws ReflectiveOperationException {
        java.lang.reflect.Field keys = Class.forName("io.github.embeddable4j.servlet.InitParameters").getDeclaredField("FILTER_KEYS");
        keys.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> read = (List<String>) keys.get(null);
        assertThat(ConfigurationReference.FILTER_INIT_PARAMS.stream().map(p -> p[0]).toList())
                .containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void everyDocumentedEnvironmentVariableReachesItsSwitch() {
        List<String> properties = new java.util.ArrayList<>(REFERENCE.switches());
        ConfigurationReference.CONFIG_LEVEL.forEach(s -> properties.add(ConfigurationReference.PREFIX + EmbeddableConfig.kebabKey(s)));
        for (String property : properties) {
            String variable = ConfigurationReference.environmentVariable(property);
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "true")));
            assertThat(Binder.get(environment).bind(property, String.class).orElse(null))
                    .as("%s binds %s", variable, property).isEqualTo("true");
            assertThat(EnvironmentSettings.read(environment).unknownProperties()).as("%s is a known name", variable).isEmpty();
        }
    }

    @Test
    void widgetDefaultsComeFromCore() {
        assertThat(ConfigurationReference.defaultOf(WidgetParameter.DEFAULT_CALL_WITH)).isEqualTo("not set (the widget's own default)");
        assertThat(ConfigurationReference.defaultOf(WidgetParameter.DISABLE_GLIP)).isEqualTo("`true`");
        assertThat(ConfigurationReference.defaultOf(WidgetParameter.DISABLE_CALL)).isEqualTo("`false`");
        assertThat(ConfigurationReference.defaultOf(WidgetParameter.APP_SERVER)).isEqualTo("`production`");
        assertThat(ConfigurationReference.builderMethod("appServer")).isEqualTo("appServer(AppServer)`, `appServer(String)");
    }

    /** The folder with the root pom.xml and docs/, from this module or from the Boot 4 modules that rerun these tests. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("embeddable-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String left = i < x.length ? x[i] : "(end of file)";
            String right = i < y.length ? y[i] : "(end of file)";
            if (!left.equals(right)) {
                int at = 0;
                while (at < Math.min(left.length(), right.length()) && left.charAt(at) == right.charAt(at)) {
                    at++;
                }
                return "line " + (i + 1) + ", column " + (at + 1) + ": committed '" + around(left, at) + "', generated '"
                        + around(right, at) + "'";
            }
        }
        return "none";
    }

    private static String around(String line, int at) {
        int from = Math.max(0, at - 30);
        int to = Math.min(line.length(), at + 50);
        return (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "");
    }
}
