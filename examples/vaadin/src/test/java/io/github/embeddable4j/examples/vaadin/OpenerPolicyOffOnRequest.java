package io.github.embeddable4j.examples.vaadin;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * {@link OpenerPolicyBrowserTest}'s control: a request with {@value #WITHOUT_POLICY} in its query is answered without
 * the example's opener policy. Part of the shared test context ({@link StandInWidgetContext}), so that the Vaadin
 * application starts once; every other request passes untouched.
 */
@TestConfiguration
class OpenerPolicyOffOnRequest {

    static final String WITHOUT_POLICY = "without-opener-policy";

    @Bean
    FilterRegistrationBean<Filter> openerPolicyOff() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            String query = ((HttpServletRequest) request).getQueryString();
            if (query == null || !query.contains(WITHOUT_POLICY)) {
                chain.doFilter(request, response);
                return;
            }
            chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
                @Override
                public void setHeader(String name, String value) {
                    if (!OpenerPolicyConfiguration.HEADER.equalsIgnoreCase(name)) {
                        super.setHeader(name, value);
                    }
                }
            });
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
