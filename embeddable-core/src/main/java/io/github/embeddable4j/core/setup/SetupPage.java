package io.github.embeddable4j.core.setup;

import static io.github.embeddable4j.core.setup.Html.text;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The setup page: one self-contained HTML page for the developer integrating the widget. It shows the app's
 * configuration as embeddable4j understood it (settings that differ from the defaults, every warning with its fix),
 * the app registration checklist, the loader and iframe snippets with the CSP sources and Permissions-Policy, the
 * graduation progress when one is given, and the config tool as a form: settings in, the same {@link ConfigReport} as
 * the command-line tool out.
 * <ul>
 *   <li>Self-contained: no script, no external resource; one inline stylesheet allowed by its hash, so the page works
 *       under {@link #CONTENT_SECURITY_POLICY}. Every value is HTML-escaped.</li>
 *   <li>No secret ever: {@code clientSecret}, {@code jwt}, {@code authorizationCode} and
 *       {@code authorizationCodeVerifier} have no form field; in the app's configuration their values (and those of
 *       extra parameters with secret-looking names) read {@code ****}; a secret typed into the form is refused, with
 *       the reason, and not shown again.</li>
 *   <li>Framework-free: an adapter passes the request's query parameters to {@link #render(Map)} and sends
 *       {@link #headers()}. Who may see the page is the adapter's decision (see {@link SetupAccess}).</li>
 * </ul>
 * Immutable and thread-safe; the app's part is computed once.
 *
 * <pre>{@code String html = SetupPage.of(embeddable).withGraduation(tracker.progress()).render(query); // Map<String, List<String>>}</pre>
 */
public final class SetupPage {

    private static final String STYLE = style();

    /**
     * The page's Content-Security-Policy: nothing may load, the one stylesheet is allowed by its hash, the form
     * submits only to this origin, and no one may frame the page.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Map<String, String> HEADERS = headerMap();

    private final Embeddable app;
    private final ConfigReport appReport;
    private final boolean masked;
    private final @Nullable GraduationProgress graduation;
    private final @Nullable String graduationUnavailable;

    private SetupPage(Embeddable app, ConfigReport appReport, boolean masked, @Nullable GraduationProgress graduation,
            @Nullable String graduationUnavailable) {
        this.app = app;
        this.appReport = appReport;
        this.masked = masked;
        this.graduation = graduation;
        this.graduationUnavailable = graduationUnavailable;
    }

    /** The setup page of an app's configuration (secrets masked), without graduation progress. */
    public static SetupPage of(Embeddable embeddable) {
        Objects.requireNonNull(embeddable, "embeddable");
        Embeddable shown = SecretMask.mask(embeddable);
        return new SetupPage(shown, ConfigReport.of(shown), shown != embeddable, null, null);
    }

    /** The same page with graduation progress. */
    public SetupPage withGraduation(GraduationProgress progress) {
        return new SetupPage(app, appReport, masked, Objects.requireNonNull(progress, "progress"), null);
    }

    /** The same page saying why graduation progress could not be read (a store that failed, say). */
    public SetupPage withGraduationUnavailable(String reason) {
        return new SetupPage(app, appReport, masked, null, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The same page with the progress {@code graduation} gives now (a {@code GraduationTracker::progress}), for one
     * request: without it (null, or a supplier that gives null) the page as it is; when reading it fails (a store
     * that cannot be read), the page saying so, as the rest is still worth showing; the failure is logged.
     */
    public SetupPage withGraduationFrom(@Nullable Supplier<? extends @Nullable GraduationProgress> graduation) {
        if (graduation == null) {
            return this;
        }
        try {
            GraduationProgress progress = graduation.get();
            return progress == null ? this : withGraduation(progress);
        } catch (RuntimeException e) {
            System.getLogger(SetupPage.class.getName()).log(System.Logger.Level.WARNING,
                    "RingCentral Embeddable setup page: cannot read graduation progress", e);
            // The log has the message; the page only the kind of failure: a store's message may hold a JDBC URL with
            // its password, and the page is shown to whoever may open it
            return withGraduationUnavailable(e.getClass().getSimpleName() + " (the application's log has the details)");
        }
    }

    /**
     * The headers to send with the page: {@code Content-Type} (UTF-8), {@code Cache-Control: no-store},
     * {@link #CONTENT_SECURITY_POLICY}, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}
     * and {@code X-Frame-Options: DENY}.
     */
    public static Map<String, String> headers() {
        return HEADERS;
    }

    /** The page without a submitted form: the form shows the app's own settings. */
    public String render() {
        return render(Map.of());
    }

    /**
     * The page for a request's query parameters. When they hold a submitted config form, the page also shows the
     * report for the settings typed; other parameters are ignored. The form's fields are {@code check=1} (the form was
     * sent) and each setting under its kebab-case key, as the page's own form sends them: a link such as
     * {@code ?check=1&client-id=abc&app-server=sandbox} opens the report for those settings.
     *
     * @param query parameter name to its values, as the request carried them (not HTML-escaped, not trimmed)
     */
    public String render(Map<String, List<String>> query) {
        Objects.requireNonNull(query, "query");
        SetupForm submitted = SetupForm.submitted(query);
        SetupForm form = submitted != null ? submitted : SetupForm.prefilled(app.config());
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex, nofollow\">"
                + "<title>RingCentral Embeddable setup</title><style>").append(STYLE).append("</style></head><body>");
        header(out, submitted != null);
        out.append("<main>");
        new ReportHtml(out, "", 2).render(appReport, "This app's configuration");
        graduation(out);
        tool(out, form);
        out.append("</main><footer>Served by embeddable4j's setup page, for the developer. Keep it to localhost or a"
                + " role; it is off unless registered.</footer></body></html>");
        return out.toString();
    }

    private void header(StringBuilder out, boolean submitted) {
        out.append("<header><h1>RingCentral Embeddable setup</h1><p>Everything needed to put the widget into this app: the"
                + " configuration as embeddable4j understood it, what to register in the RingCentral Developer Console, the"
                + " snippets and page policies, graduation progress, and a config tool to try other settings."
                + " Secrets are never shown.</p>");
        if (masked) {
            out.append("<p class=\"muted\">This configuration holds secrets; their values are shown as <code>")
                    .append(SecretMask.MASK).append("</code>.</p>");
        }
        out.append("<nav><ul><li><a href=\"#config\">Configuration</a></li><li><a href=\"#registration\">Registration</a></li>"
                + "<li><a href=\"#snippets\">Snippets</a></li><li><a href=\"#graduation\">Graduation</a></li>"
                + "<li><a href=\"#tool\">Config tool</a></li>");
        if (submitted) {
            out.append("<li><a href=\"#tool-report\">Config tool result</a></li>");
        }
        out.append("</ul></nav></header>");
    }

    private void graduation(StringBuilder out) {
        out.append("<section id=\"graduation\"><h2>Graduation</h2>");
        if (graduation != null) {
            new GraduationHtml(out).render(graduation);
        } else if (graduationUnavailable != null) {
            out.append("<p class=\"invalid\">Graduation progress could not be read: ").append(text(graduationUnavailable))
                    .append("</p>");
        } else {
            out.append("<p class=\"muted\">Not tracked in this app. To count what a sandbox app must show before it goes to"
                    + " production, listen to the widget's events with a <code>GraduationTracker</code> and give its"
                    + " progress to the setup page.</p>");
        }
        out.append("</section>");
    }

    private static void tool(StringBuilder out, SetupForm form) {
        out.append("<section id=\"tool\"><h2>Config tool</h2><p>Try settings before you put them in your configuration: the"
                + " result is what the command-line config tool prints, and its link can be shared (the form is sent in the"
                + " page's URL, which is why it takes no secret).</p>");
        if (form.submitted) {
            ConfigReport report = ConfigReport.fromSettings(form.settings);
            out.append("<div class=\"report\" id=\"tool-report\"><h3>Result for the settings below</h3>");
            if (!form.notes.isEmpty()) {
                out.append("<ul class=\"problems\">");
                form.notes.forEach(n -> out.append("<li class=\"refused\">").append(text(n)).append("</li>"));
                out.append("</ul>");
            }
            new ReportHtml(out, "tool-", 4).render(report, "Configuration");
            out.append("<details><summary>As the command-line tool prints it</summary><pre id=\"tool-text\"><code>")
                    .append(text(report.text())).append("</code></pre></details></div>");
        } else {
            out.append("<p class=\"muted\">The form starts with this app's settings.</p>");
        }
        new FormHtml(out).render(form);
        out.append("</section>");
    }

    private static String style() {
        String css;
        try (InputStream in = SetupPage.class.getResourceAsStream("setup-page.css")) {
            if (in == null) {
                throw new IllegalStateException("embeddable-core is missing setup-page.css");
            }
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = new StringBuilder(css);
        for (int i = 0; i <= 100; i++) {
            sb.append(".w").append(i).append("{width:").append(i).append("%}");  // progress bars: no style attribute needed
        }
        return sb.toString();
    }

    static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Map<String, String> headerMap() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html;charset=UTF-8");
        h.put("Cache-Control", "no-store");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        return java.util.Collections.unmodifiableMap(h);
    }
}
