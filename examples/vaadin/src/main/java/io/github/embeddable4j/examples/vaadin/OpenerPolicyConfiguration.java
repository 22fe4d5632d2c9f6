package io.github.embeddable4j.examples.vaadin;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code Cross-Origin-Opener-Policy: same-origin-allow-popups} on every answer. The widget's frame obeys any window:
 * a site that opened this application with {@code window.open} could otherwise post a call or a login to it through
 * its handle; with the header that handle reads as closed. The widget's own login popup keeps its opener, and a
 * redirect page that needs {@code unsafe-none} (the starter's) sets its own after this filter.
 */
@Configuration
public class OpenerPolicyConfiguration {

    static final String HEADER = "Cross-Origin-Opener-Policy";

    @Bean
    FilterRegistrationBean<Filter> openerPolicy() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            ((HttpServletResponse) response).setHeader(HEADER, "same-origin-allow-popups");
            chain.doFilter(request, response);
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
