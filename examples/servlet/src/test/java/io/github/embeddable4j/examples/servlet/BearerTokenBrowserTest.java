package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * An application that knows its users by a bearer token, not a cookie (a single-page application on a stateless API):
 * the page hands its token to the bridge with {@code embeddable4j.setRequestHeader}, and the widget's events reach the
 * server as that user. Without it they arrive with no user (a stateless trial's events and call-outs all did).
 */
class BearerTokenBrowserTest {

    @Test
    void eventsArriveAsTheUserOfTheTokenThePageHandsTheBridge() throws Exception {
        List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
             WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(received::add).build()) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("token-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.addServletContainerInitializer((classes, ctx) -> {
                EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable)
                        .withEventBridge(BridgeServlet.DEFAULT_MOUNT, dispatcher.subscribedTypes(), CsrfTokenResolver.none()));
                // As a resource server's token filter does: the request's user from its bearer token, no session.
                Filter bearer = (req, resp, chain) -> {
                    String auth = ((HttpServletRequest) req).getHeader("Authorization");
                    chain.doFilter(auth == null || !auth.startsWith("Bearer ") ? req
                            : new HttpServletRequestWrapper((HttpServletRequest) req) {
                                @Override
                                public Principal getUserPrincipal() {
                                    return () -> auth.substring("Bearer ".length());
                                }
                            }, resp);
                };
                ctx.addFilter("bearer", bearer).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher), BridgeServlet.DEFAULT_MOUNT);
                ctx.addServlet("spa", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setContentType("text/html;charset=UTF-8");
                        resp.getWriter().write("<!DOCTYPE html><html><head><title>SPA</title></head><body><main>app</main></body></html>");
                    }
                }).addMapping("/");
            });
            server.setHandler(context);
            server.start();
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + connector.getLocalPort() + "/");
                StandInFrame frame = new StandInFrame(chromium).awaitFrame();
                // The SPA signed in and holds its token: it hands it to the bridge.
                chromium.script("window.embeddable4j.setRequestHeader('Authorization', 'Bearer ada')");
                frame.emit("{\"type\":\"rc-route-changed-notify\",\"path\":\"/token-1\"}");
                chromium.await(d -> received.stream().anyMatch(e -> e.event().json().contains("/token-1")));
                assertThat(received).filteredOn(e -> e.event().json().contains("/token-1")).singleElement()
                        .satisfies(e -> assertThat(e.userName()).contains("ada"));
                // The bridge's own header stays its own; a name that is no header name is refused.
                assertThat(chromium.script("try { window.embeddable4j.setRequestHeader('Content-Type', 'text/plain');"
                        + " return 'set'; } catch (e) { return e.name; }")).isEqualTo("TypeError");
                // A value fetch would refuse is refused at once: set, it would fail every later post (a minute of
                // retries, then the events dropped) with nothing pointing at the header.
                assertThat(chromium.script("try { window.embeddable4j.setRequestHeader('Authorization', 'Bearer a\\nX-Evil: 1');"
                        + " return 'set'; } catch (e) { return e.name; }")).isEqualTo("TypeError");
                frame.emit("{\"type\":\"rc-route-changed-notify\",\"path\":\"/token-2\"}");
                chromium.await(d -> received.stream().anyMatch(e -> e.event().json().contains("/token-2")));
                assertThat(received).filteredOn(e -> e.event().json().contains("/token-2")).singleElement()
                        .satisfies(e -> assertThat(e.userName()).contains("ada")); // the good token still in use
            } finally {
                server.stop();
            }
        }
    }
}
