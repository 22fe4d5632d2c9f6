package io.github.embeddable4j.spring;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/** Whether a context is a servlet web application's, without loading spring-web's types where it is absent. */
final class ServletContexts {

    private static final boolean SPRING_WEB = ClassUtils.isPresent("org.springframework.web.context.WebApplicationContext",
            ServletContexts.class.getClassLoader());

    private ServletContexts() {
    }

    static boolean isServletWeb(ApplicationContext context) {
        return SPRING_WEB && Check.isWeb(context);
    }

    /** Loaded only when spring-web is there. */
    private static final class Check {
        static boolean isWeb(ApplicationContext context) {
            return context instanceof org.springframework.web.context.WebApplicationContext;
        }
    }
}
