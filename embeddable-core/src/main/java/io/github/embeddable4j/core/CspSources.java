package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The Content-Security-Policy sources a host page must allow for the widget, per directive.
 *
 * <pre>{@code response.setHeader("Content-Security-Policy", embeddable.contentSecurityPolicy().mergeInto(myPolicy));}</pre>
 */
public final class CspSources {

    /** Where a directive falls back to when a policy leaves it out (CSP Level 3). */
    private static final Map<String, List<String>> FALLBACKS = Map.of(
            "frame-src", List.of("child-src", "default-src"),
            "child-src", List.of("default-src"),
            "script-src", List.of("default-src"),
            "style-src", List.of("default-src"),
            "img-src", List.of("default-src"),
            "connect-src", List.of("default-src"));

    /** A nonce source: base64 or base64url, as CSP defines it. */
    private static final java.util.regex.Pattern NONCE = java.util.regex.Pattern.compile("'nonce-([A-Za-z0-9+/_=-]+)'",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final Map<String, List<String>> directives;

    CspSources(Map<String, List<String>> directives) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        directives.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.directives = Collections.unmodifiableMap(copy);
    }

    /** Directive name ({@code script-src}, {@code frame-src}, ...) to the sources the widget needs there, in a stable order. */
    public Map<String, List<String>> directives() {
        return directives;
    }

    /**
     * These sources and more for one directive, such as the application's own endpoints the event bridge posts to.
     *
     * <pre>{@code embeddable.contentSecurityPolicy().with("connect-src", "'self'")}</pre>
     */
    public CspSources with(String directive, String... sources) {
        Map<String, List<String>> more = new LinkedHashMap<>(directives);
        List<String> list = new ArrayList<>(sources(directive));
        for (String source : sources) {
            if (!containsIgnoreCase(list, source)) {
                list.add(source);
            }
        }
        more.put(directive.toLowerCase(Locale.ROOT), list);
        return new CspSources(more);
    }

    /**
     * These sources and {@code connect-src 'self'}, which a page with the event bridge needs: its script posts the
     * widget's events and call-outs to this application's own endpoints, which a policy of {@code default-src 'none'}
     * (or a {@code connect-src} without {@code 'self'}) would block. The Spring Boot starter's {@code CspSources} bean
     * is this while its bridge is on; with the servlet filter's bridge ({@code EmbeddableFilter.withEventBridge}),
     * merge this one.
     *
     * <pre>{@code embeddable.contentSecurityPolicy().withEventBridge().mergeInto(myPolicy)}</pre>
     */
    public CspSources withEventBridge() {
        return with("connect-src", "'self'");
    }

