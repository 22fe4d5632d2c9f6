package io.github.embeddable4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Adds embeddable4j's filters and servlets to a context, for every {@code register} method: the two mistakes a
 * registration can meet get one clear answer each (a name taken, a context already started; a Javalin trial
 * registering after its server started got the container's bare {@code IllegalStateException}).
 */
final class Registrations {

    private Registrations() {
    }

    static FilterRegistration.Dynamic filter(ServletContext context, String name, Filter filter) {
        FilterRegistration.Dynamic registration;
        try {
            registration = context.addFilter(name, filter);
        } catch (IllegalStateException e) {
            throw started("filter", name, e);
        }
        if (registration == null) {
            throw new IllegalStateException("A filter named '" + name + "' is already registered");
        }
        return registration;
    }

    static ServletRegistration.Dynamic servlet(ServletContext context, String name, Servlet servlet) {
        ServletRegistration.Dynamic registration;
        try {
            registration = context.addServlet(name, servlet);
        } catch (IllegalStateException e) {
            throw started("servlet", name, e);
        }
        if (registration == null) {
            throw new IllegalStateException("A servlet named '" + name + "' is already registered");
        }
        return registration;
    }

    private static IllegalStateException started(String kind, String name, IllegalStateException cause) {
        String said = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"; // Jetty's says nothing
        return new IllegalStateException("The " + kind + " '" + name + "' cannot be added: the servlet context has"
                + " started" + said + ". Register it while the application starts, before the server"
                + " serves: in a ServletContainerInitializer or a ServletContextListener's contextInitialized, or on an"
                + " embedded server before start() (Javalin: in config.jetty.modifyServletContextHandler).", cause);
    }
}
