package io.github.embeddable4j.core.setup;

import static io.github.embeddable4j.core.setup.Html.text;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.RegistrationChecklist;
import io.github.embeddable4j.core.Scope;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ConfigReport} as sections of the setup page: the configuration with its warnings or problems,
 * the registration checklist, and the snippets and policies. Every value is escaped; everything meant to be copied
 * is in a {@code <pre>} or {@code <code>}.
 */
final class ReportHtml {

    private final StringBuilder out;
    private final String idPrefix;
    private final int level;

    /**
     * @param idPrefix prefixes the section ids ({@code config}, {@code registration}, {@code snippets})
     * @param level    the heading level of the sections
     */
    ReportHtml(StringBuilder out, String idPrefix, int level) {
        this.out = out;
        this.idPrefix = idPrefix;
        this.level = level;
    }

    void render(ConfigReport report, String configTitle) {
        out.append("<section id=\"").append(idPrefix).append("config\">");
        heading(level, configTitle);
        if (!report.valid()) {
            int n = report.problems().size();
            out.append("<p class=\"status invalid\">Invalid: ").append(n).append(n == 1 ? " problem" : " problems")
                    .append(". Fix them to see the registration checklist and the snippets.</p>");
            problems(report.problems(), "problem");
            out.append("</section>");
            return;
        }
        ConfigReport.Sections s = report.sections().orElseThrow();
        int w = report.warnings().size();
        out.append("<p class=\"status valid\">Valid").append(w == 0 ? "" : ", " + w + (w == 1 ? " warning" : " warnings"))
                .append(".</p>");
        problems(report.warnings(), "warning");
        heading(level + 1, "Settings that differ from the defaults");
        if (s.properties().isEmpty()) {
            out.append("<p>None: every setting is at its default.</p>");
        } else {
            out.append("<p class=\"muted\">As <code>application.properties</code> lines (the Spring Boot starter reads"
                    + " them as they are; <code>EmbeddableConfig.fromMap</code> too).</p>");
            pre(String.join("\n", s.propertyLines()));
        }
        out.append("</section>");
        registration(s.checklist());
        snippets(s);
    }

    private void problems(List<ConfigProblem> problems, String kind) {
        if (problems.isEmpty()) {
            return;
        }
        out.append("<ul class=\"problems\">");
        for (ConfigProblem p : problems) {
            out.append("<li class=\"").append(kind).append("\"><code>").append(text(p.property())).append("</code>: ")
                    .append(text(p.message())).append("<span class=\"fix\"><strong>Fix:</strong> ").append(text(p.fix()))
                    .append("</span></li>");
        }
        out.append("</ul>");
    }

    private void registration(RegistrationChecklist c) {
        out.append("<section id=\"").append(idPrefix).append("registration\">");
        heading(level, "App registration checklist");
        out.append("<p class=\"muted\">What to enter in the RingCentral Developer Console"
                + " (<a href=\"https://developers.ringcentral.com/console\" rel=\"noreferrer\">developers.ringcentral.com/console</a>,"
                + " Register App).</p><table><tbody>");
        row("App type", c.appType());
        row("Auth", c.authFlow());
        row("Platform type", c.platformType());
        row("OAuth redirect URI", c.redirectUri());
        row("Server", c.server().toString());
        out.append("</tbody></table>");
        heading(level + 1, "Scopes (required)");
        pre(c.requiredScopes().stream().map(Scope::displayName).collect(Collectors.joining(", ")));
        heading(level + 1, "Scopes for the features this configuration turns on");
        if (c.featureScopes().isEmpty()) {
            out.append("<p>None.</p>");
        } else {
            pre(c.featureScopes().stream().map(Scope::displayName).collect(Collectors.joining(", ")));
            out.append("<ul>");
            for (Scope scope : c.featureScopes()) {
                out.append("<li><code>").append(text(scope.displayName())).append("</code>: for ").append(text(scope.feature()))
                        .append("</li>");
            }
            out.append("</ul>");
        }
        if (!c.notes().isEmpty()) {
            out.append("<ul>");
            c.notes().forEach(n -> out.append("<li>").append(text(n)).append("</li>"));
            out.append("</ul>");
        }
        out.append("</section>");
    }

    private void row(String name, String value) {
        out.append("<tr><th scope=\"row\">").append(text(name)).append("</th><td><code>").append(text(value)).append("</code></td></tr>");
    }

    private void snippets(ConfigReport.Sections s) {
        out.append("<section id=\"").append(idPrefix).append("snippets\">");
        heading(level, "Snippets and page policies");
        heading(level + 1, "Loader tag");
        out.append("<p class=\"muted\">In the page's <code>&lt;head&gt;</code>; <code>EmbeddableFilter</code> inserts it for you"
                + " (with your CSP nonce).</p>");
        pre(s.loaderTag());
        heading(level + 1, "Iframe tag");
        out.append("<p class=\"muted\">Instead of the loader, where the phone should sit in your layout.</p>");
        pre(s.iframeTag());
        heading(level + 1, "Content-Security-Policy sources");
        out.append("<p class=\"muted\">Merge them into your policy (<code>CspSources.mergeInto</code>). With the loader:</p>");
        pre(s.loaderPolicy().toString());
        out.append("<p class=\"muted\">With the iframe tag:</p>");
        pre(s.iframePolicy().toString());
        out.append("<p class=\"muted\">").append(text(ConfigReport.EVENT_BRIDGE_POLICY)).append("</p>");
        heading(level + 1, "Permissions-Policy");
        out.append("<p class=\"muted\">Lets the widget's frame use the microphone and play the ringtone.</p>");
        pre("Permissions-Policy: " + s.permissionsPolicy());
        out.append("</section>");
    }

    private void pre(String content) {
        out.append("<pre><code>").append(text(content)).append("</code></pre>");
    }

    private void heading(int lvl, String title) {
        out.append("<h").append(lvl).append('>').append(text(title)).append("</h").append(lvl).append('>');
    }
}
