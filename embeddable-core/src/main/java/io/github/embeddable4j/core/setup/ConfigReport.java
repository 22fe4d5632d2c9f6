package io.github.embeddable4j.core.setup;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.EmbedMode;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.RegistrationChecklist;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the config tool reports for one set of settings: whether they are valid, every problem or warning with its
 * fix, and for valid settings the registration checklist, the loader and iframe tags, the page policies and the
 * settings in properties form. The command-line tool prints {@link #text()}; the setup page renders the same data
 * as HTML, so both always say the same thing.
 *
 * <pre>{@code ConfigReport report = ConfigReport.fromSettings(Map.of("client-id", "abc", "app-server", "sandbox"));}</pre>
 */
public final class ConfigReport {

    private static final String NL = System.lineSeparator();

    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;
    private final @Nullable Sections sections;
    private final boolean secretsMasked;

    private ConfigReport(List<ConfigProblem> problems, List<ConfigProblem> warnings, @Nullable Sections sections) {
        this(problems, warnings, sections, false);
    }

    private ConfigReport(List<ConfigProblem> problems, List<ConfigProblem> warnings, @Nullable Sections sections,
            boolean secretsMasked) {
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
        this.sections = sections;
        this.secretsMasked = secretsMasked;
    }

    /**
     * What a page with the event bridge needs besides the widget's sources. The report cannot tell whether the bridge
     * is on (the adapter decides), so it says both parts: a trial copied the report's list into its proxy's policy and
     * the bridge's posts were blocked.
     */
    static final String EVENT_BRIDGE_POLICY = "With the event bridge (on with the Spring Boot starter; EmbeddableFilter"
            + ".withEventBridge otherwise), add connect-src 'self' (CspSources.withEventBridge): its script posts to this"
            + " application. That script is this application's own: a policy with a nonce lets it in (the filter puts the"
            + " nonce on its tag), a policy without one needs script-src 'self'.";

    /** The report of a valid configuration, without a CSP nonce on the loader tag. */
    public static ConfigReport of(Embeddable embeddable) {
        return of(embeddable, null);
    }

    /**
     * The report of a valid configuration. It shows what the configuration renders, with the values of secrets (which
     * {@code allowSecretsInMarkup} lets into the markup) shown as {@code ****}: the report is printed to terminals and
     * CI logs, and shown on the setup page.
     *
     * @param nonce a CSP nonce to put on the loader tag, or {@code null} for none
     */
    public static ConfigReport of(Embeddable embeddable, @Nullable String nonce) {
        Objects.requireNonNull(embeddable, "embeddable");
        Embeddable unmasked = embeddable;
        embeddable = SecretMask.mask(unmasked);
        EmbeddableConfig config = embeddable.config();
        Map<String, String> properties = new LinkedHashMap<>();
        config.toMap().forEach((k, v) -> properties.put(EmbeddableConfig.DEFAULT_PREFIX + EmbeddableConfig.kebabKey(k), v));
        Sections sections = new Sections(embeddable.registrationChecklist(), embeddable.scriptTag(nonce), embeddable.iframeTag(),
                embeddable.contentSecurityPolicy(EmbedMode.LOADER), embeddable.contentSecurityPolicy(EmbedMode.IFRAME),
                embeddable.permissionsPolicy(), Collections.unmodifiableMap(properties));
        // named as the report's properties are (a trial read "set clientId" under ringcentral.embeddable.client-id=...)
        List<ConfigProblem> warnings = config.warnings().stream()
                .map(w -> w.named(s -> EmbeddableConfig.DEFAULT_PREFIX + EmbeddableConfig.kebabKey(s))).toList();
        return new ConfigReport(List.of(), warnings, sections, embeddable != unmasked);
    }

    /** The report of settings that failed validation. */
    public static ConfigReport invalid(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An invalid configuration has at least one problem");
        }
        return new ConfigReport(problems, List.of(), null);
    }

    /** Reads settings as {@link EmbeddableConfig#fromMap(Map)} does, and reports on them, valid or not. */
    public static ConfigReport fromSettings(Map<String, String> settings) {
        EmbeddableConfig config;
        try {
            config = EmbeddableConfig.fromMap(settings);
        } catch (EmbeddableConfigException e) {
            return invalid(e.problems());
        }
        return of(Embeddable.of(config));
    }

    /** Whether the settings are valid; then {@link #sections()} is present. */
    public boolean valid() {
        return sections != null;
    }

    /** What makes the settings invalid, each with its fix; empty when they are valid. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** What is allowed but worth knowing (valid settings only), named as the report's properties are. */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    /** What valid settings render; empty when they are invalid. */
    public Optional<Sections> sections() {
        return Optional.ofNullable(sections);
    }

    /**
     * The rendered parts of a valid configuration.
     *
     * @param checklist         what to register in the Developer Console
     * @param loaderTag         the {@code <script>} loader tag
     * @param iframeTag         the {@code <iframe>} tag with default options
     * @param loaderPolicy      the CSP sources a page with the loader needs
     * @param iframePolicy      the CSP sources a page with the iframe needs
     * @param permissionsPolicy the {@code Permissions-Policy} header value
     * @param properties        the settings that differ from the defaults, as {@code ringcentral.embeddable.<kebab-key>}
     *                          to value, in the order of {@link EmbeddableConfig#toMap()}
     */
    public record Sections(RegistrationChecklist checklist, String loaderTag, String iframeTag, CspSources loaderPolicy,
            CspSources iframePolicy, String permissionsPolicy, Map<String, String> properties) {

        public Sections {
            Objects.requireNonNull(checklist, "checklist");
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** The properties as lines of an {@code application.properties} file. */
        public List<String> propertyLines() {
            return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /** The report as the command-line config tool prints it, line separators included. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (sections == null) {
            line(out, "Configuration: INVALID (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"));
            problems(out, problems);
            return out.toString();
        }
        line(out, "Configuration: valid" + (warnings.isEmpty() ? "" : " (" + warnings.size()
                + (warnings.size() == 1 ? " warning)" : " warnings)")));
        problems(out, warnings);
        if (secretsMasked) {
            line(out, "Secrets are shown as " + SecretMask.MASK + " (the pages carry them, as allowSecretsInMarkup asks).");
        }
        line(out, "");
        out.append(sections.checklist());
        line(out, "");
        line(out, "Loader tag (in <head>; EmbeddableFilter inserts it for you):");
        line(out, "  " + sections.loaderTag());
        line(out, "");
        line(out, "Iframe tag (where the phone should sit in your layout):");
        line(out, "  " + sections.iframeTag());
        line(out, "");
        line(out, "Content-Security-Policy sources the page needs:");
        line(out, "  loader: " + sections.loaderPolicy());
        line(out, "  iframe: " + sections.iframePolicy());
        line(out, "  " + EVENT_BRIDGE_POLICY);
        line(out, "Permissions-Policy:");
        line(out, "  " + sections.permissionsPolicy());
        line(out, "");
        line(out, "As application.properties (Spring Boot starter):");
        if (sections.properties().isEmpty()) {
            line(out, "  # nothing to set: every setting is at its default");
        }
        sections.propertyLines().forEach(l -> line(out, "  " + l));
        return out.toString();
    }

    private static void problems(StringBuilder out, List<ConfigProblem> list) {
        for (ConfigProblem p : list) {
            line(out, "  - " + p.property() + ": " + p.message());
            line(out, "    Fix: " + p.fix());
        }
    }

    /**
     * A line of the text, control characters written as a backslash-u escape: values come from files and arguments, and
     * printed raw they could drive the terminal (clear it, retitle its window).
     */
    private static void line(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(NL);
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }
}
