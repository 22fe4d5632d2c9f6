package io.github.embeddable4j.core.inject;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Internal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which responses get the widget: the decisions an injecting filter makes, kept free of any servlet type so every
 * adapter decides alike. Inject only into {@code text/html} or {@code application/xhtml+xml} responses with a
 * body (200-203; error statuses only when opted in) to GET requests (and POST when opted in: a form's page
 * rendered again, a Jakarta Faces postback), not encoded ({@code Content-Encoding}), not sent as a file to save
 * ({@code Content-Disposition: attachment}), in an ASCII-compatible charset,
 * on an included and not excluded path, unless switched off.
 *
 * <pre>{@code InjectionRules.builder().exclude("/api/*", "*.pdf").injectedHeader("X-Embeddable").build()}</pre>
 */
public final class InjectionRules {

    /** What to do with a response, given what is known of it so far. */
    public enum Verdict {
        /** Eligible: look for the marker. */
        INJECT,
        /** Not eligible: copy it unchanged. */
        PASS,
        /** Eligible so far, but the content type is not set yet: look, and check again at the marker. */
        UNDECIDED
    }

    /**
     * The request attribute that, set to {@code Boolean.TRUE}, keeps the widget off one response: whatever places
     * the widget itself (a template tag, a Vaadin component, the redirect page) sets it, so an injecting filter does
     * not add a second one. A plain string, so adapters that do not see the filter can set it too.
     */
    @Internal("embeddable4j's adapters; applications call EmbeddableFilter.skip or skipForVisitor")
    public static final String SKIP_ATTRIBUTE = "io.github.embeddable4j.skip";

    /**
     * Set (any value) next to {@link #SKIP_ATTRIBUTE} when the widget is kept off because of who asks (a visitor who
     * has not signed in), so another visitor's copy of the same page would have it: an injecting filter then sends the
     * page without its validators ({@code ETag}, {@code Last-Modified}), or a browser could keep this copy by a 304
     * once its user may have the widget.
     */
    @Internal("embeddable4j's adapters; applications call EmbeddableFilter.skip or skipForVisitor")
    public static final String SKIP_FOR_VISITOR_ATTRIBUTE = "io.github.embeddable4j.skip-for-visitor";

    private final boolean enabled;
    private final List<String> includes;
    private final List<String> excludes;
    private final boolean errorPages;
    private final boolean postPages;
    private final @Nullable String injectedHeader;
    private final InjectionPoint point;
    // Charsets and encodings said to give pages no widget, bounded as the names come from responses. Kept by the rules,
    // not the class: a copy shared by several web applications (a server's lib folder) would tell only the first.
    private final java.util.Set<String> refusedCharsetsLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> encodingsLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private InjectionRules(Builder b) {
        this.enabled = b.enabled;
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.errorPages = b.errorPages;
        this.postPages = b.postPages;
        this.injectedHeader = b.injectedHeader;
        this.point = b.point;
    }

    /**
     * The rules with nothing set: every path, no error pages, no POST pages, the snippet where the head ends. A new
     * instance each time, as the rules say each of their warnings once (once per filter, not once per server).
     */
    public static InjectionRules defaults() {
        return builder().build();
    }

    /**
     * Rules of your own; {@link Builder#build()} reports every bad pattern at once.
     *
     * <pre>{@code InjectionRules.builder().exclude("/api/*").errorPages(true).build()}</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The keys {@link #fromMap(Map)} reads, relaxed (lower case, without '-', '_' and '.'). */
    private static final Set<String> KEYS = Set.of("enabled", "includepaths", "excludepaths", "injecterrorpages",
            "injectpostpages", "injectedheader", "injectionpoint");

    /**
     * Reads rules from key/value settings, such as a filter's init-params: {@code enabled}, {@code include-paths}
     * and {@code exclude-paths} (patterns separated by commas or white space), {@code inject-error-pages}, {@code inject-post-pages},
     * {@code injected-header},
     * {@code injection-point} ({@code head-end} or {@code body-end}). Keys are relaxed; other keys are ignored.
     *
     * @throws EmbeddableConfigException (an {@code IllegalArgumentException}) naming every bad value, with its fix
     */
    public static InjectionRules fromMap(Map<String, String> settings) {
        return fromMap(settings, "");
    }

