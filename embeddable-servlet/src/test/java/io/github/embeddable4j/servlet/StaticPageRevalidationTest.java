package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A browser holding a static page as it was served before the widget was added revalidates it with that file's
 * validators (the filter drops them from every page it injects into, so only such a copy has them). Each container's
 * own static-file servlet would answer 304 (or 206 for a range) and the page would stay without the widget: the filter
 * hides those headers from a navigation to a page. Every case first proves, with the filter skipped for that request,
 * that the container does answer the conditional or range request.
 */
class StaticPageRevalidationTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("test-client").build());
    private static final String SNIPPET = EMBEDDABLE.scriptTag();
    private static final Instant FILE_DATE = Instant.parse("2024-01-01T00:00:00Z");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path files;

    private TestServer start(String container) throws Exception {
        Files.writeString(files.resolve("index.html"), TestPages.page(1024), UTF_8);
        Files.write(files.resolve("report.pdf"), "%PDF-1.4 not really a PDF, only its type matters".getBytes(UTF_8));
        Files.writeString(files.resolve("app.js"), "console.log('app');", UTF_8);
        Files.writeString(files.resolve("notes"), "{\"notes\":[]}", UTF_8);
        for (String name : new String[] {"index.html", "report.pdf", "app.js", "notes"}) {
            Files.setLastModifiedTime(files.resolve(name), FileTime.from(FILE_DATE));
        }
        return TestServer.servingFiles(container, files, (classes, ctx) -> {
            // Before the widget's filter: ?skip=1 keeps the widget off the page for the page's own reasons.
            Filter skipping = (request, response, chain) -> {
                if ("1".equals(request.getParameter("skip"))) {
                    EmbeddableFilter.skip(request);
                }
                chain.doFilter(request, response);
            };
            ctx.addFilter("skipping", skipping).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE));
        });
    }

    private HttpResponse<String> get(TestServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    /** A browser's navigation, with Fetch Metadata (HTTPS, or localhost). */
    private static String[] navigation(String... more) {
        String[] headers = {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Sec-Fetch-Dest", "document",
            "Sec-Fetch-Mode", "navigate"};
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static void assertWholePageWithTheWidget(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(SNIPPET).endsWith(TestPages.TAIL);
        assertThat(response.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges", "content-range");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void aPageRevalidatedWithTheFilesValidatorsComesWithTheWidget(String container) throws Exception {
        try (TestServer server = start(container)) {
            HttpResponse<String> asFile = get(server, "/index.html?skip=1");
            assertThat(asFile.body()).doesNotContain(SNIPPET);
            String lastModified = asFile.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(server, "/index.html?skip=1", navigation("If-Modified-Since", lastModified)).statusCode())
                    .as("%s answers the file's own date with 304", server.name()).isEqualTo(304);

            assertWholePageWithTheWidget(get(server, "/index.html", navigation("If-Modified-Since", lastModified)));
            // Without Fetch Metadata (plain HTTP to another host), a navigation's Accept tells.
            assertWholePageWithTheWidget(get(server, "/index.html", "Accept", "text/html,*/*;q=0.8", "If-Modified-Since", lastModified));

            Optional<String> etag = asFile.headers().firstValue("ETag");
            if (etag.isPresent()) { // Undertow's static files have none
                assertThat(get(server, "/index.html?skip=1", navigation("If-None-Match", etag.get())).statusCode())
                        .as("%s answers the file's own ETag with 304", server.name()).isEqualTo(304);
                assertWholePageWithTheWidget(get(server, "/index.html", navigation("If-None-Match", etag.get())));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void aRangeOfAPageIsAnsweredWithTheWholePage(String container) throws Exception {
        try (TestServer server = start(container)) {
            HttpResponse<String> part = get(server, "/index.html?skip=1", navigation("Range", "bytes=0-9"));
            assertThat(part.statusCode()).as("%s answers a range of the file", server.name()).isEqualTo(206);
            assertThat(part.body()).hasSize(10);

            assertWholePageWithTheWidget(get(server, "/index.html", navigation("Range", "bytes=0-9")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void whatIsNotANavigationToAPageKeepsItsNotModified(String container) throws Exception {
        try (TestServer server = start(container)) {
            String lastModified = get(server, "/report.pdf").headers().firstValue("Last-Modified").orElseThrow();
            // A PDF opened in a tab is a navigation, but not to a page.
            assertThat(get(server, "/report.pdf", navigation("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
            assertThat(get(server, "/app.js", "Accept", "*/*", "Sec-Fetch-Dest", "script", "If-Modified-Since", lastModified)
                    .statusCode()).isEqualTo(304);
            // A script's fetch of a path without an extension (an API's JSON, say) keeps its 304 too.
            assertThat(get(server, "/notes", "Accept", "*/*", "Sec-Fetch-Dest", "empty", "If-Modified-Since", lastModified)
                    .statusCode()).isEqualTo(304);
        }
    }

    /**
     * Any request for an HTML file loses its validators and ranges, not only a browser's navigation: a proxy or a CDN
     * revalidating its copy from before the widget was added (no Fetch Metadata, {@code Accept: *}{@code /*}) got the
     * container's 304 and kept serving the page without it, and a download resumed with {@code Range} got the file's
     * bytes, at offsets that are not the page's (a protocol trial). Each is first shown answered so without the filter.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void anHtmlFileIsAnsweredWholeToEveryConditionalOrRangeRequest(String container) throws Exception {
        try (TestServer server = start(container)) {
            HttpResponse<String> asFile = get(server, "/index.html?skip=1");
            String lastModified = asFile.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(server, "/index.html?skip=1", "Accept", "*/*", "If-Modified-Since", lastModified).statusCode())
                    .as("%s answers a proxy's revalidation of the file with 304", server.name()).isEqualTo(304);
            assertWholePageWithTheWidget(get(server, "/index.html", "Accept", "*/*", "If-Modified-Since", lastModified));
            assertWholePageWithTheWidget(get(server, "/index.html", "Accept", "*/*", "Sec-Fetch-Dest", "empty",
                    "If-Modified-Since", lastModified));
            Optional<String> etag = asFile.headers().firstValue("ETag");
            if (etag.isPresent()) {
                assertThat(get(server, "/index.html?skip=1", "Accept", "*/*", "If-None-Match", etag.get()).statusCode())
                        .isEqualTo(304);
                assertWholePageWithTheWidget(get(server, "/index.html", "Accept", "*/*", "If-None-Match", etag.get()));
            }

            assertThat(get(server, "/index.html?skip=1", "Accept", "*/*", "Range", "bytes=100-").statusCode())
                    .as("%s answers a resumed download of the file with 206", server.name()).isEqualTo(206);
            assertWholePageWithTheWidget(get(server, "/index.html", "Accept", "*/*", "Range", "bytes=100-"));
        }
    }
}
