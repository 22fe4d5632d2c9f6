package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.NonceResolver;
import io.github.embeddable4j.servlet.RedirectPageServlet;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet side: the nonce lookup, the filter and the redirect page. Only imported in servlet web applications. */
@Configuration(proxyBeanMethods = false)
class ServletBeans {

    @Bean
    @ConditionalOnMissingBean
    NonceResolver embeddableNonceResolver(EmbeddableProperties properties) {
        return NonceResolver.requestAttributes(properties.getNonceAttribute());
    }

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
        registration.setOrder(EmbeddableAutoConfiguration.FILTER_ORDER);
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
