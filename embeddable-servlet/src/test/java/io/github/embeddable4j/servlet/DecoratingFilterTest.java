package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sitemesh.builder.SiteMeshFilterBuilder;

/**
 * A decorating filter (SiteMesh 3, the real one) behind the injecting filter, which is where it lands by default: a
 * {@code FilterRegistrationBean} without an order, and {@link EmbeddableFilter#register} ahead of {@code web.xml}.
 * SiteMesh buffers the content page, forwards to the decorator into a buffer of its own, and writes the merged page
 * afterwards. The filter used to finish the response at the end of that forward, with the content's Content-Length:
 * a trial's pages were cut at the content's length on Tomcat and were a 500 on Jetty. The merged page must come out
 * whole, with the widget once, as SiteMesh writes it without the filter ({@code /plain/}, excluded) plus the snippet.
 * Before the fix: Undertow cut the page at the content's length, Jetty answered 404 (an {@code IllegalStateException}),
 * and the content's validators went out with the merged page.
 */
class DecoratingFilterTest {

    static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("test-client").build());
    static final String DECORATOR = "<!DOCTYPE html><html><head><title>Site: <sitemesh:write property='title'/></title>"
            + "<sitemesh:write property='head'/></head><body><nav>the site's menu</nav><sitemesh:write property='body'/>"
            + "<footer>the site's footer</footer></body></html>\n";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Not Tomcat 11: SiteMesh 3.2.2 writes an empty page there, without this filter too (Boot 3.5's Tomcat 10.1 in the starter's test). */
    @ParameterizedTest
    @ValueSource(strings = {"jetty", "undertow"})
    void aDecoratedPageComesOutWholeWithTheWidgetOnce(String container) throws Exception {
        try (TestServer server = TestServer.withErrorPage(container, (classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE, InjectionRules.builder().exclude("/plain/*")
                    .injectedHeader("X-Embeddable-Injected").build(), NonceResolver.defaults()));
            FilterRegistration.Dynamic sitemesh = ctx.addFilter("sitemesh", new SiteMeshFilterBuilder()
                    .setDecoratorPrefix("/decorators/").addDecoratorPath("/*", "main").addExcludedPath("/decorators/*").create());
            sitemesh.setAsyncSupported(true);
            sitemesh.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            ctx.addServlet("pages", new PageServlet()).addMapping("/page", "/plain/page");
            ctx.addServlet("decorator", new DecoratorServlet()).addMapping("/decorators/main");
        })) {
            for (String query : new String[] {"cl=none", "cl=setContentLength", "cl=setHeader&api=writer",
                    "cl=setContentLengthLong&validators=1", "size=200000&cl=setContentLength&chunk=1000"}) {
                HttpResponse<String> plain = get(server, "/plain/page?" + query);
                assertThat(plain.body()).as("decorated without the widget: " + query).contains("the site's footer")
                        .doesNotContain("adapter.js");

                HttpResponse<String> page = get(server, "/page?" + query);
                assertThat(page.statusCode()).as(query).isEqualTo(200);
                assertThat(page.body()).as(query).isEqualTo(HtmlInjection.inject(plain.body(), EMBEDDABLE.scriptTag(),
                        InjectionPoint.HEAD_END));
                assertThat(page.headers().firstValue("X-Embeddable-Injected")).as(query).hasValue("1");
                if (query.contains("validators=1")) { // the content's validators do not describe the page with the widget
                    assertThat(page.headers().firstValue("ETag")).as(query).isEmpty();
                    assertThat(page.headers().firstValue("Last-Modified")).as(query).isEmpty();
                }
            }
        }
    }

    private HttpResponse<String> get(TestServer server, String pathAndQuery) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        response.headers().firstValueAsLong("Content-Length").ifPresent(length -> assertThat(length)
                .as("Content-Length of " + pathAndQuery).isEqualTo(response.body().getBytes(UTF_8).length));
        return response;
    }

    /** The site's layout, which SiteMesh fills with the content page's title, head and body. */
    static final class DecoratorServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(DECORATOR);
        }
    }
}
