package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * {@link SecuredPathsCheck} for WebFlux: at start-up, warns when the application's reactive Spring Security rules
 * ({@code SecurityWebFilterChain} beans, first match) keep visitors without a session from the widget's redirect page or,
 * with {@code inject.anonymous=true}, from the bridge. Each chain's {@link AuthorizationWebFilter} is run on an
 * {@link AnonymousExchange} with an anonymous user: passing it on means allowed, an access denial means kept. Rules it
 * cannot run are not judged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.web.server.authorization.AuthorizationWebFilter")
class ReactiveSecuredPathsCheck {

    private static final Log LOG = LogFactory.getLog(ReactiveSecuredPathsCheck.class);
    private static final Duration AT_MOST = Duration.ofSeconds(2);

    @Bean
    @ConditionalOnMissingBean(name = "embeddableReactiveSecuredPathsCheck")
    ApplicationListener<ApplicationReadyEvent> embeddableReactiveSecuredPathsCheck(ObjectProvider<SecurityWebFilterChain> chains,
            ObjectProvider<EmbeddableLoginWebFilter> login, EmbeddableProperties properties, Environment environment,
            ObjectProvider<Embeddable> widget, ObjectProvider<ReactiveEmbeddableSelector> tenants,
            ConfigurableListableBeanFactory beans) {
        return ready -> {
            List<SecurityWebFilterChain> rules = chains.orderedStream().toList();
            if (rules.isEmpty()) {
                return;
            }
            String basePath = environment.getProperty("spring.webflux.base-path", "");
            EmbeddableLoginWebFilter signIn = login.getIfAvailable();
            String warning = warning(rules, basePath, SecuredPathsWarning.usedPage(redirectPagePath(signIn, properties, basePath),
                    widget.getIfAvailable(), tenants.getIfAvailable() != null), SecuredPathsWarning.anonymousBridge(properties));
            if (warning != null) {
                LOG.warn(warning);
            }
            String signedIn = signedInWarning(rules, basePath, signIn == null ? null : signIn.endpoints().connectPath(),
                    SecuredPathsWarning.signedInBridge(properties, beans, signIn != null));
            if (signedIn != null) {
                LOG.warn(signedIn);
            }
        };
    }

    private static @Nullable String redirectPagePath(@Nullable EmbeddableLoginWebFilter login, EmbeddableProperties properties,
            String basePath) {
        if (login != null) {
            try {
                return login.endpoints().callbackPathIn(basePath);
            } catch (IllegalArgumentException e) {
                return null; // a redirect URI outside the application: no callback here
            }
        }
        return properties.getRedirectPage().getPath();
    }

    /** The warning for what these rules keep from a visitor without a session, or null (see {@link SecuredPathsWarning}). */
    static @Nullable String warning(List<SecurityWebFilterChain> chains, String basePath, @Nullable String redirectPage,
            @Nullable String bridgeMount) {
        return SecuredPathsWarning.of((path, method) -> isKept(chains, basePath, path, method, SecuredPathsWarning.ANONYMOUS),
                SecuredPathsWarning.REACTIVE_RULE, redirectPage, bridgeMount);
    }

    /**
     * The warning for the connect path or the bridge kept from signed-in users, or null (see
     * {@link SecuredPathsWarning#ofSignedIn}).
     */
    static @Nullable String signedInWarning(List<SecurityWebFilterChain> chains, String basePath, @Nullable String connectPath,
            @Nullable String bridgeMount) {
        Authentication user = SecuredPathsWarning.SIGNED_IN;
        return SecuredPathsWarning.ofSignedIn((path, method) -> isKept(chains, basePath, path, method, user)
                && !isKept(chains, basePath, "/", "GET", user), SecuredPathsWarning.REACTIVE_RULE, connectPath, bridgeMount);
    }

    /** Whether the first chain for the exchange denies it to {@code who}; false when that cannot be told. */
    private static boolean isKept(List<SecurityWebFilterChain> chains, String basePath, String path, String method,
            Authentication who) {
        try {
            ServerWebExchange exchange = AnonymousExchange.of(basePath, path, method);
            for (SecurityWebFilterChain chain : chains) {
                if (Boolean.TRUE.equals(chain.matches(exchange).block(AT_MOST))) {
                    List<WebFilter> filters = chain.getWebFilters().collectList().block(AT_MOST);
                    for (WebFilter filter : filters == null ? List.<WebFilter>of() : filters) {
                        if (filter instanceof AuthorizationWebFilter authorization) {
                            AtomicBoolean passed = new AtomicBoolean();
                            try {
                                authorization.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true)))
                                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(who))
                                        .block(AT_MOST);
                            } catch (AccessDeniedException e) {
                                return true;
                            }
                            return false; // passed on, or no answer to judge by
                        }
                    }
                    return false; // no authorizeExchange in its chain
                }
            }
            return false; // no chain for it
        } catch (RuntimeException | LinkageError e) { // rules that cannot judge an exchange made up at start-up
            LOG.debug("Could not ask Spring Security's rules about " + path, e);
            return false;
        }
    }
}
