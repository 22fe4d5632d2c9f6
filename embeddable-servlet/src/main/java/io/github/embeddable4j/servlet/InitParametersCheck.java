package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.Internal;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the init-params of every {@link EmbeddableFilter} and {@link RedirectPageServlet} declared in
 * {@code web.xml} when the application starts, before any filter is made: a bad one stops the deployment with every
 * problem listed. The filter's own {@code init} checks the same, but GlassFish and Payara log a filter whose
 * {@code init} fails and serve the application without it (every page without the widget, status 200); a failing
 * container initializer stops the deployment in every container. Registrations without init-params (made in code,
 * with an {@code Embeddable}) are left to their own start.
 *
 * <p>Found by the container through {@code META-INF/services}; not for applications to call.
 */
@Internal("the servlet container, through META-INF/services")
public final class InitParametersCheck implements ServletContainerInitializer {

    /** The {@link EmbeddableFilter}s declared with init-params (in {@code web.xml}); those made in code have none. */
    static List<FilterRegistration> declaredFilters(ServletContext context) {
        List<FilterRegistration> declared = new ArrayList<>();
        for (FilterRegistration filter : context.getFilterRegistrations().values()) {
            if (EmbeddableFilter.class.getName().equals(filter.getClassName()) && !filter.getInitParameters().isEmpty()) {
                declared.add(filter);
            }
        }
        return declared;
    }

    /** A declared filter's widget, its settings checked (filter settings too) without logging; {@code owner} names it. */
    static Embeddable checkedWidget(FilterRegistration filter, String owner) throws ServletException {
        Map<String, String> params = filter.getInitParameters();
        return new InitParameters(Collections.enumeration(params.keySet()), params::get, true).checkedFilter(owner).embeddable();
    }

    @Override
    public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) throws ServletException {
        List<ServletException> failures = new ArrayList<>(); // every registration's problems, in one report
        for (var filter : declaredFilters(context)) {
            try {
                Embeddable embeddable = checkedWidget(filter, "Filter '" + filter.getName() + "'");
                // Published now, before any filter's init: a framework's filter may read it in its own (Wicket's does).
                EmbeddableFilter.publish(context, embeddable);
            } catch (ServletException e) {
                failures.add(e);
            }
        }
        for (var servlet : context.getServletRegistrations().values()) {
            Map<String, String> params = servlet.getInitParameters();
            if (RedirectPageServlet.class.getName().equals(servlet.getClassName()) && !params.isEmpty()) {
                try {
                    new InitParameters(Collections.enumeration(params.keySet()), params::get, false)
                            .checkedEmbeddable("Servlet '" + servlet.getName() + "'");
                } catch (ServletException e) {
                    failures.add(e);
                }
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        ServletException report = failures.size() == 1 ? failures.get(0) : report(failures);
        // Open Liberty only warns when a container initializer fails, and serves the application (a 500 for every
        // request, from the filter's failed init); a listener that fails stops it there too (a trial). Elsewhere the
        // exception below stops the deployment and the listener never runs.
        context.addListener(new FailedCheck(report));
        throw report;
    }

    private static ServletException report(List<ServletException> failures) {
        StringBuilder report = new StringBuilder("RingCentral Embeddable: " + failures.size() + " registrations in web.xml"
                + " have problems.");
        failures.forEach(f -> report.append("\n").append(f.getMessage()));
        ServletException all = new ServletException(report.toString(), failures.get(0));
        failures.subList(1, failures.size()).forEach(all::addSuppressed);
        return all;
    }

    /** Stops the application's start with the check's report, where the container went on after the check failed. */
    private record FailedCheck(ServletException report) implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            throw new IllegalStateException(report.getMessage(), report);
        }
    }
}
