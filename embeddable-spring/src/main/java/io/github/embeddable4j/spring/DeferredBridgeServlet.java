package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.BridgeServlet;
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
 * {@link WidgetListenerDetector}). When nothing needs it, its endpoints answer 404, as if they were not there; the
 * client glue script is still served at its place, because the Vaadin component loads it from there too.
 */
final class DeferredBridgeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<@Nullable BridgeServlet> bridge;
    private final transient Supplier<BridgeServlet> glueOnly;
    private transient volatile @Nullable HttpServlet made;

    /**
     * @param bridge   the bridge, or null when nothing needs it
     * @param glueOnly a bridge with nothing behind it ({@link BridgeServlet#scriptOnly}), for when it is not needed
     */
    DeferredBridgeServlet(Supplier<@Nullable BridgeServlet> bridge, Supplier<BridgeServlet> glueOnly) {
        this.bridge = bridge;
        this.glueOnly = glueOnly;
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
                    servlet = on != null ? on : glueOnly.get();
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
}