    /**
     * Reads the rules under {@code prefix} from settings that hold the widget's too, such as an application's
     * properties: {@code ringcentral.embeddable.exclude-paths} with the prefix {@code ringcentral.embeddable.}. Problems
     * name each key as written; keys outside the prefix, and the widget's, are ignored (read those with
     * {@code EmbeddableConfig.fromMap(settings, prefix)}, without the rule keys:
     * {@code isRuleKey(key.substring(prefix.length()))}).
     *
     * <pre>{@code InjectionRules rules = InjectionRules.fromMap(properties, "ringcentral.embeddable.");}</pre>
     *
     * @throws EmbeddableConfigException naming every bad value, with its fix
     */
    public static InjectionRules fromMap(Map<String, String> settings, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Builder b = builder();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String[]> seen = new java.util.HashMap<>(); // rule, by its relaxed name: the key and value that set it
        settings.forEach((key, raw) -> {
            if (!key.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return;
            }
            String value = raw == null ? "" : raw.trim();
            String rule = normalize(key.substring(prefix.length()));
            String[] first = isRuleKey(key.substring(prefix.length())) ? seen.putIfAbsent(rule, new String[] {key, value}) : null;
            if (first != null) {
                // as a widget setting given twice to different values: which one wins would depend on the map's order
                if (!first[1].equals(value)) {
                    problems.add(new ConfigProblem(key, "it is set twice, as '" + first[0] + "' and '" + key
                            + "', to different values.", "Keep one of them."));
                }
                return;
            }
            switch (rule) {
                case "enabled" -> b.enabled(bool(key, value, true, problems));
                case "includepaths" -> b.includes.addAll(checked(key, clean(value), problems));
                case "excludepaths" -> b.excludes.addAll(checked(key, clean(value), problems));
                case "injecterrorpages" -> b.errorPages(bool(key, value, false, problems));
                case "injectpostpages" -> b.postPages(bool(key, value, false, problems));
                case "injectedheader" -> {
                    b.injectedHeader(value);
                    addIfPresent(problems, headerProblem(key, b.injectedHeader));
                }
                case "injectionpoint" -> {
                    switch (normalize(value)) {
                        case "", "headend" -> b.point(InjectionPoint.HEAD_END);
                        case "bodyend" -> b.point(InjectionPoint.BODY_END);
                        default -> problems.add(new ConfigProblem(key, "'" + value + "' is not head-end or body-end.",
                                "Write head-end (the default: the snippet goes where the head ends) or body-end."));
                    }
                }
                default -> { }
            }
        });
        if (!problems.isEmpty()) {
            throw new EmbeddableConfigException(problems);
        }
        return b.build();
    }

    private static List<String> checked(String key, List<String> patterns, List<ConfigProblem> problems) {
        for (String pattern : patterns) {
            addIfPresent(problems, PathPatterns.problem(key, pattern));
        }
        return patterns;
    }

    private static @Nullable ConfigProblem headerProblem(String property, @Nullable String header) {
        return header == null || header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") ? null
                : new ConfigProblem(property, "'" + header + "' is not a header name.", "Use letters, digits and '-'.");
    }

