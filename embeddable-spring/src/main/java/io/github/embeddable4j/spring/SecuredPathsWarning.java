package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The start-up warning of {@link SecuredPathsCheck} (servlet) and {@link ReactiveSecuredPathsCheck} (WebFlux): which of
 * the paths a visitor without a session must reach the application's Spring Security rules keep from them, with the
 * line that permits them, and the users they are asked about. No servlet or reactive type, so that either stack loads
 * it alone (only with Spring Security, as both checks are).
 */
final class SecuredPathsWarning {

    /** A rule for paths in Spring Security's servlet configuration: the paths, then the access ({@code permitAll}). */
    static final String SERVLET_RULE = "auth.requestMatchers(%s).%s()";
    /**
     * The error dispatch permitted by its type, whatever the error page's path: what to advise when the
     * {@code DispatcherServlet} is mapped at a path, where a path's rule reads differently in Spring Security 6 and 7.
     */
    static final String SERVLET_ERROR_DISPATCH_RULE = "auth.dispatcherTypeMatchers(DispatcherType.ERROR).%2$s()";
    /** The same in reactive Spring Security's. */
    static final String REACTIVE_RULE = "exchanges.pathMatchers(%s).%s()";

    /** A visitor without a session, as Spring Security's anonymous filter makes one. */
    static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("embeddable4j", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    /** A signed-in user with the role most applications give everyone. */
    static final Authentication SIGNED_IN = UsernamePasswordAuthenticationToken.authenticated("embeddable4j-start-up-check",
            null, AuthorityUtils.createAuthorityList("ROLE_USER"));

    private SecuredPathsWarning() {
    }

    /** The bridge's mount path when the pages of visitors who have not signed in load it, else null. */
    static @Nullable String anonymousBridge(EmbeddableProperties properties) {
        return Boolean.TRUE.equals(properties.getInject().getAnonymous()) && properties.getBridge().isEnabled() ? properties.getBridge().getPath() : null;
    }

    /**
     * The bridge's mount path when signed-in users' pages load its script, else null: the bridge is on, and something
     * needs it (a widget event listener, a CRM service, sign in once), as the bridge itself decides at its first
     * request; read from bean types, without making the lazy event dispatcher. Null too when visitors without a
     * session load it ({@link #anonymousBridge}): that warning's {@code permitAll} serves signed-in users as well.
     */
    static @Nullable String signedInBridge(EmbeddableProperties properties,
            org.springframework.beans.factory.config.ConfigurableListableBeanFactory beans, boolean signInOnce) {
        if (!properties.getBridge().isEnabled() || anonymousBridge(properties) != null) {
            return null;
        }
        WidgetListenerDetector detector = beans.getBeanProvider(WidgetListenerDetector.class).getIfAvailable();
        boolean needed = signInOnce
                || beans.getBeanNamesForType(io.github.embeddable4j.core.crm.ThirdPartyService.class, true, false).length > 0
                || beans.getBeanNamesForType(io.github.embeddable4j.core.event.WidgetEventListener.class, true, false).length > 0
                || (detector != null && detector.hasListeners(beans))
                // a dispatcher of the application's own, its listeners built in (not the starter's lazy one)
                || java.util.Arrays.stream(beans.getBeanNamesForType(io.github.embeddable4j.core.event.WidgetEventDispatcher.class,
                        true, false)).anyMatch(name -> !name.equals(EventBeans.DISPATCHER));
        return needed ? properties.getBridge().getPath() : null;
    }

    /**
     * The redirect page's path when its widget comes back to it, else null: on the demo app, or without a redirect URI,
     * the page is never used, and a trial was told both that and to open it to visitors. With tenants each widget has
     * its own, so the page is judged.
     */
    static @Nullable String usedPage(@Nullable String redirectPage, io.github.embeddable4j.core.@Nullable Embeddable widget,
            boolean tenants) {
        return tenants || widget == null || io.github.embeddable4j.core.RedirectPage.isUsedBy(widget) ? redirectPage : null;
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
                    + " sign-in page instead. Permit it: " + String.format(rule, '"' + redirectPage + '"', "permitAll"));
        }
        if (bridgeMount != null) {
            List<String> blocked = keptEndpoints(kept, bridgeMount);
            if (!blocked.isEmpty()) {
                problems.add("the bridge, which the pages of visitors who have not signed in load"
                        + " (inject.anonymous=true): " + String.join(", ", blocked) + ". Permit them: "
                        + String.format(rule, String.join(", ", blocked), "permitAll"));
            }
        }
        return problems.isEmpty() ? null : "RingCentral Embeddable: Spring Security's rules keep visitors without a"
                + " session from " + String.join("; and from ", problems) + ".";
    }

    /**
     * The warning for an error page kept from visitors without a session (a Boot 4 trial on Jetty): the page a user
     * leaves by signing out may post its last events after the sign-out ended its CSRF token; the 403's error
     * dispatch meets the rule, Spring Security saves it (on Jetty a {@code GET}) as the page to return to, and the next
     * sign-in lands on {@code /error?continue}, a 500.
     */
    static String ofErrorPage(String rule, String errorPage) {
        return "RingCentral Embeddable: Spring Security's rules keep visitors without a session from the error page, "
                + errorPage + ". A request of theirs that Spring Security refuses, such as the last event post of a page"
                + " left by signing out (the sign-out ended its CSRF token), is dispatched there and may be saved as the"
                + " page to return to (Jetty dispatches it as a GET), so the next sign-in lands on " + errorPage
                + "?continue. Permit it, as Spring Boot advises: " + String.format(rule, '"' + errorPage + '"', "permitAll");
    }

    /**
     * The warning for paths signed-in users need kept from them, or null. Rules that deny what they do not name (Vaadin
     * 25's {@code VaadinSecurityConfigurer} ends with {@code anyRequest().denyAll()}, and so do applications that deny
     * by default) answer sign in once's connect with a blank 403 after every sign-in with connect-on-login, and the
     * bridge's script and endpoints with 403s: its script does not run, and no event or call-out reaches the server.
     * Two trials found nothing said why.
     *
     * @param kept        whether the rules keep a signed-in user from a path, though not from the application's root
     *                    (rules that want roles a made-up user lacks are not judged)
     * @param connectPath the connect path inside the context, or null without sign in once
     * @param bridgeMount the bridge's mount path when signed-in users' pages load it ({@link #signedInBridge}), or null
     */
    static @Nullable String ofSignedIn(BiPredicate<String, String> kept, String rule, @Nullable String connectPath,
            @Nullable String bridgeMount) {
        List<String> problems = new ArrayList<>();
        if (connectPath != null && kept.test(connectPath, "GET")) {
            problems.add("sign in once's connect path, " + connectPath + ", which answers them 403. Allow it, before those"
                    + " rules: " + String.format(rule, '"' + connectPath + '"', "authenticated"));
        }
        List<String> blocked = bridgeMount == null ? List.of() : keptEndpoints(kept, bridgeMount);
        if (!blocked.isEmpty()) {
            problems.add("the bridge, " + String.join(", ", blocked) + ", which their pages load: its script would not run,"
                    + " nor would the widget's events and CRM call-outs reach the server. Allow them, before those rules: "
                    + String.format(rule, String.join(", ", blocked), "authenticated") + " (or, where no page outside"
                    + " Vaadin's loads it, turn it off: ringcentral.embeddable.bridge.enabled=false)");
        }
        return problems.isEmpty() ? null : "RingCentral Embeddable: Spring Security's rules keep signed-in users from "
                + String.join("; and from ", problems) + " (rules that deny what they do not name do, such as Vaadin 25's).";
    }

    /** The bridge's endpoints under {@code mount} that {@code kept} says are kept, quoted. */
    private static List<String> keptEndpoints(BiPredicate<String, String> kept, String mount) {
        List<String> blocked = new ArrayList<>();
        for (String[] endpoint : new String[][] {{BridgeEndpoints.SCRIPT, "GET"}, {BridgeEndpoints.EVENTS, "POST"},
                {BridgeEndpoints.SERVICE, "POST"}}) {
            if (kept.test(mount + endpoint[0], endpoint[1])) {
                blocked.add('"' + mount + endpoint[0] + '"');
            }
        }
        return blocked;
    }
}
