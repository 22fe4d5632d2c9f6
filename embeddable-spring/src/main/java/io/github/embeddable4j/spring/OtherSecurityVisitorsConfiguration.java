package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.AppUserResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * No widget for visitors who have not signed in, in an application guarded by something other than Spring Security
 * (Apache Shiro, the container's sign-in, a sign-in of its own), once asked: {@code inject.anonymous=false} set.
 * Without Spring Security the starter cannot tell an application without sign-in, whose visitors all get the widget,
 * from one with it, so it is not the default there. Signed in means a principal on the request (what Shiro and the
 * container set) or a user the application's {@link AppUserResolver} bean names. The mark is lifted at the end of the
 * filter chain, after every security filter: a Shiro trial's sign-in page carried the bridge script, Shiro sent that
 * request to sign in and saved it, and the next sign-in landed on the script.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(name = AnonymousVisitors.SECURITY_FILTER_CHAIN)
@ConditionalOnSwitch(value = "inject.anonymous", on = false)
@ConditionalOnSwitch(value = "inject.enabled", matchIfMissing = true)
class OtherSecurityVisitorsConfiguration {

    /** After every filter of the application's but those ordered last: where a security filter has named the user. */
    static final int AFTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    @ConditionalOnMissingBean(name = "embeddableAnonymousVisitorsBefore")
    FilterRegistrationBean<AnonymousVisitors.Before> embeddableAnonymousVisitorsBefore() {
        return AnonymousVisitorsConfiguration.before();
    }

    @Bean
    @ConditionalOnMissingBean(name = "embeddableAnonymousVisitorsAfter")
    FilterRegistrationBean<AnonymousVisitors.After> embeddableAnonymousVisitorsAfter(ObjectProvider<AppUserResolver> appUsers) {
        AppUserResolver users = appUsers.getIfAvailable();
        // Said once: the starter's docs list this setting, and copied into an application without any
        // sign-in it leaves every page without the widget.
        org.apache.commons.logging.LogFactory.getLog(OtherSecurityVisitorsConfiguration.class).info("RingCentral Embeddable:"
                + " inject.anonymous=false without Spring Security: a page gets the widget only when, after your filters,"
                + " the request has a principal (Apache Shiro's, the container's sign-in)"
                + (users == null ? "" : " or your AppUserResolver bean names a user") + ". An application without"
                + " sign-in leaves the setting out.");
        Predicate<HttpServletRequest> signedIn = users == null ? AnonymousVisitors::hasPrincipal
                : request -> AnonymousVisitors.hasPrincipal(request) || users.appUserId(request) != null;
        return AnonymousVisitorsConfiguration.after(signedIn, AFTER_ORDER);
    }
}
