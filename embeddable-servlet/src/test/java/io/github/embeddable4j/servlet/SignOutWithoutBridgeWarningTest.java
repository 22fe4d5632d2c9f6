package io.github.embeddable4j.servlet;

import static io.github.embeddable4j.servlet.RegisterWarningsTest.logged;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Sign in once without the bridge: pages that get the widget cannot carry the application's sign-out to it, which the
 * filter says once, at the first such page, and not at start-up (a Vaadin trial's views, which the filter leaves
 * alone, carried the sign-out through their component, and the start-up warning told it otherwise). A review found the
 * first place for it too early (a fragment, passed through untouched, used the warning up) and too narrow (pages
 * placing the widget with a template tag were never told).
 */
class SignOutWithoutBridgeWarningTest {

    /** Nothing at start-up or for a view the filter leaves alone; one warning at the first injected page. */
    @Test
    void signInOnceWithoutTheBridgeIsSaidAtTheFirstInjectedPageOnce() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("http://localhost/ringcentral/redirect").build());
        LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(LoginTestApp.KEY).build();
        List<String> beforeThePage = new CopyOnWriteArrayList<>();
        List<String> all = logged(Level.WARNING, () -> {
            try (TestServer server = TestServer.jetty((classes, context) -> {
                EmbeddableFilter.register(context, new EmbeddableFilter(embeddable).withLoginHandoff(flow));
                context.addServlet("pages", new PageServlet()).addMapping("/page");
                context.addServlet("view", new jakarta.servlet.http.HttpServlet() { // as a Vaadin view: the filter skips it
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                            throws java.io.IOException {
                        EmbeddableFilter.skip(req);
                        resp.setContentType("text/html");
                        resp.getWriter().write("<html><head></head><body>view</body></html>");
                    }
                }).addMapping("/view");
            })) {
                assertThat(get(server, "/view")).doesNotContain("adapter.js");
                beforeThePage.addAll(logged(Level.WARNING, () -> get(server, "/view")));
                assertThat(get(server, "/page")).contains("adapter.js");
                assertThat(get(server, "/page")).contains("adapter.js");
            }
        });
        assertThat(beforeThePage).isEmpty();
        assertThat(all).as("start-up and the view say nothing of it").noneMatch(m -> m.contains("without the bridge") && !m.contains("/page"));
        assertThat(all).filteredOn(m -> m.contains("without the bridge")).singleElement().asString()
                .contains("such as /page").contains("BridgeServlet.scriptOnly");
    }


    /** A partial (htmx or Turbo) the filter passes through untouched is not named, and does not use the warning up. */
    @Test
    void aFragmentTheFilterLeavesAloneIsNotNamedAsAnInjectedPage() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("http://localhost/ringcentral/redirect").build());
        LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(LoginTestApp.KEY).build();
        List<String> atTheFragment = new CopyOnWriteArrayList<>();
        List<String> all = logged(Level.WARNING, () -> {
            try (TestServer server = TestServer.jetty((classes, context) -> {
                EmbeddableFilter.register(context, new EmbeddableFilter(embeddable).withLoginHandoff(flow));
                context.addServlet("pages", new PageServlet()).addMapping("/page", "/rows");
            })) {
                atTheFragment.addAll(logged(Level.WARNING, () ->
                        assertThat(get(server, "/rows?doc=fragment")).doesNotContain("adapter.js")));
                assertThat(get(server, "/page")).contains("adapter.js");
            }
        });
        assertThat(atTheFragment).as("warned at a fragment the filter did not inject").noneMatch(m -> m.contains("without the bridge"));
        assertThat(all).filteredOn(m -> m.contains("without the bridge")).singleElement().asString().contains("such as /page");
    }

    /**
     * A page that places the widget itself, as the template tags do (the loader, then
     * {@code filter.bridgeTag(request, response, nonce, frameId)}, where such a page takes the sign-out mark, and
     * {@code EmbeddableFilter.skip}): without the bridge it cannot carry the sign-out either.
     */
    @Test
    void pagesThatPlaceTheWidgetWithTheTemplateTagAreStillWarnedAbout() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("http://localhost/ringcentral/redirect").build());
        LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(LoginTestApp.KEY).build();
        EmbeddableFilter filter = new EmbeddableFilter(embeddable).withLoginHandoff(flow);
        List<String> all = logged(Level.WARNING, () -> {
            try (TestServer server = TestServer.jetty((classes, context) -> {
                EmbeddableFilter.register(context, filter);
                context.addServlet("tagPage", new jakarta.servlet.http.HttpServlet() { // as rc:widget renders it
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                            throws java.io.IOException {
                        EmbeddableFilter.skip(req);
                        resp.setContentType("text/html");
                        String markup = filter.embeddable().scriptTag(null) + filter.bridgeTag(req, resp, null, null);
                        resp.getWriter().write("<html><head>" + markup + "</head><body>tag page</body></html>");
                    }
                }).addMapping("/tagged");
            })) {
                assertThat(get(server, "/tagged")).contains("adapter.js");
                assertThat(get(server, "/tagged")).contains("adapter.js");
            }
        });
        assertThat(all).as("sign in once without the bridge, pages placing the widget themselves: said nowhere")
                .anyMatch(m -> m.contains("without the bridge"));
    }

    private static String get(TestServer server, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url(path))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
