package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * RingCentral Embeddable for Spring Boot. In every application: an {@link Embeddable} built from
 * {@code ringcentral.embeddable.*} and its {@link CspSources}, checked before the web server starts. In a servlet
 * web application also the filter that puts the widget on every HTML page, the OAuth redirect page when
 * {@code ringcentral.embeddable.redirect-page.path} is set, the rule that anonymous visitors get no widget when Spring
 * Security is present, and a Thymeleaf dialect when Thymeleaf is present (a nested configuration; WebFlux and
 * non-web applications get none of these and need no servlet API). In a WebFlux application, the
 * {@link io.github.embeddable4j.spring.webflux.EmbeddableWebFilter} that puts the widget on every HTML page. Every
 * bean backs off when the application defines its own. {@code ringcentral.embeddable.enabled=false} turns it all off.
 */
@AutoConfiguration(afterName = {
    // the security filter chain bean must be known when the anonymous-visitor rule is decided (Boot 3.5, Boot 4)
    "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
    // and Spring Security's WebFilterChainProxy, for the same rule in a WebFlux application
    "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration"})
@Conditional(EmbeddableAutoConfiguration.Enabled.class)
@EnableConfigurationProperties(EmbeddableProperties.class)
@Import({EventBeans.class, ServiceBeans.class, MetricsBeans.class, EndpointBeans.class})
@ImportRuntimeHints(EmbeddableRuntimeHints.class)
public class EmbeddableAutoConfiguration {

