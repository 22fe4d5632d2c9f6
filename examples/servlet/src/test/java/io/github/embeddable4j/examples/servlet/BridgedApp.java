package io.github.embeddable4j.examples.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The event tests' application on Jetty: the page filter with the bridge's script, the bridge with {@code limits},
 * the example's pages, the stand-in widget framed from another origin, and {@code front} in front of the bridge.
 */
final class BridgedApp {

    private BridgedApp() {
    }

    static Server start(StandInWidget widget, WidgetEventDispatcher dispatcher, BridgeLimits limits, Filter front)
            throws Exception {
        return start(widget, dispatcher, limits, front, context -> { });
    }

    /** The same, with {@code more} servlets of the test's in the context. */
    static Server start(StandInWidget widget, WidgetEventDispatcher dispatcher, BridgeLimits limits, Filter front,
            Consumer<ServletContext> more) throws Exception {
        return start(widget, dispatcher, null, true, limits, front, more);
    }

    /**
     * The same, with a third-party service (may be null), and the stand-in's frame origin allowed or not (not: the
     * page reports it to the bridge).
     */
    static Server start(StandInWidget widget, WidgetEventDispatcher dispatcher, @Nullable ThirdPartyService service,
            boolean allowFrame, BridgeLimits limits, Filter front, Consumer<ServletContext> more) throws Exception {
        EmbeddableConfig.Builder config = EmbeddableConfig.builder().clientId("bridged-app").hosting(widget.baseUrl());
        Embeddable embeddable = Embeddable.of((allowFrame ? config.frameOrigins(widget.frameOrigin()) : config).build());
        Server app = new Server();
        app.addConnector(new ServerConnector(app));
        ServletContextHandler context = new ServletContextHandler();
        context.addServletContainerInitializer((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withBridge(BridgeServlet.DEFAULT_MOUNT,
                    dispatcher.subscribedTypes(), service != null, CsrfTokenResolver.none()));
            BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher, service, limits), BridgeServlet.DEFAULT_MOUNT);
            ctx.addServlet("pages", new PagesServlet(embeddable)).addMapping("/");
            more.accept(ctx);
        });
        context.addFilter(new FilterHolder(front), "/embeddable4j/*", EnumSet.of(DispatcherType.REQUEST));
        app.setHandler(context);
        app.start();
        return app;
    }

    /** A listener that keeps the JSON of each message event ({@code rc-message-updated-notify}) it gets. */
    static WidgetEventListener messageRecorder(List<String> into) {
        return new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
                into.add(event.event().json());
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("rc-message-updated-notify");
            }
        };
    }

    /** A page to leave to, {@code /gone}, without a widget. */
    static void gonePage(ServletContext ctx) {
        ctx.addServlet("gone", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write("gone");
            }
        }).addMapping("/gone");
    }

    static int port(Server app) {
        return ((ServerConnector) app.getConnectors()[0]).getLocalPort();
    }

    /**
     * The bridge restarting, in front of it: an event batch for which {@code refuse} holds (it may wait, to hold the
     * batch in flight) is answered 503, to be sent again in 1 s.
     */
    static Filter refusingEventsWhile(java.util.function.Predicate<HttpServletRequest> refuse) {
        return (rq, rs, chain) -> {
            HttpServletRequest request = (HttpServletRequest) rq;
            if (request.getRequestURI().endsWith("/events") && refuse.test(request)) {
                rq.getInputStream().readAllBytes();
                HttpServletResponse response = (HttpServletResponse) rs;
                response.setStatus(503);
                response.setHeader("Retry-After", "1");
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"busy\"}");
                return;
            }
            chain.doFilter(rq, rs);
        };
    }
}
