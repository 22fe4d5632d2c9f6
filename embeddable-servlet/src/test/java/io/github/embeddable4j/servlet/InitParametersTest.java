package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The filter declared without arguments and configured by init-params: in web.xml (Jetty) and programmatically (Tomcat). */
class InitParametersTest {

    private static final Embeddable EXPECTED = Embeddable.of(EmbeddableConfig.builder().clientId("from-web-xml")
            .appServer(AppServer.SANDBOX).disableMessages(true).build());
    /** The web.xml's: the same, with the redirect URI its redirect page servlet serves. */
    private static final Embeddable WEB_XML = Embeddable.of(EmbeddableConfig.builder().clientId("from-web-xml")
            .appServer(AppServer.SANDBOX).disableMessages(true).redirectUri("http://127.0.0.1/ringcentral/redirect").build());

    @Test
    void webXmlDeclarationOnJetty() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsString(getClass().getResource("/webxml").toExternalForm());
        webapp.setParentLoaderPriority(true);
        server.setHandler(webapp);
        server.start();
        try {
            assertInitParamsApplied("http://127.0.0.1:" + connector.getLocalPort(), WEB_XML);
            assertForwardsAreInjectedOnce("http://127.0.0.1:" + connector.getLocalPort(), WEB_XML);
            // Application code of a web.xml application reaches the filter's widget (for its CSP sources, say).
            Object published = webapp.getServletContext().getAttribute(EmbeddableFilter.EMBEDDABLE_ATTRIBUTE);
            assertThat(published).isInstanceOf(io.github.embeddable4j.core.Embeddable.class);
            assertThat(((io.github.embeddable4j.core.Embeddable) published).config()).isEqualTo(WEB_XML.config());
            // A redirect page servlet without init-params takes the filter's widget (a legacy-JSP trial wrote the client
            // ID twice): its redirect URI is the filter's, served here, so no warning; with defaults it would warn.
            jakarta.servlet.Servlet held = webapp.getServletHandler().getServlet("ringcentral-redirect").getServletInstance();
            while (held instanceof org.eclipse.jetty.ee10.servlet.ServletHolder.Wrapper wrapper) { // Jetty's NotAsync
                held = wrapper.getWrapped();
            }
            RedirectPageServlet redirect = (RedirectPageServlet) held;
            assertThat(redirect.startupWarnings()).isEmpty();
            assertThat(RedirectPageServlet.mismatchWarnings(Embeddable.of(EmbeddableConfig.defaults()), "",
                    List.of("/ringcentral/redirect"))).singleElement().asString().contains("runs on RingCentral's demo app");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + connector.getLocalPort() + "/ringcentral/redirect")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void initParamsOnTomcat() throws Exception {
        Object[] publishedBeforeAnyInit = new Object[2];
        try (TestServer server = TestServer.tomcat((c, ctx) -> {
            var filter = ctx.addFilter("embeddable", EmbeddableFilter.class);
            filter.setInitParameters(Map.of("client-id", "from-web-xml", "app-server", "sandbox", "disable-messages", "true",
                    "exclude-paths", "/plain/*", "injected-header", "X-Embeddable-Injected", "nonce-attribute", "myNonce"));
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            ctx.addServlet("pages", PageServlet.class).addMapping("/page", "/plain/*");
            ctx.addFilter("in-code", new EmbeddableFilter(EXPECTED)); // no init-params: left to its own start
            new InitParametersCheck().onStartup(null, ctx); // good settings pass the start-up check
            // The widget is published by the check, before any filter's init: a framework's filter may read it in its own
            // (Wicket configures its CSP in its filter's init; a trial found the attribute not yet there).
            publishedBeforeAnyInit[0] = ctx.getAttribute(EmbeddableFilter.EMBEDDABLE_ATTRIBUTE);
        })) {
            assertInitParamsApplied("http://127.0.0.1:" + server.port(), EXPECTED);
        }
        assertThat(publishedBeforeAnyInit[0]).isInstanceOfSatisfying(io.github.embeddable4j.core.Embeddable.class,
                e -> assertThat(e.config()).isEqualTo(EXPECTED.config()));
        // The same for a filter registered in code: published at registration.
        try (TestServer server = TestServer.tomcat((c, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EXPECTED));
            publishedBeforeAnyInit[1] = ctx.getAttribute(EmbeddableFilter.EMBEDDABLE_ATTRIBUTE);
        })) {
            assertThat(publishedBeforeAnyInit[1]).isSameAs(EXPECTED);
        }
    }

    private static void assertInitParamsApplied(String base, Embeddable expected) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/page")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.body()).isEqualTo(HtmlInjection.inject(TestPages.page(1024), expected.scriptTag(), InjectionPoint.HEAD_END));
        assertThat(page.headers().firstValue("X-Embeddable-Injected")).hasValue("1");
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create(base + "/plain/x")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(plain.body()).isEqualTo(TestPages.page(1024));
        HttpResponse<String> nonced = client.send(HttpRequest.newBuilder(URI.create(base + "/page?nonceName=myNonce&nonce=n1"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(nonced.body()).contains(expected.scriptTag("n1"));
    }

    /** The mappings in the docs' web.xml: forwards after a partial write, by path and by name, on Jetty. */
    private static void assertForwardsAreInjectedOnce(String base, Embeddable expected) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String via : new String[] {"request", "named"}) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/forward?junk=held&via=" + via
                    + "&target=size%3D1024")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.body()).as(via).isEqualTo(HtmlInjection.inject(TestPages.page(1024), expected.scriptTag(),
                    InjectionPoint.HEAD_END));
        }
    }

    @Test
    void anInvalidConfigurationStopsTheApplicationListingEveryProblem() throws Exception {
        Server server = new Server(0);
        server.setHandler(badWebApp());
        try {
            // Widget settings, the filter's own and names of neither kind, in one report, named as web.xml spells them.
            assertThatThrownBy(server::start).hasStackTraceContaining("Invalid RingCentral Embeddable configuration (5 problems)")
                    .hasStackTraceContaining(". defaultCalWith: 'defaultCalWith' is not a setting. Did you mean 'default-call-with'?")
                    .hasStackTraceContaining(". exclude-path: 'exclude-path' is not a setting. Did you mean 'exclude-paths'?")
                    .hasStackTraceContaining(". client-id: 'has space'").hasStackTraceContaining(". app-server: 'ftp://nope'")
                    .hasStackTraceContaining(". injection-point: 'middle' is not head-end or body-end.");
        } finally {
            server.stop();
        }
    }

    /**
     * A Spring-style name in web.xml, its prefix spelt right or a letter off, is pointed at the bare name (a legacy-JSP
     * trial's misspelt prefix got "not a setting" alone); a placeholder nobody replaced is reported, not rendered.
     */
    @Test
    void aPrefixedNameGetsTheBareOneAndAPlaceholderIsReported() {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("ringcentral.embedable.disable-call", "true");
        params.put("ringcentral.embeddable.exclude-path", "/admin/*");
        params.put("client-id", "${ringcentral.client.id}");
        InitParameters init = new InitParameters(java.util.Collections.enumeration(params.keySet()), params::get, true);
        assertThatThrownBy(() -> init.checkedFilter("EmbeddableFilter"))
                .hasMessageContaining("ringcentral.embedable.disable-call: 'ringcentral.embedable.disable-call' is not a"
                        + " setting. Did you mean 'disable-call'? Settings here are named without a prefix.")
                .hasMessageContaining("Did you mean 'exclude-paths'? Settings here are named without a prefix.")
                .hasMessageContaining("client-id: '${ringcentral.client.id}' is a placeholder nobody replaced.");
    }

    /** The web.xml with bad init-params, in a web application that fails its start on the first error. */
    private WebAppContext badWebApp() {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsString(getClass().getResource("/badwebxml").toExternalForm());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    /**
     * GlassFish and Payara log a filter whose init fails and serve the application without it; the container
     * initializer stops the deployment before any filter is made, in every container (the failure comes from it).
     */
    @Test
    void theContainerInitializerStopsTheDeploymentBeforeAnyFilterIsMade() throws Exception {
        assertThat(ServiceLoader.load(ServletContainerInitializer.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::type)).contains(InitParametersCheck.class);
        Server server = new Server(0);
        WebAppContext webapp = badWebApp();
        webapp.addServletContainerInitializer(new InitParametersCheck());
        server.setHandler(webapp);
        try {
            // Every registration's problems in one report (a trial on Tomcat saw the servlet's only after fixing the filter's).
            assertThatThrownBy(server::start)
                    .hasStackTraceContaining("Filter 'embeddable': Invalid RingCentral Embeddable configuration (5 problems)")
                    .hasStackTraceContaining("InitParametersCheck.onStartup")
                    .hasStackTraceContaining(". exclude-path: 'exclude-path' is not a setting. Did you mean 'exclude-paths'?")
                    .hasStackTraceContaining("Servlet 'ringcentral-redirect': Invalid RingCentral Embeddable configuration (1 problem)")
                    .hasStackTraceContaining("redirect-uri: 'ftp://example.com/x' does not use https");
        } finally {
            server.stop();
        }
    }

    /**
     * Open Liberty logs a failing container initializer and goes on deploying (every request then answered 500, from
     * the filter's failed init, in a trial); it stops for a listener that fails. Modelled here by a container
     * initializer around the check that swallows its exception as Liberty does: the check's listener stops the start,
     * with the report, before any filter is made.
     */
    @Test
    void whereTheContainerGoesOnAfterTheInitializerFailedTheChecksListenerStopsTheStart() throws Exception {
        Server server = new Server(0);
        WebAppContext webapp = badWebApp();
        List<Throwable> swallowed = new java.util.concurrent.CopyOnWriteArrayList<>();
        webapp.addServletContainerInitializer((classes, context) -> {
            try {
                new InitParametersCheck().onStartup(classes, context);
            } catch (ServletException e) {
                swallowed.add(e); // as Liberty's CWWWC0001W
            }
        });
        server.setHandler(webapp);
        try {
            assertThatThrownBy(server::start)
                    .hasStackTraceContaining("InitParametersCheck$FailedCheck.contextInitialized")
                    .hasStackTraceContaining("Filter 'embeddable': Invalid RingCentral Embeddable configuration (5 problems)")
                    .hasStackTraceContaining("redirect-uri: 'ftp://example.com/x' does not use https")
                    .satisfies(e -> assertThat(e).hasStackTraceContaining("contextInitialized")
                            .as("no filter was made").satisfies(t -> assertThat(stackOf(t)).doesNotContain("EmbeddableFilter.init")));
            assertThat(swallowed).as("the check did fail first").singleElement();
        } finally {
            server.stop();
        }
    }

    private static String stackOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /**
     * The docs' web.xml with its placeholder left in, in a container that runs no container initializer (embedded
     * Jetty without annotation scanning): the filter's init refuses the placeholder, and the redirect page servlet, which
     * takes the filter's widget settings, said first that no client ID was set (the demo app's warning, from defaults)
     * while the deployment was failing for the client ID it did have (a web.xml trial). It now reads the filter's
     * init-params itself and fails with the filter's problem.
     */
    @Test
    void theRedirectServletTakesTheFiltersSettingsEvenWhenTheFiltersInitFailed() throws Exception {
        Server server = new Server(0);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsString(getClass().getResource("/placeholderwebxml").toExternalForm());
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true); // the first failure comes out of start()
        server.setHandler(webapp);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> warnings = RegisterWarningsTest.logged(java.util.logging.Level.WARNING, () -> {
            try {
                server.start();
            } catch (Exception e) {
                failures.add(e);
            } finally {
                server.stop();
            }
        });
        // Jetty goes on to the servlets after a filter failed and reports both: the servlet fails on the filter's settings.
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e).hasMessageContaining("Filter 'embeddable'")
                    .hasMessageContaining("client-id: 'YOUR_CLIENT_ID' is a placeholder from an example");
            assertThat(e.getSuppressed()).singleElement().satisfies(servlet -> assertThat(servlet)
                    .hasMessageContaining("Servlet 'ringcentral-redirect' takes the widget settings of filter 'embeddable'")
                    .hasMessageContaining("client-id: 'YOUR_CLIENT_ID' is a placeholder from an example"));
        });
        assertThat(warnings).noneMatch(m -> m.contains("no client ID is set")).noneMatch(m -> m.contains("demo app"));
    }

    @Test
    void badFilterSettingsAreReportedToo() {
        EmbeddableFilter filter = new EmbeddableFilter();
        assertThatThrownBy(() -> filter.init(config(Map.of("include-paths", "admin", "inject-error-pages", "maybe"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("'admin' is not a path pattern").hasMessageContaining("'maybe' is not true or false");
    }

    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override public String getFilterName() { return "test"; }
            @Override public ServletContext getServletContext() { return null; }
            @Override public String getInitParameter(String name) { return params.get(name); }
            @Override public Enumeration<String> getInitParameterNames() { return Collections.enumeration(params.keySet()); }
        };
    }
}