    private static void addIfPresent(List<ConfigProblem> problems, @Nullable ConfigProblem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private static List<String> clean(String... patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            // commas or white space: web.xml lists are often written one a line, and no path has a space in it
            Arrays.stream(p.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** Whether {@link #fromMap(Map)} reads this key. */
    public static boolean isRuleKey(String key) {
        return KEYS.contains(normalize(key));
    }

    private static String normalize(String key) {
        return key.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }

    private static boolean bool(String key, String value, boolean dflt, List<ConfigProblem> problems) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "" -> {
                return dflt;
            }
            case "true", "1", "yes", "on" -> {
                return true;
            }
            case "false", "0", "no", "off" -> {
                return false;
            }
            default -> {
                problems.add(new ConfigProblem(key, "'" + value + "' is not true or false.", "Write true or false."));
                return dflt;
            }
        }
    }

    /** The global switch. */
    public boolean enabled() {
        return enabled;
    }

    /** Path patterns to inject into; empty means every path. */
    public List<String> includes() {
        return includes;
    }

    /** Path patterns never to inject into; they win over includes. */
    public List<String> excludes() {
        return excludes;
    }

    /** Whether 4xx/5xx HTML pages get the widget too. */
    public boolean errorPages() {
        return errorPages;
    }

    /** Whether HTML pages answering POST requests get the widget too. */
    public boolean postPages() {
        return postPages;
    }

    /** A response header set to {@code 1} when the widget was injected (only while headers can still be set), or null. */
    public @Nullable String injectedHeader() {
        return injectedHeader;
    }

    /** Where the snippet goes. */
    public InjectionPoint point() {
        return point;
    }

    /**
     * Whether a request may get the widget at all: switched on, GET (or POST when {@link #postPages()}), on an
     * included and not excluded path.
     */
    public boolean appliesTo(String method, @Nullable String path) {
        if (!enabled || !("GET".equals(method) || (postPages && "POST".equals(method)))) {
            return false;
        }
        String p = path == null || path.isEmpty() ? "/" : path;
        return (includes.isEmpty() || PathPatterns.anyMatches(includes, p)) && !PathPatterns.anyMatches(excludes, p);
    }

    /**
     * Decides on a response from its status, {@code Content-Type} (may be null: not set yet),
     * {@code Content-Encoding} and {@code Content-Disposition} (may be null) and character encoding (null means the
     * HTTP default, ISO-8859-1).
     *
     * <pre>{@code rules.check(200, "text/html;charset=UTF-8", null, "attachment; filename=report.html", "UTF-8") == PASS}</pre>
     */
    public Verdict check(int status, @Nullable String contentType, @Nullable String contentEncoding,
            @Nullable String contentDisposition, @Nullable String charset) {
        boolean statusOk = (status >= 200 && status <= 203) || (errorPages && status >= 400 && status <= 599);
        if (!statusOk) {
            return Verdict.PASS; // 204/205 have no body, 206 is a byte range, 1xx/3xx/304 are not pages
        }
        if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            if (isHtml(contentType) && !isAttachment(contentDisposition)) {
                encodedPage(contentEncoding);
            }
            return Verdict.PASS; // compressed (or otherwise encoded) bytes cannot be scanned
        }
        if (isAttachment(contentDisposition)) {
            // A file to save, not a page to show: a saved report.html would carry the loader (and a CSRF token).
            return Verdict.PASS;
        }
        if (!isAsciiCompatible(charset)) {
            if (isHtml(contentType)) {
                refusedCharset(charset);
            }
            return Verdict.PASS;
        }
        if (contentType == null) {
            return Verdict.UNDECIDED;
        }
        return isHtml(contentType) ? Verdict.INJECT : Verdict.PASS;
    }

    /**
     * Whether a {@code Content-Disposition} asks to save the body as a file: any type but {@code inline}, since
     * browsers treat an unknown type as {@code attachment} (RFC 6266, 4.2).
     */
    static boolean isAttachment(@Nullable String contentDisposition) {
        if (contentDisposition == null || contentDisposition.isBlank()) {
            return false;
        }
        int end = contentDisposition.indexOf(';');
        String type = contentDisposition.substring(0, end < 0 ? contentDisposition.length() : end).trim();
        return !type.equalsIgnoreCase("inline");
    }

    /** Whether a {@code Content-Type} is an HTML document: {@code text/html} or {@code application/xhtml+xml}. */
    public static boolean isHtml(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int start = 0;
        int end = contentType.indexOf(';');
        if (end < 0) {
            end = contentType.length();
        }
        while (start < end && contentType.charAt(start) == ' ') {
            start++;
        }
        while (end > start && contentType.charAt(end - 1) == ' ') {
            end--;
        }
        // Checked on every response: compare in place rather than allocate a lower-cased copy.
        return is(contentType, start, end, "text/html") || is(contentType, start, end, "application/xhtml+xml");
    }

    private static boolean is(String s, int start, int end, String type) {
        return end - start == type.length() && s.regionMatches(true, start, type, 0, type.length());
    }

    /** A page that gets no widget for its charset is said once per charset, not left to be guessed at. */
    private void refusedCharset(@Nullable String charset) {
        String name = String.valueOf(charset).trim().toLowerCase(java.util.Locale.ROOT);
        if (refusedCharsetsLogged.size() < 32 && refusedCharsetsLogged.add(name)) {
            System.getLogger(InjectionRules.class.getName()).log(System.Logger.Level.WARNING, "RingCentral Embeddable:"
                    + " HTML pages in the charset '" + name.replaceAll("[^a-z0-9._:+-]", "?") + "' get no widget: the"
                    + " injector finds where the head ends byte by byte, which UTF-16 and UTF-32, stateful charsets"
                    + " (ISO-2022-JP), EBCDIC and charsets Java does not know do not allow. Serve such pages in UTF-8 (or"
                    + " Shift_JIS, EUC-JP, GBK, Big5, ...), or place the widget in them yourself (Embeddable.scriptTag)."
                    + " Logged once per charset.");
        }
    }

    /**
     * An HTML page the application (or a framework inside the filter) sent compressed gets no widget, which a Javalin
     * trial found only by its pages losing the widget above Javalin's compression threshold: said once per encoding.
     */
    private void encodedPage(String contentEncoding) {
        if (encodingsLogged.contains(contentEncoding) || encodingsLogged.size() >= 8) {
            return; // said already (or enough): nothing more per response
        }
        if (encodingsLogged.add(contentEncoding)) {
            String name = contentEncoding.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9, -]", "?");
            System.getLogger(InjectionRules.class.getName()).log(System.Logger.Level.WARNING, "RingCentral Embeddable:"
                    + " HTML pages that reach the filter already encoded (Content-Encoding: " + name + ") get no widget:"
                    + " compressed bytes cannot be read. If a framework or code inside the filter compresses them, turn"
                    + " that off (Javalin: config.http.compressionStrategy = CompressionStrategy.NONE; ZK: the init-param"
                    + " compress=false on its servlets) and let the server"
                    + " or a proxy compress after it (Spring Boot's server.compression does); HTML files served"
                    + " precompressed (.html.gz, Spring's resource chain 'compressed') keep no widget. Logged once per"
                    + " encoding.");
        }
    }

