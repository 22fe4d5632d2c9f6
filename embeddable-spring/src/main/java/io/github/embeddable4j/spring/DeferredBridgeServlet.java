package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BridgeServlet}, made at the first request to it: whether the bridge is needed depends on the
 * application's {@code @EventListener} methods, which Spring finds after the web server has been created (see
 * {@link WidgetListenerDetector}). When nothing needs it, every request gets 404, as if it were not there.
 */
final class DeferredBridgeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<@Nullable BridgeServlet> bridge;
    private transient volatile @Nullable HttpServlet made;

    DeferredBridgeServlet(Supplier<@Nullable BridgeServlet> bridge) {
        this.bridge = bridge;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        made().service(request, response);
    }

    private HttpServlet made() throws ServletException {
        HttpServlet servlet = made;
        if (servlet == null) {
            synchronized (this) {
                servlet = made;
                if (servlet == null) {
                    BridgeServlet on = bridge.get();
                    servlet = on != null ? on : new Off();
                    servlet.init(getServletConfig());
                    made = servlet;
                }
            }
        }
        return servlet;
    }

    @Override
    public void destroy() {
        HttpServlet servlet = made;
        if (servlet != null) {
            servlet.destroy();
        }
    }

    /** No listener and no service: the bridge is not there. */
    private static final class Off extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            EmbeddableFilter.skip(request);
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