    /**
     * Before Spring Security's filter chain (-100), so that every way a later filter sets Content-Length goes
     * through the injecting response; the nonce is still read late, when the page is written.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final Log LOG = LogFactory.getLog(EmbeddableAutoConfiguration.class);

    /**
     * RingCentral's short variables (RINGCENTRAL_CLIENT_ID, RINGCENTRAL_APP_SERVER), which the examples and core's
     * {@code fromEnvironment} read, set while the starter's own are not: the starter reads only
     * {@code ringcentral.embeddable.*} (a production-style trial set both and got the demo app on production, told only
     * "no client ID is set"). Not read for it: a server SDK's app is another app than the widget's.
     */
    static java.util.Optional<String> shortNamesNotRead(org.springframework.core.env.Environment environment,
            EmbeddableConfig config) {
        List<String> unread = new ArrayList<>();
        if (config.clientId().isEmpty() && !environment.getProperty("RINGCENTRAL_CLIENT_ID", "").isBlank()) {
            unread.add("RINGCENTRAL_CLIENT_ID");
        }
        if (!environment.containsProperty(EmbeddableProperties.PREFIX + ".app-server")
                && !environment.getProperty("RINGCENTRAL_APP_SERVER", "").isBlank()) {
            unread.add("RINGCENTRAL_APP_SERVER");
        }
        return unread.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("RingCentral Embeddable: "
                + String.join(" and ", unread) + (unread.size() == 1 ? " is" : " are") + " set in the environment, but the"
                + " starter reads " + EmbeddableProperties.PREFIX + ".* only, so " + (unread.size() == 1 ? "it is" : "they are")
                + " not used. Set " + String.join(" and ", unread.stream().map(v -> v.replace("RINGCENTRAL_",
                        "RINGCENTRAL_EMBEDDABLE_")).toList()) + ", or map " + (unread.size() == 1 ? "it" : "them")
                + " in application.properties, as the examples do: " + String.join(", ", unread.stream().map(v ->
                        EmbeddableProperties.PREFIX + "." + v.substring("RINGCENTRAL_".length()).toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-') + "=${" + v + ":}").toList()) + ".");
    }

    /**
     * Sign in once's sign-out and sign-in switches set while sign in once is off: they look like the fix for a phone the
     * next user inherits, and do nothing (a WebFlux trial set {@code login.logout-widget=true} and the previous user's
     * calls went on under the next user's name). Read as set in the environment, not the defaults.
     */
    static java.util.Optional<String> loginSwitchesWithoutLogin(org.springframework.core.env.Environment environment) {
        // read as the starter's switches are (OnSwitchCondition): on, yes and 1 are true too (a review)
        if (Boolean.TRUE.equals(OnSwitchCondition.read(environment.getProperty(EmbeddableProperties.PREFIX + ".login.enabled")))) {
            return java.util.Optional.empty();
        }
        List<String> set = new ArrayList<>();
        for (String name : List.of("login.logout-widget", "login.connect-on-login")) {
            if (Boolean.TRUE.equals(OnSwitchCondition.read(environment.getProperty(EmbeddableProperties.PREFIX + "." + name)))) {
                set.add(EmbeddableProperties.PREFIX + "." + name);
            }
        }
        return set.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("RingCentral Embeddable: "
                + String.join(" and ", set) + (set.size() == 1 ? " is" : " are") + " set, but sign in once is off ("
                + EmbeddableProperties.PREFIX + ".login.enabled is not true), so " + (set.size() == 1 ? "it does" : "they do")
                + " nothing: the widget keeps its RingCentral login when a user signs out of the application, and the next"
                + " user at that browser has the previous user's phone (whose events and call-outs then name the new user)."
                + " Turn sign in once on (" + EmbeddableProperties.PREFIX + ".login.enabled=true, with your RingCentral app's"
                + " client ID), or leave " + (set.size() == 1 ? "it" : "them") + " out.");
    }

    /**
     * Whether the setup page may trust the request's remote address for its same-machine rule: only where the server
     * takes it from the connection. With {@code server.forward-headers-strategy=framework} Spring takes it from the
     * first {@code X-Forwarded-For} entry, which any visitor writes (a red-team trial opened the page through a proxy on
     * the same host); with {@code native} (which Boot also turns on by itself on a cloud platform such as Kubernetes)
     * Tomcat trusts the header from any private-network address, and Jetty, Undertow and Reactor Netty from anyone, so
     * a visitor on the office network or another pod writes "127.0.0.1" there (a security review). Says so.
     */
    static boolean setupPageSameMachine(org.springframework.core.env.Environment environment, EmbeddableProperties properties,
            org.springframework.beans.factory.ListableBeanFactory beans) {
        String why = addressFromHeaders(environment);
        if (why == null) {
            why = forwardedHeaderBean(beans);
        }
        if (why == null) {
            return true;
        }
        LOG.warn("RingCentral Embeddable: " + why + ", so the request's address comes from X-Forwarded-For or Forwarded,"
                + " which a client on another machine can write: the setup page cannot tell this machine and is served to "
                + (properties.getSetupPage().getRole() == null ? "nobody; set " + EmbeddableProperties.PREFIX
                + ".setup-page.role to serve it to signed-in users in that role." : "users in the role "
                + properties.getSetupPage().getRole() + " only."));
        return false;
    }

    /**
     * The application's own bean that takes the request's address from forwarded headers (Spring's
     * {@code ForwardedHeaderFilter}, also in a {@code FilterRegistrationBean}, or WebFlux's
     * {@code ForwardedHeaderTransformer}), said as a reason; null when it has none. Read from bean types, making none: a
     * review's application declared the filter itself, and any visitor's {@code X-Forwarded-For: 127.0.0.1} opened the
     * page, as {@code server.forward-headers-strategy=framework} would have.
     */
    private static @Nullable String forwardedHeaderBean(org.springframework.beans.factory.ListableBeanFactory beans) {
        ClassLoader loader = EmbeddableAutoConfiguration.class.getClassLoader();
        List<org.springframework.core.ResolvableType> readers = new java.util.ArrayList<>();
        if (org.springframework.util.ClassUtils.isPresent("org.springframework.web.server.adapter.ForwardedHeaderTransformer", loader)) {
            readers.add(org.springframework.core.ResolvableType.forClass(
                    org.springframework.web.server.adapter.ForwardedHeaderTransformer.class));
        }
        // the servlet filter's types only where the Servlet API is (a WebFlux application has none to load them with)
        if (org.springframework.util.ClassUtils.isPresent("jakarta.servlet.Filter", loader)
                && org.springframework.util.ClassUtils.isPresent("org.springframework.web.filter.ForwardedHeaderFilter", loader)) {
            readers.add(org.springframework.core.ResolvableType.forClass(org.springframework.web.filter.ForwardedHeaderFilter.class));
            readers.add(org.springframework.core.ResolvableType.forClassWithGenerics(
                    org.springframework.boot.web.servlet.FilterRegistrationBean.class,
                    org.springframework.web.filter.ForwardedHeaderFilter.class));
        }
        for (org.springframework.core.ResolvableType type : readers) {
            String[] names = beans.getBeanNamesForType(type, true, false);
            if (names.length > 0) {
                return "the bean '" + names[0] + "' (" + type + ") reads forwarded headers";
            }
        }
        return null;
    }

    /** Why the server takes the request's address from forwarded headers, or null where it takes the connection's. */
    private static @Nullable String addressFromHeaders(org.springframework.core.env.Environment environment) {
        String strategy = environment.getProperty("server.forward-headers-strategy", "").trim().toLowerCase(java.util.Locale.ROOT);
        if (strategy.equals("framework") || strategy.equals("native")) {
            return "with server.forward-headers-strategy=" + strategy;
        }
        if (strategy.isEmpty()) { // Boot's own rule when no strategy is set
            org.springframework.boot.cloud.CloudPlatform platform = org.springframework.boot.cloud.CloudPlatform.getActive(environment);
            if (platform != null && platform.isUsingForwardHeaders()) {
                return "on " + platform + " Spring Boot reads forwarded headers (server.forward-headers-strategy is not set)";
            }
        }
        for (String key : List.of("server.tomcat.remoteip.remote-ip-header", "server.tomcat.remoteip.protocol-header")) {
            if (!environment.getProperty(key, "").isBlank()) { // Boot adds Tomcat's RemoteIpValve for either
                return "with " + key + " set";
            }
        }
        return null;
    }

    /** Checks the configuration while the context is being set up, before a web server starts. */
    @Bean
    static ConfigurationCheck embeddableConfigurationCheck() {
        return new ConfigurationCheck();
    }

    /**
     * The widget, configured from {@code ringcentral.embeddable.*} and then by any {@link EmbeddableConfigCustomizer};
     * warnings are logged once, by property, and with a client ID the redirect URI its registration must list.
     */
    @Bean
    @ConditionalOnMissingBean
    Embeddable embeddable(Environment environment, ObjectProvider<ConfigurationCheck> check,
            ObjectProvider<EmbeddableConfigCustomizer> customizers) {
        ConfigurationCheck checked = check.getIfAvailable();
        EnvironmentSettings read = checked == null ? null : checked.settings(environment);
        EnvironmentSettings settings = read != null ? read : EnvironmentSettings.read(environment);
        EmbeddableConfig config = read != null && checked != null ? checked.config() : null; // read: checked is there
        if (config == null) {
            config = settings.toConfig();
        }
        if (customizers.iterator().hasNext()) {
            EmbeddableConfig.Builder builder = config.toBuilder();
            customizers.orderedStream().forEach(c -> c.customize(builder));
            try {
                config = builder.build(); // validated again: the failure analyzer reports its problems
            } catch (EmbeddableConfigException e) {
                List<ConfigProblem> named = new ArrayList<>();
                for (ConfigProblem p : e.problems()) {
                    ConfigProblem n = settings.named(p, false);
                    named.add(new ConfigProblem(n.property(), n.message() + " (after the EmbeddableConfigCustomizer beans ran)", n.fix()));
                }
                throw new EmbeddableConfigException(named);
            }
        }
        Embeddable embeddable = Embeddable.of(config);
        if (!settings.failOnUnknown()) {
            for (ConfigProblem unknown : settings.unknownProperties()) {
                LOG.warn("RingCentral Embeddable: " + describe(unknown));
            }
        }
        for (ConfigProblem warning : embeddable.warnings()) {
            LOG.warn("RingCentral Embeddable: " + describe(settings.named(warning, true)));
        }
        shortNamesNotRead(environment, config).ifPresent(LOG::warn);
        loginSwitchesWithoutLogin(environment).ifPresent(LOG::warn);
        embeddable.registrationChecklist().startupLine().ifPresent(LOG::info);
        return embeddable;
    }

    /**
     * The Content-Security-Policy sources pages with the widget need; merge them into your policy. With the event
     * bridge on ({@code bridge.enabled}, the default), {@code connect-src 'self'} too: its script posts to this
     * application's endpoints, which a policy of {@code default-src 'none'} would block. With sign in once
     * ({@code login.enabled}), RingCentral's authorize origin in {@code form-action}
     * ({@link io.github.embeddable4j.core.login.LoginEndpoints#contentSecurityPolicy}).
     */
    @Bean
    @ConditionalOnMissingBean
    public CspSources embeddableCspSources(Embeddable embeddable, EmbeddableProperties properties, ApplicationContext context) {
        CspSources sources = embeddable.contentSecurityPolicy();
        if (properties.getLogin().isEnabled()) {
            sources = LoginSettings.withAuthorizeOrigin(sources, embeddable, properties.getLogin());
        }
        // the bridge's endpoints exist in servlet and WebFlux applications, not in non-web ones
        boolean bridge = properties.getBridge().isEnabled() && context.containsBeanDefinition("embeddableBridge");
        return bridge ? sources.withEventBridge() : sources;
    }

    /**
     * The bridge's refusals by reason, shared by the servlet or WebFlux bridge and the meter
     * {@code ringcentral.embeddable.bridge.refusals}.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSwitch(value = "bridge.enabled", matchIfMissing = true)
    BridgeRefusals embeddableBridgeRefusals() {
        return new BridgeRefusals();
    }

    /**
     * With the bridge off, the pages send the server no event and no call-out: listeners and a CRM service the
     * application defines get nothing from them, said once the beans are made (a WebFlux trial's got nothing, without a
     * word). Not where the Vaadin component is: it feeds them without the bridge, which its docs say to turn off.
     */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableBridgeOffCheck")
    @ConditionalOnSwitch(value = "bridge.enabled", on = false)
    org.springframework.beans.factory.SmartInitializingSingleton embeddableBridgeOffCheck(ObjectProvider<io.github.embeddable4j.core.event.WidgetEventDispatcher> dispatcher,
            ObjectProvider<io.github.embeddable4j.core.crm.ThirdPartyService> service) {
        return () -> bridgeOffWarning(dispatcher.getIfAvailable(), service.getIfAvailable(),
                org.springframework.util.ClassUtils.isPresent("io.github.embeddable4j.vaadin.RingCentralEmbeddable",
                        EmbeddableAutoConfiguration.class.getClassLoader())).ifPresent(LOG::warn);
    }

    static java.util.Optional<String> bridgeOffWarning(io.github.embeddable4j.core.event.@Nullable WidgetEventDispatcher dispatcher,
            io.github.embeddable4j.core.crm.@Nullable ThirdPartyService service, boolean vaadin) {
        boolean listening = dispatcher != null && dispatcher.hasListeners();
        if (vaadin || (!listening && service == null)) {
            return java.util.Optional.empty();
        }
        String what = listening && service != null ? "the widget-event listeners and the CRM service get"
                : listening ? "the widget-event listeners get" : "the CRM service gets";
        return java.util.Optional.of("RingCentral Embeddable: the bridge is off (" + EmbeddableProperties.PREFIX
                + ".bridge.enabled=false), so pages send the server no widget event and no CRM call-out: " + what
                + " nothing from them. Remove " + EmbeddableProperties.PREFIX + ".bridge.enabled=false to use them.");
    }

    static String describe(ConfigProblem p) {
        return p.property() + ": " + p.message() + " " + p.fix();
    }

    /**
     * Everything that needs the servlet API. A nested class with conditions on class names, so that neither the
     * imported classes nor the servlet types they use are loaded in a WebFlux or non-web application.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"jakarta.servlet.Filter", "jakarta.servlet.http.HttpServletRequest"})
    @Import({ServletBeans.class, LoginBeans.class, AnonymousVisitorsConfiguration.class, OtherSecurityVisitorsConfiguration.class,
            ThymeleafConfiguration.class,
        SecuredPathsCheck.class})
    static class ServletConfiguration {
    }

    /** The WebFlux filter; its classes are loaded only in a reactive web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "reactor.core.publisher.Flux"})
    @Import({WebFluxBeans.class, ReactiveLoginBeans.class, ReactiveAnonymousVisitorsConfiguration.class,
        ReactiveThymeleafConfiguration.class, ReactiveSecuredPathsCheck.class})
    static class WebFluxConfiguration {
    }

    /**
     * On unless {@code enabled} says false (or off, no, 0, as Spring reads a boolean). Any other value turns it on, so
     * the settings check reports it: with {@code havingValue = "true"}, a misspelt {@code ture} turned the starter off
     * without a word.
     */
    static final class Enabled extends org.springframework.boot.autoconfigure.condition.SpringBootCondition {
        /** The bean factories told the starter is off: once each, however often Spring asks. */
        private static final java.util.Set<Object> SAID = java.util.Collections.synchronizedSet(
                java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

        @Override
        public org.springframework.boot.autoconfigure.condition.ConditionOutcome getMatchOutcome(ConditionContext context,
                AnnotatedTypeMetadata metadata) {
            String value = context.getEnvironment().getProperty(EmbeddableProperties.PREFIX + ".enabled");
            boolean on = !Boolean.FALSE.equals(OnSwitchCondition.read(value)); // as the other switches read
            if (value != null && !on && context.getBeanFactory() != null && SAID.add(context.getBeanFactory())) {
                // a production-style trial's operator could not tell from the log that a profile had turned it off
                LOG.info("RingCentral Embeddable: off (" + EmbeddableProperties.PREFIX + ".enabled=" + value.trim()
                        + "): no widget, no endpoints, and no check of the other " + EmbeddableProperties.PREFIX + ".* settings.");
            }
            String said = EmbeddableProperties.PREFIX + ".enabled" + (value == null ? " not set (on by default)" : "=" + value.trim());
            return new org.springframework.boot.autoconfigure.condition.ConditionOutcome(on,
                    org.springframework.boot.autoconfigure.condition.ConditionMessage.forCondition("RingCentral Embeddable's kill switch")
                            .because(said));
        }
    }

    /**
     * {@code redirect-page.path} is set to something: a blank one (an empty environment variable) is not set, since a
     * servlet mapped at "" serves the context root, and the application's home page became the redirect page.
     */
    static final class RedirectPagePathSet extends ReportedCondition {
        RedirectPagePathSet() {
            super("ringcentral.embeddable.redirect-page.path is set", "ringcentral.embeddable.redirect-page.path is not set");
        }

        @Override
        boolean test(ConditionContext context) {
            try {
                return EmbeddableProperties.RedirectPage.pathOrNull(
                        context.getEnvironment().getProperty(EmbeddableProperties.PREFIX + ".redirect-page.path")) != null;
            } catch (IllegalArgumentException undefinedPlaceholder) {
                return false; // the settings check reports it with every other problem (a review got Spring's error alone)
            }
        }
    }
}
