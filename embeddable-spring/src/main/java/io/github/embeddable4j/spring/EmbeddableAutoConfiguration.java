package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.NonceResolver;
import io.github.embeddable4j.servlet.RedirectPageServlet;
import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * RingCentral Embeddable for Spring Boot: an {@link Embeddable} built from {@code ringcentral.embeddable.*},
 * the {@link EmbeddableFilter} on every HTML page of a servlet web application, the OAuth redirect page when
 * {@code ringcentral.embeddable.redirect-page.path} is set, and a Thymeleaf dialect when Thymeleaf is present.
 * Every bean backs off when the application defines its own. {@code ringcentral.embeddable.enabled=false} turns
 * it all off; {@code ringcentral.embeddable.inject.enabled=false} only the automatic injection.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = EmbeddableProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddableProperties.class)
public class EmbeddableAutoConfiguration {

    /**
     * Before Spring Security's filter chain (-100), so that every way a later filter sets Content-Length goes
     * through the injecting response; the nonce is still read late, when the page is written.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final Log LOG = LogFactory.getLog(EmbeddableAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public Embeddable embeddable(EmbeddableProperties properties) {
        Embeddable embeddable = Embeddable.of(properties.toConfig());
        for (ConfigProblem warning : embeddable.warnings()) {
            LOG.warn("RingCentral Embeddable: " + EmbeddableConfigFailureAnalyzer.describe(warning));
        }
        return embeddable;
    }

    /** The Content-Security-Policy sources pages with the widget need; merge them into your policy. */
    @Bean
    @ConditionalOnMissingBean
    public CspSources embeddableCspSources(Embeddable embeddable) {
        return embeddable.contentSecurityPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    public NonceResolver embeddableNonceResolver(EmbeddableProperties properties) {
        return NonceResolver.requestAttributes(properties.getNonceAttribute());
    }

    /** The servlet side: the filter and the redirect page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(EmbeddableFilter.class)
    static class ServletConfiguration {

        // ConditionalOnMissingFilterBean moved package between Boot 3.5 and 4; this is what it means, in a form
        // both lines read: no EmbeddableFilter bean and no FilterRegistrationBean<EmbeddableFilter>.
        @Bean
        @ConditionalOnMissingBean(value = EmbeddableFilter.class, parameterizedContainer = FilterRegistrationBean.class)
        @ConditionalOnProperty(prefix = EmbeddableProperties.PREFIX, name = "inject.enabled", havingValue = "true",
                matchIfMissing = true)
        FilterRegistrationBean<EmbeddableFilter> embeddableFilter(Embeddable embeddable, EmbeddableProperties properties,
                NonceResolver nonceResolver) {
            InjectionRules rules = properties.toInjectionRules();
            FilterRegistrationBean<EmbeddableFilter> registration =
                    new FilterRegistrationBean<>(new EmbeddableFilter(embeddable, rules, nonceResolver));
            registration.setName(EmbeddableFilter.FILTER_NAME);
            registration.setOrder(FILTER_ORDER);
            registration.setAsyncSupported(true);
            if (rules.errorPages()) {
                registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            } else {
                registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            }
            return registration;
        }

        @Bean
        @ConditionalOnProperty(prefix = EmbeddableProperties.PREFIX, name = "redirect-page.path")
        @ConditionalOnMissingBean(name = "embeddableRedirectPage")
        ServletRegistrationBean<RedirectPageServlet> embeddableRedirectPage(Embeddable embeddable, EmbeddableProperties properties) {
            ServletRegistrationBean<RedirectPageServlet> registration =
                    new ServletRegistrationBean<>(new RedirectPageServlet(embeddable), properties.getRedirectPage().getPath());
            registration.setName("embeddableRedirectPage");
            registration.setLoadOnStartup(1); // so a redirect URI it does not serve is reported at startup
            return registration;
        }
    }

    /** {@code <rc:embeddable/>} for Thymeleaf templates; Boot adds every dialect bean to the template engine. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
    static class ThymeleafConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EmbeddableDialect embeddableDialect(Embeddable embeddable, NonceResolver nonceResolver) {
            return new EmbeddableDialect(embeddable, nonceResolver);
        }
    }
}
