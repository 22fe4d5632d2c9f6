package io.github.embeddable4j.vaadin;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** A component's "Connect RingCentral" links, from what the application published (its sign in once flow). */
final class PublishedConnectLinks {

    private PublishedConnectLinks() {
    }

    /**
     * The connect href for {@code widget} coming back to {@code pathInContext}, asked of the published flow in the
     * current request; empty without a request, a published flow, or where the widget cannot sign in once.
     */
    static Optional<String> href(Embeddable widget, String pathInContext) {
        if (!pathInContext.startsWith("/") || pathInContext.startsWith("//")) {
            throw new IllegalArgumentException("'" + pathInContext + "' is no path in the application: write one such as"
                    + " /calls (under the context path, which the link adds)");
        }
        VaadinServlet servlet = VaadinServlet.getCurrent();
        if (!(VaadinRequest.getCurrent() instanceof VaadinServletRequest request) || servlet == null
                || !(servlet.getServletContext().getAttribute(LoginEndpoints.PUBLISHED_CONNECT_HREF_ATTRIBUTE)
                        instanceof BiFunction<?, ?, ?> published)) {
            return Optional.empty();
        }
        Object before = request.getAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE);
        request.setAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE, widget); // its tenant's flow
        try {
            @SuppressWarnings("unchecked") // what LoginEndpoints.PUBLISHED_CONNECT_HREF_ATTRIBUTE holds
            Object href = ((BiFunction<HttpServletRequest, String, @Nullable Object>) published)
                    .apply(request.getHttpServletRequest(), pathInContext);
            return href instanceof String link ? Optional.of(link) : Optional.empty();
        } finally {
            request.setAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE, before);
        }
    }
}
