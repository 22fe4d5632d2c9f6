package io.github.embeddable4j.servlet;

import static io.github.embeddable4j.servlet.RegisterWarningsTest.logged;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A {@code BridgeServlet} registered beside a filter that adds no bridge script to its pages: the widget's events never
 * reach the servlet, and nothing said so (a trial's copy of the tenants guide, whose filter lacked
 * {@code withEventBridge}). The filter says it once, at the first page it puts the widget in, in Jetty and Tomcat.
 */
class UnusedBridgeServletWarningTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc123").build());

    @Test
    void aBridgeServletThePagesCannotReachIsSaidOnceOnJetty() throws Exception {
        assertSaidOnce(setup -> TestServer.jetty(setup));
    }

    @Test
    void aBridgeServletThePagesCannotReachIsSaidOnceOnTomcat() throws Exception {
        assertSaidOnce(setup -> TestServer.tomcat(setup));
    }

    /** The filter given the bridge's mount, as the docs' servlet set-up does: nothing said. */
    @Test
    void aFilterWithTheBridgeSaysNothing() throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(event -> { }).build();
        List<String> warnings = logged(Level.WARNING, () -> {
            try (TestServer server = TestServer.jetty((classes, context) -> {
                EmbeddableFilter.register(context, new EmbeddableFilter(EMBEDDABLE).withEventBridge(
                        BridgeServlet.DEFAULT_MOUNT, dispatcher.subscribedTypes(), CsrfTokenResolver.none()));
                BridgeServlet.register(context, new BridgeServlet(EMBEDDABLE, dispatcher), BridgeServlet.DEFAULT_MOUNT);
                context.addServlet("pages", new PageServlet()).addMapping("/page");
            })) {
                assertThat(get(server, "/page")).contains("adapter.js").contains("/embeddable4j/");
            }
        });
        dispatcher.close();
        assertThat(warnings).noneMatch(m -> m.contains("BridgeServlet is mapped") || m.contains("no servlet is mapped there"));
    }

    /**
     * The reverse: the filter gives its pages the bridge's script, but no BridgeServlet was registered (a trial's web
     * application): the browser got a 404 for the script, and nothing in the server's log said why events never came.
     */
    @Test
    void aBridgeScriptNoServletServesIsSaidOnceOnJettyAndTomcat() throws Exception {
        for (Container container : List.<Container>of(TestServer::jetty, TestServer::tomcat)) {
            WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(event -> { }).build();
            List<String> warnings = logged(Level.WARNING, () -> {
                try (TestServer server = container.start((classes, context) -> {
                    EmbeddableFilter.register(context, new EmbeddableFilter(EMBEDDABLE).withEventBridge(
                            BridgeServlet.DEFAULT_MOUNT, dispatcher.subscribedTypes(), CsrfTokenResolver.none()));
                    context.addServlet("pages", new PageServlet()).addMapping("/page"); // and no BridgeServlet
                })) {
                    assertThat(get(server, "/page")).contains("/embeddable4j/embeddable4j.js");
                    get(server, "/page");
                }
            });
            dispatcher.close();
            assertThat(warnings).filteredOn(m -> m.contains("no servlet is mapped there")).singleElement().asString()
                    .contains("the event bridge's script at /embeddable4j/embeddable4j.js")
                    .contains("BridgeServlet.register(context, new BridgeServlet(...), \"/embeddable4j\")");
        }
    }

    private static void assertSaidOnce(Container container) throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(event -> { }).build();
        List<String> warnings = logged(Level.WARNING, () -> {
            try (TestServer server = container.start((classes, context) -> {
                EmbeddableFilter.register(context, new EmbeddableFilter(EMBEDDABLE)); // no withEventBridge
                BridgeServlet.register(context, new BridgeServlet(EMBEDDABLE, dispatcher), BridgeServlet.DEFAULT_MOUNT);
                context.addServlet("pages", new PageServlet()).addMapping("/page");
            })) {
                String page = get(server, "/page");
                assertThat(page).as("the widget, but no bridge script: events cannot come").contains("adapter.js")
                        .doesNotContain("/embeddable4j/");
                assertThat(get(server, "/page")).contains("adapter.js");
            }
        });
        dispatcher.close();
        assertThat(warnings).filteredOn(m -> m.contains("BridgeServlet is mapped")).singleElement().asString()
                .contains("/embeddable4j/events", "such as /page", "withEventBridge(mount, dispatcher.subscribedTypes(), csrf)");
    }

    interface Container {
        TestServer start(ServletContainerInitializer setup) throws Exception;
    }

    private static String get(TestServer server, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url(path))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A context that lists no servlet at all, not even the container's default one, is a mock (Spring's MockMvc): the
     * bridge is there in the real application, and a warning in every MockMvc test's log would say otherwise (the Spring
     * Boot example's MockMvc test logged it).
     */
    @Test
    void aMockContextThatListsNoServletsIsNotWarnedAbout() throws Exception {
        jakarta.servlet.ServletContext mock = (jakarta.servlet.ServletContext) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getServletRegistrations") ? java.util.Map.of() : null);
        List<String> warnings = logged(Level.WARNING, () -> EmbeddableFilter.warnOfUnservedBridge(mock, "/embeddable4j"));
        assertThat(warnings).noneMatch(m -> m.contains("no servlet is mapped there"));
    }
}