    private static boolean isAsciiCompatible(@Nullable String charset) {
        if (charset == null || charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("ISO-8859-1")) {
            return true; // null: HTTP's default, ISO-8859-1
        }
        try {
            return HtmlInjection.isAsciiCompatible(Charset.forName(charset.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "InjectionRules{enabled=" + enabled + ", includes=" + includes + ", excludes=" + excludes
                + ", errorPages=" + errorPages + ", injectedHeader=" + injectedHeader + ", point=" + point + "}";
    }

    /** Builds {@link InjectionRules}; {@link #build()} checks the path patterns. */
    public static final class Builder {
        private boolean enabled = true;
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private boolean errorPages;
        private boolean postPages;
        private @Nullable String injectedHeader;
        private InjectionPoint point = InjectionPoint.HEAD_END;

        private Builder() {
        }

        /** The global switch (default on). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Adds path patterns to inject into ({@code /app/*}, {@code *.html}, {@code /exact}); none means all. */
        public Builder include(String... patterns) {
            includes.addAll(clean(patterns));
            return this;
        }

        /** Adds path patterns never to inject into. */
        public Builder exclude(String... patterns) {
            excludes.addAll(clean(patterns));
            return this;
        }

        /** Whether 4xx/5xx HTML pages get the widget too (default false). */
        public Builder errorPages(boolean errorPages) {
            this.errorPages = errorPages;
            return this;
        }

        /**
         * Whether HTML pages answering POST requests get the widget too (default false: other injectors' users were
         * hurt by injection into POST answers, so it is asked for). Turn it on when forms answer with a whole page: a
         * form shown again with its errors, a Jakarta Faces postback. Fragments (htmx, Faces ajax) still get nothing.
         */
        public Builder postPages(boolean postPages) {
            this.postPages = postPages;
            return this;
        }

        /** A header to set to {@code 1} on responses that got the widget, such as {@code X-Embeddable-Injected}. */
        public Builder injectedHeader(@Nullable String name) {
            this.injectedHeader = name == null || name.isBlank() ? null : name.trim();
            return this;
        }

        /** Where the snippet goes (default {@link InjectionPoint#HEAD_END}). */
        public Builder point(InjectionPoint point) {
            this.point = Objects.requireNonNull(point, "point");
            return this;
        }

        /**
         * @throws EmbeddableConfigException (an {@code IllegalArgumentException}) naming every malformed pattern or
         *                                   header name
         */
        public InjectionRules build() {
            List<ConfigProblem> problems = new ArrayList<>();
            checked("include", includes, problems);
            checked("exclude", excludes, problems);
            addIfPresent(problems, headerProblem("injectedHeader", injectedHeader));
            if (!problems.isEmpty()) {
                throw new EmbeddableConfigException(problems);
            }
            return new InjectionRules(this);
        }
    }
}
