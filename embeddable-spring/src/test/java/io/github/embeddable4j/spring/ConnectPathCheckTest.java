package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import reactor.core.publisher.Mono;

/**
 * Sign in once's connect path and the bridge kept from signed-in users by rules that deny what they do not name (Vaadin
 * 25's {@code VaadinSecurityConfigurer} ends with {@code anyRequest().denyAll()}: a trial's connect-on-login ended on a
 * blank 403; an MVC trial's deny-by-default chain answered the bridge's script and endpoints 403, so no event reached
 * the server; nothing in either log) are reported at start-up with the rule that allows them, on both stacks; rules
 * that want a role the made-up user lacks everywhere are not judged.
 */
class ConnectPathCheckTest {

    private static final String CONNECT = "/ringcentral/connect";
    private static final String MOUNT = "/embeddable4j";
    private static final Set<String> BRIDGE = Set.of(MOUNT + "/embeddable4j.js", MOUNT + "/events", MOUNT + "/service");
    private final MockServletContext servletContext = new MockServletContext();

    /** The application's root for signed-in users, then the paths {@code named} for signed-in users, the rest denied. */
    private static List<SecurityFilterChain> servletRules(Set<String> named) {
        AuthorizationManager<HttpServletRequest> manager = RequestMatcherDelegatingAuthorizationManager.builder()
                .add(request -> request.getRequestURI().equals("/") || named.contains(request.getRequestURI()),
                        AuthenticatedAuthorizationManager.authenticated())
                .add(AnyRequestMatcher.INSTANCE, (authentication, request) -> new AuthorizationDecision(false))
                .build();
        return List.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, new AuthorizationFilter(manager)));
    }

    @Test
    void servletRulesThatDenyTheConnectPathToSignedInUsersAreReported() {
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(Set.of()), servletContext, CONNECT, null))
                .contains("keep signed-in users from sign in once's connect path, /ringcentral/connect")
                .contains("auth.requestMatchers(\"/ringcentral/connect\").authenticated()");
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(Set.of(CONNECT)), servletContext, CONNECT, null))
                .as("allowed by name").isNull();
    }

    @Test
    void servletRulesThatDenyTheBridgeToSignedInUsersAreReported() {
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(Set.of()), servletContext, null, MOUNT))
                .contains("keep signed-in users from the bridge, \"/embeddable4j/embeddable4j.js\", \"/embeddable4j/events\","
                        + " \"/embeddable4j/service\", which their pages load")
                .contains("auth.requestMatchers(\"/embeddable4j/embeddable4j.js\", \"/embeddable4j/events\","
                        + " \"/embeddable4j/service\").authenticated()")
                .doesNotContain("connect");
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(BRIDGE), servletContext, null, MOUNT))
                .as("allowed by name").isNull();
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(Set.of()), servletContext, null, null))
                .as("no bridge on signed-in users' pages").isNull();
        assertThat(SecuredPathsCheck.signedInWarning(servletRules(Set.of()), servletContext, CONNECT, MOUNT))
                .as("both, in one warning").contains("connect path, /ringcentral/connect").contains("; and from the bridge");
    }

    @Test
    void rulesThatWantARoleEverywhereAreNotJudged() {
        AuthorizationManager<HttpServletRequest> admins = AuthorityAuthorizationManager.hasRole("ADMIN");
        List<SecurityFilterChain> rules = List.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE,
                new AuthorizationFilter(admins)));
        assertThat(SecuredPathsCheck.signedInWarning(rules, servletContext, CONNECT, MOUNT))
                .as("the made-up user lacks ADMIN at the root too: its answer says nothing").isNull();
    }

    /** The same rules in reactive Spring Security. */
    private static List<SecurityWebFilterChain> reactiveRules(Set<String> named) {
        AuthorizationWebFilter authorization = new AuthorizationWebFilter((authentication, exchange) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (!path.equals("/") && !named.contains(path)) {
                return Mono.just(new AuthorizationDecision(false));
            }
            // flatMap to Mono.just: the decision's type is inferred from the manager's (a decision in Spring Security
            // 6, a result in 7), so one lambda compiles on both Boot lines
            return authentication.map(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
                    .defaultIfEmpty(false).flatMap(granted -> Mono.just(new AuthorizationDecision(granted)));
        });
        return List.of(new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of(authorization)));
    }

    @Test
    void reactiveRulesThatDenyTheConnectPathToSignedInUsersAreReported() {
        assertThat(ReactiveSecuredPathsCheck.signedInWarning(reactiveRules(Set.of()), "", CONNECT, null))
                .contains("exchanges.pathMatchers(\"/ringcentral/connect\").authenticated()");
        assertThat(ReactiveSecuredPathsCheck.signedInWarning(reactiveRules(Set.of(CONNECT)), "", CONNECT, null)).isNull();
    }

    @Test
    void reactiveRulesThatDenyTheBridgeToSignedInUsersAreReported() {
        assertThat(ReactiveSecuredPathsCheck.signedInWarning(reactiveRules(Set.of()), "", null, MOUNT))
                .contains("exchanges.pathMatchers(\"/embeddable4j/embeddable4j.js\", \"/embeddable4j/events\","
                        + " \"/embeddable4j/service\").authenticated()");
        assertThat(ReactiveSecuredPathsCheck.signedInWarning(reactiveRules(BRIDGE), "", null, MOUNT)).isNull();
    }
}
