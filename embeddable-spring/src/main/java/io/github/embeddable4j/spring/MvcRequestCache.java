package io.github.embeddable4j.spring;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Prepares a request made up at start-up as Spring MVC's own filter prepares a real one, so that Spring Security's
 * MVC-aware matchers judge it without Spring MVC's "Cache miss" warning (a Vaadin trial saw it at every start, for
 * the check's error dispatch). Loaded only where Spring MVC is ({@link #prepare}).
 */
final class MvcRequestCache {

    private static final boolean MVC = org.springframework.util.ClassUtils.isPresent(
            "org.springframework.web.servlet.handler.HandlerMappingIntrospector", MvcRequestCache.class.getClassLoader());

    private MvcRequestCache() {
    }

    /** Sets Spring MVC's handler cache on {@code request} when the application has Spring MVC; else nothing. */
    static void prepare(ServletContext servletContext, HttpServletRequest request) {
        if (MVC) {
            Introspector.prepare(servletContext, request);
        }
    }

    /** Kept apart so that its Spring MVC types load only when Spring MVC is there. */
    private static final class Introspector {
        static void prepare(ServletContext servletContext, HttpServletRequest request) {
            ApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
            if (context != null && context.containsBean("mvcHandlerMappingIntrospector")
                    && context.getBean("mvcHandlerMappingIntrospector") instanceof HandlerMappingIntrospector introspector) {
                introspector.setCache(request);
            }
        }
    }
}
