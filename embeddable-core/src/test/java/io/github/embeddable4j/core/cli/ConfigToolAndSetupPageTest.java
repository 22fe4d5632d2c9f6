package io.github.embeddable4j.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.setup.ConfigReport;
import io.github.embeddable4j.core.setup.SetupPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The setup page's config tool and the command line report the same for the same settings. */
class ConfigToolAndSetupPageTest {

    private static String cli(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigTool.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Submits the page's form as a browser would: each field's value, and the free-form lines. */
    private static Document form(Map<String, String> fields, String extraLines) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("check", List.of("1"));
        fields.forEach((k, v) -> query.put(k, List.of(v)));
        query.put("extra", List.of(extraLines));
        return Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(query));
    }

    @Test
    void validSettingsGiveTheSameReport() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client-id", "abc");
        fields.put("app-server", "sandbox");
        fields.put("default-call-with", "ringout");
        fields.put("disable-messages", "true");
        fields.put("hosting", "2.x");
        Document page = form(fields, "z-index=5\nparams.foo=bar");

        Map<String, String> settings = new LinkedHashMap<>(fields);
        settings.put("z-index", "5");
        settings.put("params.foo", "bar");
        String cli = cli(settings);
        assertThat(cli).startsWith("Configuration: valid (2 warnings)").contains("adapter.js?clientId=abc");
        assertThat(ConfigReport.fromSettings(settings).text()).isEqualTo(cli);
        assertThat(page.getElementById("tool-text").wholeText()).isEqualTo(cli.replace(System.lineSeparator(), "\n"));
        // And the HTML sections carry the same values as the text.
        var sections = ConfigReport.fromSettings(settings).sections().orElseThrow();
        assertThat(page.getElementById("tool-snippets").select("pre").eachText()).startsWith(sections.loaderTag(), sections.iframeTag());
        assertThat(page.getElementById("tool-config").selectFirst("pre").wholeText()).isEqualTo(String.join("\n", sections.propertyLines()));
    }

    @Test
    void invalidSettingsGiveTheSameProblems() {
        Map<String, String> fields = Map.of("client-id", "abc", "app-server", "sandbox");
        Document page = form(fields, "defaultCalWith=ringout");
        Map<String, String> settings = new LinkedHashMap<>(fields);
        settings.put("defaultCalWith", "ringout");
        String cli = cli(settings);
        assertThat(cli).startsWith("Configuration: INVALID (1 problem)").contains("Did you mean 'defaultCallWith'?");
        assertThat(page.getElementById("tool-text").wholeText()).isEqualTo(cli.replace(System.lineSeparator(), "\n"));
        assertThat(page.getElementById("tool-config").select("li.problem").text()).contains("Did you mean 'defaultCallWith'?");
    }
}
