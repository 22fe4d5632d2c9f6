package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.HandlerHelper;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import java.io.Serial;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * What a UI's page was requested with: its host name and Vaadin's servlet path, recorded from the plain HTTP request
 * that made the UI. A later request of the UI may be a message of a push connection ({@code @Push}), whose request is
 * the connection's own: over a websocket, its server name is empty and its servlet path the push path's, so the host
 * of events and a view's connect link came out wrong (a Vaadin trial: no host, a link back to
 * {@code /app/VAADIN/push/calls}).
 */
record PageRequest(@Nullable String host, String servletPath) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Records the page request of a UI being made (a UI init listener, in the request that makes it). */
    static void record(UI ui, @Nullable VaadinRequest request) {
        if (request instanceof VaadinServletRequest servlet && !isPush(request)) {
            ComponentUtil.setData(ui, PageRequest.class, new PageRequest(servlet.getServerName(), servlet.getServletPath()));
        }
    }

    /** The page request of the current request's UI: recorded for a push message, else the current request's own. */
    static @Nullable PageRequest current(@Nullable UI ui) {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return null;
        }
        if (isPush(request) && ui != null) {
            PageRequest recorded = ComponentUtil.getData(ui, PageRequest.class);
            if (recorded != null) {
                return recorded;
            }
        }
        return request instanceof VaadinServletRequest servlet
                ? new PageRequest(servlet.getServerName(), servlet.getServletPath()) : null;
    }

    private static boolean isPush(VaadinRequest request) {
        return HandlerHelper.isRequestType(request, HandlerHelper.RequestType.PUSH);
    }
}
