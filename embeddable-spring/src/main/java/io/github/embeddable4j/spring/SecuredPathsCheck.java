package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import io.github.embeddable4j.servlet.LoginHandoffServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.context.WebApplicationContext;

/**
 * At start-up, when Spring Security guards a servlet application: warns when its rules keep visitors without a session
 * from what must load without one. The widget's redirect page is loaded by RingCentral's sign-in popup and by its
 * single sign-on frame (cross-site, so without the session cookie): protected, they get the sign-in page instead, and
 * nothing else says why. With {@code inject.anonymous=true}, anonymous visitors' pages load the bridge too. And with
 * the bridge on, the error page: kept from them, a refused event post can send the next sign-in there
 * ({@link SecuredPathsWarning#ofErrorPage}).
 *
 * <p>The application's own {@code authorizeHttpRequests} rules answer, for a request made up as the servlet container
 * would dispatch it (Spring Security's {@code WebInvocationPrivilegeEvaluator} cannot: with more than one servlet,
 * which the starter always adds, its string-only requests fail Spring Security 6.5's servlet-aware matchers). The rules
 * stay the application's: the starter never opens a path in them itself. Rules it cannot read are not judged.
 * The request is an {@link AnonymousRequest}: matchers of other libraries (Vaadin's ask for the user principal) read
 * more of a request than Spring Security's own made-up one answers.
 *
 * <p>Rules that cannot judge any request once the starter's servlets sit beside a {@code DispatcherServlet} mapped at
 * a path stop the start ({@link #undecidableMatchers}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.web.access.intercept.AuthorizationFilter")
class SecuredPathsCheck {

    private static final Log LOG = LogFactory.getLog(SecuredPathsCheck.class);

    @Bean
    @ConditionalOnMissingBean(name = "embeddableSecuredPathsCheck")
    ApplicationListener<ApplicationReadyEvent> embeddableSecuredPathsCheck(ObjectProvider<FilterChainProxy> security,
            ObjectProvider<LoginHandoffFlow> login, EmbeddableProperties properties, ObjectProvider<Embeddable> widget,
            ObjectProvider<EmbeddableSelector> tenants, ConfigurableListableBeanFactory beans) {
        return ready -> {
            FilterChainProxy chains = security.getIfUnique();
            if (chains != null && ready.getApplicationContext() instanceof WebApplicationContext web
                    && web.getServletContext() != null) {
                ServletContext servletContext = web.getServletContext();
                ConfigProblem undecidable = undecidableMatchers(chains.getFilterChains(), servletContext);
                if (undecidable != null) {
                    throw new EmbeddableConfigException(List.of(undecidable));
                }
                LoginHandoffFlow flow = login.getIfAvailable();
                String mvcPath = dispatcherServletPath(servletContext);
                String warning = warning(chains.getFilterChains(), servletContext,
                        SecuredPathsWarning.usedPage(redirectPagePath(flow, properties, servletContext.getContextPath()),
                                widget.getIfAvailable(), tenants.getIfAvailable() != null),
                        SecuredPathsWarning.anonymousBridge(properties));
                if (warning != null) {
                    LOG.warn(warning + outsideMvc(mvcPath));
                }
                String signedIn = signedInWarning(chains.getFilterChains(), servletContext, flow == null ? null : flow.connectPath(),
                        SecuredPathsWarning.signedInBridge(properties, beans, flow != null));
                if (signedIn != null) {
                    LOG.warn(signedIn + outsideMvc(mvcPath));
                }
                // Boot's error page is Spring MVC's, under its servlet path (a Jersey application has the container's own)
                String errorPage = mvcPath + ready.getApplicationContext().getEnvironment().getProperty("server.error.path", "/error");
                boolean errorPages = hasDispatcherServlet(servletContext);
                if (errorPages && properties.getBridge().isEnabled() && isKept(chains.getFilterChains(), servletContext,
                        errorPage, "GET", DispatcherType.ERROR, SecuredPathsWarning.ANONYMOUS)) {
                    LOG.warn(SecuredPathsWarning.ofErrorPage(mvcPath.isEmpty() ? SecuredPathsWarning.SERVLET_RULE
                            : SecuredPathsWarning.SERVLET_ERROR_DISPATCH_RULE, errorPage));
                }
            }
        };
    }

    /** Where the redirect page is served inside the context (sign in once's callback serves it too), or null. */
    private static @Nullable String redirectPagePath(@Nullable LoginHandoffFlow flow, EmbeddableProperties properties,
            String contextPath) {
        if (flow != null) {
            try {
                return LoginHandoffServlet.callbackPath(flow, contextPath);
            } catch (IllegalStateException e) {
                return null; // a redirect URI outside the application, which the login servlet reports itself
            }
        }
        return properties.getRedirectPage().getPath();
    }

    /** The warning for what these rules keep from a visitor without a session, or null (see {@link SecuredPathsWarning}). */
    static @Nullable String warning(List<SecurityFilterChain> chains, ServletContext servletContext,
            @Nullable String redirectPage, @Nullable String bridgeMount) {
        return SecuredPathsWarning.of((path, method) -> isKept(chains, servletContext, path, method, DispatcherType.REQUEST,
                SecuredPathsWarning.ANONYMOUS),
                SecuredPathsWarning.SERVLET_RULE, redirectPage, bridgeMount);
    }

    /**
     * The warning for the connect path or the bridge kept from signed-in users, or null (see
     * {@link SecuredPathsWarning#ofSignedIn}).
     */
    static @Nullable String signedInWarning(List<SecurityFilterChain> chains, ServletContext servletContext,
            @Nullable String connectPath, @Nullable String bridgeMount) {
        return SecuredPathsWarning.ofSignedIn((path, method) -> isKept(chains, servletContext, path, method,
                DispatcherType.REQUEST, SecuredPathsWarning.SIGNED_IN) && !isKept(chains, servletContext, "/", "GET",
                DispatcherType.REQUEST, SecuredPathsWarning.SIGNED_IN), SecuredPathsWarning.SERVLET_RULE, connectPath,
                bridgeMount);
    }

    /**
     * Spring Security 6's {@code requestMatchers(String...)} cannot tell a Spring MVC pattern from another once the
     * {@code DispatcherServlet} is mapped at a path ({@code spring.mvc.servlet.path}) and any other servlet is mapped
     * too, which the starter's servlets are: every request those rules judge then fails with an
     * {@code IllegalArgumentException}, a 500 (a trial's application served nothing but 500s once the starter was
     * added). Rules that throw so for a request made up at start-up stop the start, with the fix; null otherwise.
     */
    static @Nullable ConfigProblem undecidableMatchers(List<SecurityFilterChain> chains, ServletContext servletContext) {
        String dispatcherMapping = null;
        List<String> others = new ArrayList<>();
        for (ServletRegistration registration : servletContext.getServletRegistrations().values()) {
            if (registration.getMappings().isEmpty()) {
                continue;
            }
            if (isDispatcherServlet(registration)) {
                dispatcherMapping = registration.getMappings().iterator().next();
            } else {
                others.add(registration.getName() + " at " + String.join(", ", registration.getMappings()));
            }
        }
        String basePath = dispatcherServletPath(servletContext);
        if (dispatcherMapping == null || basePath.isEmpty() || others.isEmpty()) {
            return null; // Spring Security decides these itself
        }
        for (String path : List.of(basePath + "/", "/")) {
            try {
                judge(chains, servletContext, path, "GET", DispatcherType.REQUEST, SecuredPathsWarning.ANONYMOUS);
            } catch (IllegalArgumentException e) {
                if (!undecidable(e)) {
                    return null; // another matcher's own trouble with a made-up request: judged elsewhere (isKept)
                }
                LOG.debug("Spring Security's rules cannot judge " + path, e);
                return new ConfigProblem("spring.mvc.servlet.path", "the DispatcherServlet is mapped at " + dispatcherMapping
                        + " and other servlets beside it (" + String.join("; ", others) + "), so Spring Security cannot tell"
                        + " whether the patterns of requestMatchers(String...) are Spring MVC's: every request its rules"
                        + " judge fails with an IllegalArgumentException (a 500).",
                        "Build those matchers for their servlet, as Spring Security advises: PathPatternRequestMatcher"
                        + ".withDefaults().basePath(\"" + basePath + "\").matcher(\"/orders/**\") for a path of Spring MVC,"
                        + " PathPatternRequestMatcher.withDefaults().matcher(\"/embeddable4j/**\") for one of another"
                        + " servlet; or map the DispatcherServlet at / (no spring.mvc.servlet.path).");
            } catch (RuntimeException | LinkageError e) {
                return null; // judged elsewhere (isKept), as before
            }
        }
        return null;
    }

    /** Spring Security 6's refusal to decide whose patterns these are (its message, the one sign it gives). */
    private static boolean undecidable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("cannot decide whether these patterns are Spring MVC patterns")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Spring MVC {@code DispatcherServlet} is mapped: Boot's error page is its. */
    private static boolean hasDispatcherServlet(ServletContext servletContext) {
        return servletContext.getServletRegistrations().values().stream()
                .anyMatch(registration -> !registration.getMappings().isEmpty() && isDispatcherServlet(registration));
    }

    /**
     * The path the {@code DispatcherServlet} is mapped at ({@code spring.mvc.servlet.path}, such as {@code /app} for
     * {@code /app/*}), or "" at the root or without one: Boot serves its error page under it.
     */
    static String dispatcherServletPath(ServletContext servletContext) {
        for (ServletRegistration registration : servletContext.getServletRegistrations().values()) {
            if (!registration.getMappings().isEmpty() && isDispatcherServlet(registration)) {
                String mapping = registration.getMappings().iterator().next();
                // "/app/*" is at /app; "/" (or an extension mapping, "*.do") is at the root
                return mapping.startsWith("/") && mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
            }
        }
        return "";
    }

    /**
     * What to add to a warning's rule when the {@code DispatcherServlet} is mapped at a path: Spring Boot 4 reads
     * {@code requestMatchers("/x")} under it ({@code /app/x}), where the starter's own servlets are not (a trial's
     * copied rule permitted nothing).
     */
    private static String outsideMvc(String mvcPath) {
        return mvcPath.isEmpty() ? "" : " The DispatcherServlet is mapped at " + mvcPath + "/*, and Spring Boot 4 reads"
                + " requestMatchers(\"/x\") as " + mvcPath + "/x: write each path outside it as"
                + " requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(\"/x\")).";
    }

    /** A Spring MVC {@code DispatcherServlet} or a subclass (by name: a servlet application may have no Spring MVC). */
    private static boolean isDispatcherServlet(ServletRegistration registration) {
        String className = registration.getClassName();
        if (className == null) {
            return false;
        }
        try {
            for (Class<?> type = Class.forName(className, false, SecuredPathsCheck.class.getClassLoader()); type != null;
                    type = type.getSuperclass()) {
                if (type.getName().equals("org.springframework.web.servlet.DispatcherServlet")) {
                    return true;
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // a servlet of another class loader: not the application's DispatcherServlet
        }
        return false;
    }

    /** Whether the first chain for the request denies it to {@code who}; false when that cannot be told. */
    private static boolean isKept(List<SecurityFilterChain> chains, ServletContext servletContext, String path, String method,
            DispatcherType dispatch, Authentication who) {
        try {
            return judge(chains, servletContext, path, method, dispatch, who);
        } catch (RuntimeException | LinkageError e) { // rules that cannot judge a request made up at start-up
            LOG.debug("Could not ask Spring Security's rules about " + path, e);
            return false;
        }
    }

    /**
     * The manager's decision, or null for none. Spring Security 6.4 added {@code authorize} and 7 removed {@code check};
     * Spring Boot 3.3 has 6.3, which has only {@code check}, and the start-up warnings went silent there (a trial).
     */
    static @Nullable Boolean granted(AuthorizationManager<HttpServletRequest> manager, Authentication who,
            HttpServletRequest request) {
        try {
            AuthorizationResult result = manager.authorize(() -> who, request);
            return result == null ? null : result.isGranted();
        } catch (NoSuchMethodError before64) {
            try {
                Supplier<Authentication> authentication = () -> who;
                Object decision = AuthorizationManager.class.getMethod("check", Supplier.class, Object.class)
                        .invoke(manager, authentication, request);
                return decision == null ? null : (Boolean) decision.getClass().getMethod("isGranted").invoke(decision);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Spring Security's AuthorizationManager has neither authorize nor check", e);
            }
        }
    }

    /** Whether the first chain for the request denies it to {@code who}; what the rules throw, thrown. */
    private static boolean judge(List<SecurityFilterChain> chains, ServletContext servletContext, String path, String method,
            DispatcherType dispatch, Authentication who) {
        HttpServletRequest request = AnonymousRequest.of(servletContext, path, method, dispatch);
        MvcRequestCache.prepare(servletContext, request);
        for (SecurityFilterChain chain : chains) {
            if (chain.matches(request)) {
                for (Filter filter : chain.getFilters()) {
                    if (filter instanceof AuthorizationFilter authorization) {
                        Boolean granted = granted(authorization.getAuthorizationManager(), who, request);
                        return granted != null && !granted; // no decision: the filter lets it through
                    }
                }
                return false; // no authorizeHttpRequests in its chain
            }
        }
        return false; // no chain for it
    }
}