    /** The sources for one directive, or an empty list. */
    public List<String> sources(String directive) {
        return directives.getOrDefault(directive.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Adds these sources to an existing policy without loosening anything else. A directive the policy has gets the
     * missing sources; one it lacks but restricts through a fallback ({@code default-src}, {@code child-src}) is
     * added with the fallback's sources plus these; one that is unrestricted stays unrestricted.
     *
     * A header value that holds several policies joined by commas (each of which the browser enforces) gets the
     * sources in each of them.
     *
     * <p>One thing no merge can mend without loosening the policy: a {@code style-src} (or {@code style-src-elem},
     * {@code style-src-attr}) that holds a nonce or a hash makes browsers ignore the {@code 'unsafe-inline'} added
     * beside it, and the loader's own {@code <style>} and style attributes carry no nonce: keep nonces and hashes out of
     * {@code style-src} on pages with the widget.
     *
     * @param policy a Content-Security-Policy header value, possibly empty
     */
    public String mergeInto(@Nullable String policy) {
        StringJoiner out = new StringJoiner(", ");
        policies(policy).forEach(p -> out.add(mergeIntoOne(p)));
        return out.toString();
    }

    private String mergeIntoOne(String policy) {
        Map<String, List<String>> parsed = parse(policy);
        for (Map.Entry<String, List<String>> ours : directives.entrySet()) {
            String name = ours.getKey();
            // script-src-elem and style-src-elem, where a policy has them, decide for <script> and <style> elements
            // before script-src and style-src do (with or without those): the loader and its <style> need their
            // sources there too; style-src-attr decides for the style attributes the loader sets
            if (name.equals("script-src") || name.equals("style-src")) {
                List<String> elements = parsed.get(name + "-elem");
                if (elements != null) {
                    addTo(elements, ours.getValue());
                }
            }
            List<String> attributes = name.equals("style-src") ? parsed.get("style-src-attr") : null;
            if (attributes != null && containsIgnoreCase(ours.getValue(), "'unsafe-inline'")) {
                addTo(attributes, List.of("'unsafe-inline'"));
            }
            List<String> existing = parsed.get(name);
            if (existing == null) {
                List<String> fallback = fallbackOf(parsed, name);
                if (fallback == null) {
                    continue; // unrestricted: adding the directive would restrict it
                }
                existing = new ArrayList<>(fallback);
                parsed.put(name, existing);
            }
            addTo(existing, ours.getValue());
        }
        StringJoiner out = new StringJoiner("; ");
        // Empty only as the policy wrote it (ours are never empty): upgrade-insecure-requests, a bare sandbox, or a
        // source list that allows nothing. Each stays as written: 'none' is no value the first two take.
        parsed.forEach((k, v) -> out.add(v.isEmpty() ? k : k + " " + String.join(" ", v)));
        return out.toString();
    }

    /**
     * Adds the sources a directive lacks. {@code *} stands for network hosts only: a scheme source ({@code data:}) or a
     * keyword ({@code 'unsafe-inline'}) is still added beside it.
     */
    private static void addTo(List<String> existing, List<String> sources) {
        existing.removeIf(s -> s.equalsIgnoreCase("'none'"));
        boolean anyHost = containsIgnoreCase(existing, "*");
        for (String source : sources) {
            boolean host = !source.startsWith("'") && !source.endsWith(":");
            if (!containsIgnoreCase(existing, source) && !(anyHost && host)) {
                existing.add(source);
            }
        }
    }

    private static @Nullable List<String> fallbackOf(Map<String, List<String>> policy, String directive) {
        for (String fallback : FALLBACKS.getOrDefault(directive, List.of())) {
            if (policy.containsKey(fallback)) {
                return policy.get(fallback);
            }
        }
        return null;
    }

    private static boolean containsIgnoreCase(List<String> list, String value) {
        for (String s : list) {
            if (s.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nonce a policy gives script elements, if it gives one: {@code 'nonce-...'} in {@code script-src-elem}, else
     * in {@code script-src}, else in {@code default-src} (the directive the browser checks a {@code <script src>}
     * against). A page's loader tag must carry this nonce for the policy to run it, whatever a request attribute says:
     * Wicket, for one, serves a page rendered in an earlier request, with that request's policy and nonce.
     *
     * <pre>{@code CspSources.scriptNonceOf(response.getHeader("Content-Security-Policy")).orElse(requestNonce)}</pre>
     */
    public static java.util.Optional<String> scriptNonceOf(@Nullable String policy) {
        for (String one : policies(policy)) { // several policies joined by commas: the first that gives scripts a nonce
            for (String source : scriptDirective(parse(one))) {
                java.util.regex.Matcher m = NONCE.matcher(source);
                if (m.matches()) {
                    return java.util.Optional.of(m.group(1));
                }
            }
            // the directive that applies has none (a fallback does not count); another policy may have one
        }
        return java.util.Optional.empty();
    }

    /**
     * The sources of the directive that governs script elements in {@code policy}: {@code script-src-elem}, else
     * {@code script-src}, else {@code default-src}; empty when it has none (scripts are then unrestricted). Of a
     * header value holding several policies joined by commas, the first policy's: split the value with {@link
     * #policiesOf} to judge each.
     *
     * <pre>{@code CspSources.scriptSourcesOf("script-src 'nonce-r4nd0m' 'strict-dynamic'") // ['nonce-r4nd0m', 'strict-dynamic']}</pre>
     */
    public static List<String> scriptSourcesOf(@Nullable String policy) {
        List<String> policies = policies(policy);
        return policies.isEmpty() ? List.of() : List.copyOf(scriptDirective(parse(policies.get(0))));
    }

    /**
     * The policies of one header value: a browser enforces each of several policies joined by commas (CSP Level 3,
     * "parse a serialized CSP list"; a proxy or a framework joining two headers writes them so). A source expression
     * never holds a comma, so splitting there is exact.
     *
     * <pre>{@code CspSources.policiesOf("default-src 'self', script-src 'nonce-abc'") // two policies}</pre>
     */
    public static List<String> policiesOf(@Nullable String headerValue) {
        return policies(headerValue);
    }

    private static List<String> policies(@Nullable String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return List.of();
        }
        List<String> policies = new ArrayList<>();
        for (String policy : headerValue.split(",")) {
            if (!policy.isBlank()) {
                policies.add(policy.trim());
            }
        }
        return policies;
    }

    /** The sources of the directive that decides for script elements, or none when none does. */
    private static List<String> scriptDirective(Map<String, List<String>> parsed) {
        for (String directive : List.of("script-src-elem", "script-src", "default-src")) {
            if (parsed.containsKey(directive)) {
                return parsed.get(directive);
            }
        }
        return List.of();
    }

    private static Map<String, List<String>> parse(String policy) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String part : policy.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] tokens = trimmed.split("\\s+");
            String name = tokens[0].toLowerCase(Locale.ROOT);
            if (parsed.containsKey(name)) {
                continue; // browsers ignore repeated directives
            }
            List<String> sources = new ArrayList<>();
            for (int i = 1; i < tokens.length; i++) {
                sources.add(tokens[i]);
            }
            parsed.put(name, sources);
        }
        return parsed;
    }

    /** The directives as a policy fragment, such as {@code script-src https://apps.ringcentral.com; frame-src ...}. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner("; ");
        directives.forEach((k, v) -> out.add(k + " " + String.join(" ", v)));
        return out.toString();
    }
}
