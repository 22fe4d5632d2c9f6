package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The start-up warning of {@link SecuredPathsCheck} (servlet) and {@link ReactiveSecuredPathsCheck} (WebFlux): which of
 * the paths a visitor without a session must reach the application's Spring Security rules keep from them, with the
 * line that permits them. No servlet or reactive type, so that either stack loads it alone.
 */
final class SecuredPathsWarning {

    /** A rule that permits paths, in Spring Security's servlet configuration. */
    static final String SERVLET_RULE = "auth.requestMatchers(%s).permitAll()";
    /** The same in reactive Spring Security's. */
    static final String REACTIVE_RULE = "exchanges.pathMatchers(%s).permitAll()";

    private SecuredPathsWarning() {
    }

    /** The bridge's mount path when the pages of visitors who have not signed in load it, else null. */
    static @Nullable String anonymousBridge(EmbeddableProperties properties) {
        return properties.getInject().isAnonymous() && properties.getBridge().isEnabled() ? properties.getBridge().getPath() : null;
    }

    /**
     * The warning, or null when the rules keep nothing.
     *
     * @param kept         whether the rules keep a visitor without a session from a path (inside the context) and method
     * @param rule         how a rule permitting paths is written ({@link #SERVLET_RULE}, {@link #REACTIVE_RULE})
     * @param redirectPage where the widget's redirect page is served, or null when it is not
     * @param bridgeMount  the bridge's mount path when anonymous visitors' pages load it, else null
     */
    static @Nullable String of(BiPredicate<String, String> kept, String rule, @Nullable String redirectPage,
            @Nullable String bridgeMount) {
        List<String> problems = new ArrayList<>();
        if (redirectPage != null && kept.test(redirectPage, "GET")) {
            problems.add("the widget's redirect page, " + redirectPage + ", which RingCentral's sign-in popup and its"
                    + " single sign-on frame (cross-site, without your session cookie) load: they would get your"
                    + " sign-in page instead. Permit it: " + String.format(rule, '"' + redirectPage + '"'));
        }
        if (bridgeMount != null) {
            List<String> blocked = new ArrayList<>();
            for (String[] endpoint : new String[][] {{BridgeEndpoints.SCRIPT, "GET"}, {BridgeEndpoints.EVENTS, "POST"},
                    {BridgeEndpoints.SERVICE, "POST"}}) {
                if (kept.test(bridgeMount + endpoint[0], endpoint[1])) {
                    blocked.add('"' + bridgeMount + endpoint[0] + '"');
                }
            }
            if (!blocked.isEmpty()) {
                problems.add("the bridge, which the pages of visitors who have not signed in load"
                        + " (inject.anonymous=true): " + String.join(", ", blocked) + ". Permit them: "
                        + String.format(rule, String.join(", ", blocked)));
            }
        }
        return problems.isEmpty() ? null : "RingCentral Embeddable: Spring Security's rules keep visitors without a"
                + " session from " + String.join("; and from ", problems) + ".";
    }
}
