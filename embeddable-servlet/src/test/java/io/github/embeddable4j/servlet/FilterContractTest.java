package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
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
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter's contract over real HTTP, run against each container by a subclass. Every test asserts the exact
 * bytes received, and that a Content-Length, when sent, equals the body length.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContractTest {

    static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("test-client").build());
    static final String SNIPPET = EMBEDDABLE.scriptTag();
    static final String INJECTED_HEADER = "X-Embeddable-Injected";

    private TestServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    abstract TestServer start(ServletContainerInitializer setup) throws Exception;

    /** Whether the server compresses responses for clients that accept gzip. */
    boolean compresses() {
        return false;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = start((classes, ctx) -> {
            // Filter A: everything but /excluded and /errors, with the injected-marker header.
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE, InjectionRules.builder()
                    .exclude("/excluded/*", "/errors/*", "/async-error", "/post-pages/*", TestServer.ERROR_PAGE).injectedHeader(INJECTED_HEADER)
                    .build(), NonceResolver.defaults()));
            // Filter B: error pages opted in, on /errors only.
            FilterRegistration.Dynamic errors = ctx.addFilter("errors", new EmbeddableFilter(EMBEDDABLE,
                    InjectionRules.builder().include("/errors/*").errorPages(true).build(), NonceResolver.defaults()));
            errors.setAsyncSupported(true);
            errors.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            // Filter D: error pages opted in, on /async-error and the container's error page, for the ERROR dispatch too.
            FilterRegistration.Dynamic asyncErrors = ctx.addFilter("asyncErrors", new EmbeddableFilter(EMBEDDABLE,
                    InjectionRules.builder().include("/async-error", TestServer.ERROR_PAGE).errorPages(true).build(),
                    NonceResolver.defaults()));
            asyncErrors.setAsyncSupported(true);
            asyncErrors.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR),
                    true, "/async-error", TestServer.ERROR_PAGE);
            // Filter E: POST pages opted in, on /post-pages only.
            FilterRegistration.Dynamic posts = ctx.addFilter("posts", new EmbeddableFilter(EMBEDDABLE,
                    InjectionRules.builder().include("/post-pages/*").postPages(true).injectedHeader(INJECTED_HEADER).build(),
                    NonceResolver.defaults()));
            posts.setAsyncSupported(true);
            posts.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/post-pages/*");
            // Filter C: a second registration of the same filter on /double: must not inject twice.
            FilterRegistration.Dynamic twice = ctx.addFilter("twice", new EmbeddableFilter(EMBEDDABLE));
            twice.setAsyncSupported(true);
            twice.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/double/*");

            // A layout filter behind filter A: the page goes on after the servlet returns.
            ctx.addFilter("layout", new LayoutFilter())
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/layout/*");

            ServletRegistration.Dynamic pages = ctx.addServlet("pages", new PageServlet());
            pages.addMapping("/page", "/excluded/*", "/errors/*", "/double/*", "/layout/*", "/post-pages/*");
            ServletRegistration.Dynamic async = ctx.addServlet("async", new AsyncPageServlet());
            async.setAsyncSupported(true);
            async.addMapping("/async");
            ServletRegistration.Dynamic nonBlocking = ctx.addServlet("nonblocking", new NonBlockingPageServlet());
            nonBlocking.setAsyncSupported(true);
            nonBlocking.addMapping("/nonblocking");
            ctx.addServlet("forward", new ForwardingServlet()).addMapping("/forward", "/headers/forward");
            // Behind filter A, a header written at commit, as Spring Security's header writer does.
            ctx.addFilter("commitHeaders", new CommitHeadersFilter())
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/headers/*");
            ctx.addServlet("include", new IncludingServlet()).addMapping("/include");
            ServletRegistration.Dynamic asyncError = ctx.addServlet("asyncError", new AsyncErrorServlet());
            asyncError.setAsyncSupported(true);
            asyncError.addMapping("/async-error");
            ctx.addServlet("containerError", new ContainerErrorPageServlet()).addMapping(TestServer.ERROR_PAGE);
            ctx.addServlet("printed", new PrintedJsonServlet()).addMapping("/printed", "/excluded/printed");
            ctx.addServlet("hints", new EarlyHintsPageServlet()).addMapping("/hints");
            ctx.addServlet("resetToText", new ResetToTextServlet()).addMapping("/reset-to-text");
            ctx.addServlet("early", new EarlyCommitServlet()).addMapping("/early", "/excluded/early", "/early-target");

            ServletRegistration.Dynamic timeout = ctx.addServlet("timeout", new AsyncTimeoutServlet());
            timeout.setAsyncSupported(true);
            timeout.addMapping("/async-timeout");
        });
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery);
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(pathAndQuery))).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && !method.equals("HEAD")) {
            assertThat(length.getAsLong()).as("Content-Length of " + pathAndQuery).isEqualTo(response.body().length);
        }
        return response;
    }

    /**
     * A GET that accepts gzip, through a client that checks the framing strictly; the body must be compressed
     * exactly when the server compresses, and is compared decompressed. A slow client makes the server wait.
     */
    private SlowHttpClient.Response getAcceptingGzip(String pathAndQuery, boolean slow) throws Exception {
        SlowHttpClient.Response response = SlowHttpClient.get(server.port(), pathAndQuery, true, slow);
        assertThat(response.headers().get("content-encoding")).as("Content-Encoding").isEqualTo(compresses() ? "gzip" : null);
        if (response.headers().containsKey("content-length")) {
            assertThat(Long.parseLong(response.headers().get("content-length"))).isEqualTo(response.wire().length);
        }
        return response;
    }

    private static byte[] injected(String page, Charset cs) {
        return HtmlInjection.inject(page, SNIPPET, InjectionPoint.HEAD_END).getBytes(cs);
    }

    private static void assertInjected(HttpResponse<byte[]> response, String page, Charset cs) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), cs)).isEqualTo(new String(injected(page, cs), cs));
        assertThat(response.body()).isEqualTo(injected(page, cs));
        assertThat(response.headers().firstValue(INJECTED_HEADER)).hasValue("1");
    }

    private static void assertUnchanged(HttpResponse<byte[]> response, byte[] expected) {
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue(INJECTED_HEADER)).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes through the {1}")
    @CsvSource({"0, stream", "0, writer", "1024, stream", "1024, writer", "102400, stream", "102400, writer",
        "10485760, stream", "10485760, writer"})
    void pagesOfEverySizeThroughStreamAndWriter(int size, String api) throws Exception {
        HttpResponse<byte[]> response = get("/page?size=" + size + "&api=" + api);
        if (size == 0) {
            assertUnchanged(response, new byte[0]);
        } else {
            assertInjected(response, TestPages.page(size), UTF_8);
        }
    }

    @ParameterizedTest(name = "content type set after the first write, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void contentTypeSetLate(String api) throws Exception {
        assertInjected(get("/page?late=1&chunk=16&api=" + api), TestPages.page(1024), UTF_8);
    }

    @ParameterizedTest(name = "ISO-8859-1 through the {0}")
    @ValueSource(strings = {"stream", "writer"})
    void latin1(String api) throws Exception {
        assertInjected(get("/page?charset=ISO-8859-1&api=" + api), TestPages.latin1Page(1024), ISO_8859_1);
    }

    /** Japanese pages: Shift_JIS's second bytes look like ASCII letters and backslashes, never like markup. */
    @ParameterizedTest(name = "Shift_JIS through the {0}")
    @ValueSource(strings = {"stream", "writer"})
    void shiftJis(String api) throws Exception {
        assertInjected(get("/page?charset=Shift_JIS&api=" + api), TestPages.japanesePage(1024), Charset.forName("Shift_JIS"));
    }

    @ParameterizedTest(name = "UTF-16 passes through the {0}")
    @ValueSource(strings = {"stream", "writer"})
    void utf16PassesThrough(String api) throws Exception {
        Charset utf16 = Charset.forName("UTF-16");
        HttpResponse<byte[]> response = get("/page?charset=UTF-16&api=" + api + "&cl=setContentLength");
        assertUnchanged(response, TestPages.page(1024).getBytes(utf16));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(TestPages.page(1024).getBytes(utf16).length);
    }

    @Test
    void gzipEncodedPassesThroughWithItsLength() throws Exception {
        byte[] gz = PageServlet.gzip(TestPages.page(4096).getBytes(UTF_8));
        HttpResponse<byte[]> response = get("/page?size=4096&gzip=1&cl=setContentLength");
        assertUnchanged(response, gz);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(gz.length);
    }

    /**
     * Tapestry writes the gzip header through the filter before it sets Content-Encoding: the filter had decided to
     * scan at the first byte, and never said why browsers got no widget (a trial). It steps aside and says so.
     */
    @Test
    void anEncodingSetAfterTheFirstBytesIsSaidAndThePagePassesUnchanged() throws Exception {
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog()) {
            byte[] gz = PageServlet.gzip(TestPages.page(4096).getBytes(UTF_8));
            HttpResponse<byte[]> response = get("/page?size=4096&gzip=late");
            assertUnchanged(response, gz);
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("x-gzip-late");
            assertThat(log.lines()).filteredOn(l -> l.contains("already encoded (Content-Encoding: x-gzip-late)")).hasSize(1);
        }
    }

    @Test
    void jsonIsUntouchedAndKeepsItsLength() throws Exception {
        HttpResponse<byte[]> response = get("/page?type=application/json&cl=setContentLength");
        assertUnchanged(response, TestPages.page(1024).getBytes(UTF_8));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(TestPages.page(1024).getBytes(UTF_8).length);
    }

    /** A page sent to be saved (an export, a report) is a file: saved, it would carry the loader and a CSRF token. */
    @ParameterizedTest(name = "an HTML download through the {0} is untouched and keeps its length")
    @ValueSource(strings = {"stream", "writer"})
    void anHtmlDownloadIsUntouched(String api) throws Exception {
        assertInjected(get("/page?disposition=inline&api=" + api), TestPages.page(1024), UTF_8); // still a page
        HttpResponse<byte[]> download = get("/page?cl=setContentLength&api=" + api
                + "&disposition=" + URLEncoder.encode("attachment; filename=\"report.html\"", UTF_8));
        assertUnchanged(download, TestPages.page(1024).getBytes(UTF_8));
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(TestPages.page(1024).getBytes(UTF_8).length);
    }

    @ParameterizedTest(name = "a fragment keeps its Content-Length through the {0}, flushed early")
    @ValueSource(strings = {"stream", "writer"})
    void aFragmentKeepsItsContentLengthEvenWhenFlushedEarly(String api) throws Exception {
        // An htmx/Turbo partial gets nothing, which is known at its first element: the length goes out with it. Spring's
        // message converters flush, so a length restored at the end of the request would come too late.
        HttpResponse<byte[]> response = get("/page?doc=fragment&size=2000&cl=setContentLength&flushAt=10&api=" + api);
        byte[] fragment = TestPages.noisyFragment(2000).getBytes(UTF_8);
        assertUnchanged(response, fragment);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(fragment.length);
    }

    /**
     * A POST answered with a whole page (a form shown again with its errors, a Jakarta Faces postback) gets the widget
     * only where the rules opt in; a fragment answering a POST (htmx, Faces ajax) still gets nothing, and PUT never.
     */
    @Test
    void postPagesOnlyWhenOptedIn() throws Exception {
        HttpResponse<byte[]> plain = send("POST", "/page");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertUnchanged(plain, TestPages.page(1024).getBytes(UTF_8));
        assertInjected(send("POST", "/post-pages/form"), TestPages.page(1024), UTF_8);
        HttpResponse<byte[]> fragment = send("POST", "/post-pages/form?doc=fragment&size=2000");
        assertUnchanged(fragment, TestPages.noisyFragment(2000).getBytes(UTF_8));
        HttpResponse<byte[]> put = send("PUT", "/post-pages/form");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(new String(put.body(), UTF_8)).doesNotContain(SNIPPET);
    }

    @ParameterizedTest(name = "HEAD with Content-Length via {0}")
    @ValueSource(strings = {"setContentLength", "setHeader", "addIntHeader", "none"})
    void headOfAPageSendsNoContentLengthOtherThanTheGetBodys(String how) throws Exception {
        // HTTP: a HEAD response may omit Content-Length, but must not send another one than GET would.
        long getLength = get("/page?cl=" + how).body().length;
        assertThat(getLength).isGreaterThan(TestPages.page(1024).getBytes(UTF_8).length); // GET has the snippet
        for (String headOnly : new String[] {"0", "1"}) { // 1: the servlet answers HEAD with headers only, no body
            HttpResponse<byte[]> head = send("HEAD", "/page?headOnly=" + headOnly + "&cl=" + how);
            assertThat(head.statusCode()).isEqualTo(200);
            head.headers().firstValueAsLong("Content-Length").ifPresent(length ->
                    assertThat(length).as("HEAD's Content-Length, headers only: " + headOnly).isEqualTo(getLength));
        }
        // What the filter passes through keeps its length on HEAD, as on GET.
        HttpResponse<byte[]> json = send("HEAD", "/page?type=application/json&cl=setContentLength");
        assertThat(json.headers().firstValueAsLong("Content-Length")).hasValue(TestPages.page(1024).getBytes(UTF_8).length);
    }

    @ParameterizedTest(name = "validators through the {0}")
    @ValueSource(strings = {"stream", "writer"})
    void validatorsOfThePageAsWrittenAreDroppedWhenTheWidgetGoesInAndKeptOtherwise(String api) throws Exception {
        // ETag, Last-Modified and Accept-Ranges describe the file, not the page with the widget: a 304 would keep a loader
        // the configuration has changed since, and a range would mix the two versions.
        HttpResponse<byte[]> page = get("/page?validators=1&api=" + api);
        assertInjected(page, TestPages.page(1024), UTF_8);
        assertThat(page.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
        for (String unchanged : new String[] {"/page?validators=1&type=application/json&api=" + api,
            "/page?validators=1&doc=fragment&api=" + api, "/excluded/page?validators=1&api=" + api}) {
            HttpResponse<byte[]> kept = get(unchanged);
            assertThat(kept.headers().firstValue("ETag")).as(unchanged).hasValue("W/\"1024-1700000000000\"");
            assertThat(kept.headers().firstValue("Last-Modified")).as(unchanged).isPresent();
            assertThat(kept.headers().firstValue("Accept-Ranges")).as(unchanged).hasValue("bytes");
        }
        // Kept off for this visitor only (one who has not signed in): the page goes out as written but without its
        // validators, or the browser would keep it by a 304 after sign-in (a single-page application's trial).
        HttpResponse<byte[]> anonymous = get("/page?validators=1&visitorSkip=1&api=" + api);
        assertThat(new String(anonymous.body(), UTF_8)).isEqualTo(TestPages.page(1024));
        assertThat(anonymous.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
        // Skipped for the page's own reasons, the validators stay.
        assertThat(get("/page?validators=1&optout=1&api=" + api).headers().firstValue("ETag")).hasValue("W/\"1024-1700000000000\"");
    }

    @Test
    void xhtmlIsInjected() throws Exception {
        assertInjected(get("/page?type=application/xhtml%2Bxml"), TestPages.page(1024), UTF_8);
    }

    @ParameterizedTest(name = "Content-Length via {0} through the {1}")
    @CsvSource({"setContentLength, stream", "setContentLengthLong, stream", "setHeader, stream", "addHeader, stream",
        "setIntHeader, stream", "addIntHeader, stream", "setContentLength, writer", "setHeader, writer", "addIntHeader, writer"})
    void applicationContentLengthNeverTruncatesTheInjectedPage(String how, String api) throws Exception {
        assertInjected(get("/page?size=20000&cl=" + how + "&api=" + api), TestPages.page(20000), UTF_8);
    }

    @ParameterizedTest(name = "never closed, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void applicationThatNeverClosesItsStream(String api) throws Exception {
        // The page ends in "</bod", which the injector holds back until the end of the request releases it.
        assertInjected(get("/page?close=0&chunk=7&tail=%3C%2Fbod&api=" + api), TestPages.page(1024) + "</bod", UTF_8);
    }

    @ParameterizedTest(name = "held tail released at the end of the request, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void heldTailOfAnUnclosedDocumentIsNotLost(String api) throws Exception {
        // No marker, and the document ends in "</bod", which could have been the start of one: it is held back
        // and must be released when the request ends, though the application never closed its stream.
        String doc = "<p>truncated</p></bod";
        assertUnchanged(get("/page?size=0&close=0&tail=%3Cp%3Etruncated%3C%2Fp%3E%3C%2Fbod&api=" + api), doc.getBytes(UTF_8));
    }

    @ParameterizedTest(name = "held tail released when async work completes, {0}")
    @CsvSource({"wrapped, stream", "wrapped, writer", "context, stream", "context, writer"})
    void heldTailOfAnAsyncDocumentIsNotLost(String via, String api) throws Exception {
        String doc = "<p>truncated</p></bod";
        assertUnchanged(get("/async?via=" + via + "&size=0&close=0&tail=%3Cp%3Etruncated%3C%2Fp%3E%3C%2Fbod&api=" + api),
                doc.getBytes(UTF_8));
    }

    @ParameterizedTest(name = "byte by byte, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void headEndSplitAcrossWrites(String api) throws Exception {
        assertInjected(get("/page?chunk=1&api=" + api), TestPages.page(1024), UTF_8);
        assertInjected(get("/page?chunk=3&close=0&api=" + api), TestPages.page(1024), UTF_8);
    }

    @ParameterizedTest(name = "flushBuffer before the head ends, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void flushMidPage(String api) throws Exception {
        HttpResponse<byte[]> response = get("/page?size=50000&flushAt=40&api=" + api);
        assertThat(response.body()).isEqualTo(injected(TestPages.page(50000), UTF_8));
        assertThat(response.headers().firstValue(INJECTED_HEADER)).isEmpty(); // the early flush sent the headers
    }

    @ParameterizedTest(name = "flushBuffer inside </head>, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void flushInsideTheMarkerReleasesItAndTheWidgetGoesBeforeBodyEnd(String api) throws Exception {
        String page = TestPages.page(50000);
        int inside = api.equals("stream") ? new String(page.getBytes(UTF_8), ISO_8859_1).lastIndexOf("</head>") + 3
                : page.lastIndexOf("</head>") + 3;
        HttpResponse<byte[]> response = get("/page?size=50000&flushAt=" + inside + "&api=" + api);
        assertThat(response.body()).isEqualTo(HtmlInjection.inject(page, SNIPPET, InjectionPoint.BODY_END).getBytes(UTF_8));
        assertThat(response.headers().firstValue(INJECTED_HEADER)).isEmpty(); // headers were already sent
    }

    @Test
    void headRequestsGetTheHeadersGetWould() throws Exception {
        HttpResponse<byte[]> response = send("HEAD", "/page");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue(INJECTED_HEADER)).isEqualTo(get("/page").headers().firstValue(INJECTED_HEADER));
        // A servlet that answers HEAD with headers only (Spring's static resources): the headers are still GET's, the
        // marker header included and the validators dropped (a standalone-Tomcat trial saw the marker missing).
        HttpResponse<byte[]> headersOnly = send("HEAD", "/page?headOnly=1&validators=1");
        assertThat(headersOnly.headers().firstValue(INJECTED_HEADER)).hasValue("1");
        assertThat(headersOnly.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
        assertThat(get("/page?validators=1").headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
        // The same, flushed before the request ends, as Spring Cloud Gateway's MVC flavour relays a HEAD (a gateway trial
        // saw the marker missing: the flush sent the headers before the end, where the filter added it).
        HttpResponse<byte[]> relayed = send("HEAD", "/page?headOnly=relay&validators=1&cl=setContentLength");
        assertThat(relayed.headers().firstValue(INJECTED_HEADER)).hasValue("1");
        assertThat(relayed.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
        long getLength = get("/page?cl=setContentLength").body().length;
        relayed.headers().firstValueAsLong("Content-Length").ifPresent(length ->
                assertThat(length).as("the relayed HEAD's length").isEqualTo(getLength));
    }

    @Test
    void notModifiedAndRedirectsPassThrough() throws Exception {
        assertThat(get("/page?status=304").statusCode()).isEqualTo(304);
        HttpResponse<byte[]> redirect = get("/page?status=302");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(new String(redirect.body(), UTF_8)).doesNotContain(SNIPPET);
    }

    @ParameterizedTest(name = "status {0} is not injected by default")
    @ValueSource(ints = {404, 500})
    void errorStatusesPassThroughByDefault(int status) throws Exception {
        HttpResponse<byte[]> response = get("/page?status=" + status);
        assertThat(response.statusCode()).isEqualTo(status);
        assertUnchanged(response, TestPages.page(1024).getBytes(UTF_8));
    }

    @ParameterizedTest(name = "status set to 500 after the first write, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void aStatusChangedAfterTheFirstWriteIsCheckedAgainAtTheMarker(String api) throws Exception {
        HttpResponse<byte[]> response = get("/page?chunk=16&lateStatus=500&api=" + api);
        assertThat(response.statusCode()).isEqualTo(500);
        assertUnchanged(response, TestPages.page(1024).getBytes(UTF_8));
    }

    @ParameterizedTest(name = "status {0} is injected when error pages are opted in")
    @ValueSource(ints = {404, 500})
    void errorPagesWhenOptedIn(int status) throws Exception {
        HttpResponse<byte[]> response = get("/errors/page?status=" + status);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(injected(TestPages.page(1024), UTF_8));
    }

    @Test
    void theContainersErrorPageAfterAnAsyncSendErrorGetsTheWidgetWhenErrorPagesAreOptedIn() throws Exception {
        // Spring MVC's DeferredResult timing out: sendError(503) in an ASYNC dispatch, then the container's error page.
        HttpResponse<byte[]> response = get("/async-error");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(new String(injected(ContainerErrorPageServlet.page(503), UTF_8), UTF_8));
    }

    @ParameterizedTest(name = "async, written via the {0} response, stream closed: {1}")
    @CsvSource({"wrapped, 1", "wrapped, 0", "context, 1", "context, 0"})
    void asyncServlet(String via, String close) throws Exception {
        // The held tail "</bod" must reach the client when the async work completes, even if the stream is never closed.
        assertInjected(get("/async?via=" + via + "&close=" + close + "&chunk=5&size=3000&tail=%3C%2Fbod"),
                TestPages.page(3000) + "</bod", UTF_8);
    }

    @Test
    void nonceFromTheRequestAttribute() throws Exception {
        HttpResponse<byte[]> response = get("/page?nonce=r4nd0m");
        String expected = HtmlInjection.inject(TestPages.page(1024), EMBEDDABLE.scriptTag("r4nd0m"), InjectionPoint.HEAD_END);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(expected).contains("nonce=\"r4nd0m\"");
    }

    /**
     * The page's own policy names the nonce the browser checks: it wins over the request attribute. Wicket serves a page
     * rendered in an earlier request, with that request's policy and nonce, while the attribute holds a fresh one (a
     * Wicket trial saw the loader blocked on every stateful page).
     */
    @Test
    void theNonceOfThePagesOwnPolicyWins() throws Exception {
        String policy = URLEncoder.encode("default-src 'self'; script-src 'strict-dynamic' 'nonce-Earl1er_Req'", UTF_8);
        HttpResponse<byte[]> response = get("/page?nonce=fr3sh&policy=" + policy);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(HtmlInjection.inject(TestPages.page(1024),
                EMBEDDABLE.scriptTag("Earl1er_Req"), InjectionPoint.HEAD_END));
        // A policy without a script nonce leaves the attribute's.
        String noNonce = URLEncoder.encode("default-src 'self'; script-src 'self' https://apps.ringcentral.com", UTF_8);
        assertThat(new String(get("/page?nonce=fr3sh&policy=" + noNonce).body(), UTF_8)).contains("nonce=\"fr3sh\"");
    }

    /** During a rollout the policy is report-only: its nonce goes on the tags too (a strict-CSP trial's were reported). */
    @Test
    void theNonceOfAReportOnlyPolicyIsUsed() throws Exception {
        String policy = URLEncoder.encode("script-src 'nonce-R0llout' 'strict-dynamic'; report-uri /csp", UTF_8);
        assertThat(new String(get("/page?nonce=fr3sh&reportOnly=1&policy=" + policy).body(), UTF_8))
                .isEqualTo(HtmlInjection.inject(TestPages.page(1024), EMBEDDABLE.scriptTag("R0llout"), InjectionPoint.HEAD_END));
    }

    /**
     * A policy whose 'strict-dynamic' leaves the widget's tags without a nonce it lists is said in the log, once per
     * filter: the browser's console was otherwise the only place that told (a strict-CSP trial).
     */
    @Test
    void aPolicyThatRefusesTheTagsIsSaidOnceInTheLog() throws Exception {
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog()) {
            java.util.List<String> said = log.lines();
            String fine = URLEncoder.encode("script-src 'nonce-0k' 'strict-dynamic'", UTF_8);
            get("/page?policy=" + fine);
            assertThat(said).as("a policy with the tags' nonce").noneMatch(m -> m.contains("strict-dynamic"));
            String refusing = URLEncoder.encode("default-src 'self'; script-src 'strict-dynamic'", UTF_8);
            HttpResponse<byte[]> page = get("/page?nonce=n0tInP0licy&policy=" + refusing);
            assertThat(new String(page.body(), UTF_8)).contains("nonce=\"n0tInP0licy\""); // still injected, as written
            get("/page?policy=" + refusing);
            assertThat(said).filteredOn(m -> m.contains("strict-dynamic")).singleElement().asString()
                    .startsWith("WARNING RingCentral Embeddable: the page's Content-Security-Policy allows scripts by"
                            + " 'strict-dynamic'").contains("the widget's tags carry another").contains("_csp_nonce");
        }
    }

    /**
     * A policy set after the page's first bytes, before its head ends, is judged at the marker: the filter reads the
     * policy headers once at the first write and again only when a header changed since (filter E, whose warning is
     * its own: filter A's was said above).
     */
    @Test
    void aPolicySetAfterTheFirstBytesIsJudgedAtTheMarker() throws Exception {
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog()) {
            java.util.List<String> said = log.lines();
            String refusing = URLEncoder.encode("default-src 'self'; script-src 'strict-dynamic'", UTF_8);
            HttpResponse<byte[]> page = send("POST", "/post-pages/page?chunk=16&policyAfter=1&policy=" + refusing);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; script-src 'strict-dynamic'");
            assertThat(new String(page.body(), UTF_8)).contains("<script"); // injected, as written
            assertThat(said).filteredOn(m -> m.contains("strict-dynamic")).singleElement().asString()
                    .contains("the widget's tags carry none");
        }
    }

    @Test
    void perRequestOptOutAndExcludedPaths() throws Exception {
        assertUnchanged(get("/page?optout=1&cl=setContentLength"), TestPages.page(1024).getBytes(UTF_8));
        assertUnchanged(get("/excluded/page"), TestPages.page(1024).getBytes(UTF_8));
    }

    /**
     * Two filters for one page: the first wraps and decides, the second does nothing there, and says so once (a trial
     * declared the docs' {@code <filter>} beside a listener's registration, and could not tell which settings the
     * pages got). Filters whose rules part their paths (filter B on /errors, with filter A around it) say nothing.
     */
    @Test
    void aResponseIsNotWrappedTwice() throws Exception {
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog()) {
            java.util.List<String> said = log.lines();
            assertInjected(get("/page"), TestPages.page(1024), UTF_8);
            assertThat(said).noneMatch(m -> m.contains("another EmbeddableFilter"));
            assertInjected(get("/double/page"), TestPages.page(1024), UTF_8);
            get("/double/page");
            assertThat(said).filteredOn(m -> m.contains("another EmbeddableFilter")).singleElement().asString()
                    .startsWith("WARNING EmbeddableFilter 'twice': another EmbeddableFilter wrapped /double/page before"
                            + " this one").contains("web.xml").contains("(Said once.)");
        }
    }

    @ParameterizedTest(name = "reset: {0}")
    @ValueSource(strings = {"full", "buffer"})
    void resetRestartsTheInjector(String kind) throws Exception {
        assertInjected(get("/page?reset=" + kind), TestPages.page(1024), UTF_8);
    }

    /**
     * A page whose head got the widget, then discarded with {@code resetBuffer()} for plain text: the text went out
     * with the injected-marker header still on it (a review), which says a page got the widget.
     */
    @Test
    void aPageDiscardedForTextLosesTheInjectedMarker() throws Exception {
        HttpResponse<byte[]> text = get("/reset-to-text");
        assertThat(new String(text.body(), UTF_8)).isEqualTo("no page after all");
        assertThat(text.headers().firstValue(INJECTED_HEADER)).as("no widget went out").isEmpty();
    }

    // ---- non-blocking output (Servlet 3.1 WriteListener) -----------------------------------------------------

    @ParameterizedTest(name = "non-blocking, no marker: {0} bytes in writes of {1} (0 = one write), complete() {2}")
    @CsvSource({"100, 0, now", "100, 0, ready", "100, 7, now", "1048576, 0, now", "1048576, 0, ready",
        "1048576, 65536, now", "1048576, 8000, ready"})
    void nonBlockingOutputKeepsTheHeldTailOfAnUninjectedDocument(int size, int chunk, String end) throws Exception {
        // The document ends in "</bod": those bytes are held until complete(), when the container may not be ready.
        String id = getClass().getSimpleName() + "-fragment-" + size + "-" + chunk + "-" + end;
        SlowHttpClient.Response response = getAcceptingGzip("/nonblocking?doc=fragment&size=" + size + "&chunk=" + chunk
                + "&end=" + end + "&tail=%3C%2Fbod&id=" + id, size > 1_000_000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo((TestPages.noisyFragment(size) + "</bod").getBytes(UTF_8));
        assertThat(response.headers()).doesNotContainKey(INJECTED_HEADER.toLowerCase(java.util.Locale.ROOT));
        if (size > 1_000_000 && end.equals("ready")) {
            // The application checks isReady() after every write in this mode: the container did push back.
            assertThat(NonBlockingPageServlet.NOT_READY.get(id)).as("times the container was not ready").isPositive();
        }
    }

    @ParameterizedTest(name = "non-blocking: {0} bytes in writes of {1} (0 = one write), first write ends in </head>: {2}, complete() {3}")
    @CsvSource({"100, 0, 0, now", "100, 0, 0, ready", "100, 0, 1, now", "100, 1, 0, now", "100, 3, 0, ready",
        "1048576, 0, 0, now", "1048576, 0, 0, ready", "1048576, 0, 1, now", "1048576, 0, 1, ready",
        "1048576, 65536, 1, now", "1048576, 8000, 0, ready", "1048576, 100000, 1, ready"})
    void nonBlockingOutputArrivesWhole(int size, int chunk, int split, String end) throws Exception {
        String id = getClass().getSimpleName() + "-page-" + size + "-" + chunk + "-" + split + "-" + end;
        SlowHttpClient.Response response = getAcceptingGzip("/nonblocking?size=" + size + "&chunk=" + chunk + "&split=" + split
                + "&end=" + end + "&id=" + id, size > 1_000_000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(new String(injected(TestPages.noisyPage(size), UTF_8), UTF_8));
        assertThat(response.body()).isEqualTo(injected(TestPages.noisyPage(size), UTF_8));
        assertThat(response.headers()).containsEntry(INJECTED_HEADER.toLowerCase(java.util.Locale.ROOT), "1");
        if (size > 1_000_000 && end.equals("ready")) {
            // The application checks isReady() after every write in this mode: the container did push back.
            assertThat(NonBlockingPageServlet.NOT_READY.get(id)).as("times the container was not ready").isPositive();
        }
    }

    @ParameterizedTest(name = "committed before </head>, then a header set, through the {0}; gzip accepted")
    @ValueSource(strings = {"stream", "writer"})
    void aPageCommittedBeforeItsHeadEndsIsInjectedWhatEverTheServerCompresses(String api) throws Exception {
        // A server that compresses (Jetty's handler) says Content-Encoding: gzip once the response is committed; that is
        // its encoding of what the filter writes, not the application's, and must not stop the injection at the marker.
        SlowHttpClient.Response response = getAcceptingGzip("/page?size=4096&flushAt=20&headerAtCommit=1&api=" + api, false);
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(new String(injected(TestPages.page(4096), UTF_8), UTF_8));
    }

    // ---- forwards -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "forward via the {0} after partial {1} output, {2}")
    @CsvSource({"request, held, stream", "request, held, writer", "context, held, stream", "context, held, writer",
        "request, injected, stream", "request, injected, writer", "context, injected, stream", "context, injected, writer",
        "request, text, stream", "context, text, writer", "named, held, stream", "named, held, writer",
        "named, injected, stream", "named, injected, writer"})
    void aForwardedPageIsInjectedOnceAndNothingDiscardedSurvives(String via, String junk, String api) throws Exception {
        String target = java.net.URLEncoder.encode("size=1024&api=" + api, UTF_8);
        assertInjected(get("/forward?via=" + via + "&junk=" + junk + "&api=" + api + "&target=" + target),
                TestPages.page(1024), UTF_8);
    }

    /**
     * A HEAD forwarded to a servlet answering with headers only (Spring Boot's welcome page, forwarded to the static
     * index.html) keeps the headers a filter around the forward writes at commit: a Boot-on-Jetty trial lost Spring
     * Security's, as the wrapper committed the response behind that filter's back.
     */
    @Test
    void aForwardedHeadKeepsTheHeadersWrittenAtCommit() throws Exception {
        String target = URLEncoder.encode("headOnly=1&validators=1", UTF_8);
        HttpResponse<byte[]> get = get("/headers/forward?via=request&junk=held&target=" + target);
        assertThat(get.headers().firstValue(CommitHeadersFilter.HEADER)).hasValue("1");
        HttpResponse<byte[]> head = send("HEAD", "/headers/forward?via=request&junk=held&target=" + target);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue(CommitHeadersFilter.HEADER)).hasValue("1");
        assertThat(head.headers().firstValue(INJECTED_HEADER)).hasValue("1");
        assertThat(head.headers().map().keySet()).doesNotContain("etag", "last-modified", "accept-ranges");
    }

    @ParameterizedTest(name = "forward to a document without a marker that ends in a held tail, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void aForwardedDocumentKeepsItsHeldTail(String api) throws Exception {
        String target = java.net.URLEncoder.encode("size=0&close=0&tail=<p>forwarded</p></bod&api=" + api, UTF_8);
        assertUnchanged(get("/forward?via=request&junk=held&api=" + api + "&target=" + target),
                "<p>forwarded</p></bod".getBytes(UTF_8));
    }

    @Test
    void aPageThatGoesOnAfterTheServletReturnsIsInjected() throws Exception {
        // The servlet writes a meta tag into the head that the layout filter opened; </head> comes after it returns.
        String meta = "<meta name=\"from-servlet\">";
        assertInjected(get("/layout/page?size=0&close=0&tail=" + java.net.URLEncoder.encode(meta, UTF_8)),
                LayoutFilter.BEFORE + meta + LayoutFilter.AFTER, UTF_8);
    }

    @ParameterizedTest(name = "an include inside the head is part of the page, {0}")
    @ValueSource(strings = {"stream", "writer"})
    void anIncludeDoesNotEndThePage(String api) throws Exception {
        assertInjected(get("/include?api=" + api),
                IncludingServlet.BEFORE + IncludingServlet.INCLUDED + IncludingServlet.AFTER, UTF_8);
    }

    // ---- async listeners -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "onTimeout completes via the event: listener on the {0} context, {1}")
    @CsvSource({"context, stream", "context, writer", "container, stream", "container, writer"})
    void aListenerCompletingThroughItsEventKeepsTheHeldTail(String listener, String api) throws Exception {
        // No marker, and the document ends in "</bod": those bytes are held until the request completes.
        assertUnchanged(get("/async-timeout?doc=fragment&cut=fragment&listener=" + listener + "&api=" + api),
                AsyncTimeoutServlet.FRAGMENT.getBytes(UTF_8));
    }

    @ParameterizedTest(name = "onTimeout writes the rest of a page: listener on the {0} context, first part ends at {1}, {2}")
    @CsvSource({"context, 40, stream", "context, inhead, writer", "container, inhead, stream", "container, 40, writer"})
    void aListenerFinishingThePageOnTimeoutInjectsOnce(String listener, String cut, String api) throws Exception {
        assertInjected(get("/async-timeout?size=3000&cut=" + cut + "&listener=" + listener + "&api=" + api),
                TestPages.page(3000), UTF_8);
    }

    /**
     * Text printed through the output stream ({@code ServletOutputStream.print}) comes out as the container alone makes
     * it: Jetty's stream prints in the response's encoding, the API's own in ISO-8859-1 only. Through the filter's
     * stream Jetty's JSON came out as ISO-8859-1 in a UTF-8 response, and a "€" was a 500 (a review).
     */
    @ParameterizedTest(name = "printed: {0}")
    @ValueSource(strings = {"José", "José €"})
    void textPrintedThroughTheStreamIsAsTheContainerPrintsIt(String name) throws Exception {
        String query = "?name=" + java.net.URLEncoder.encode(name, UTF_8);
        HttpResponse<byte[]> alone = get("/excluded/printed" + query);
        HttpResponse<byte[]> filtered = get("/printed" + query);
        assertThat(filtered.statusCode()).as("as the container alone answers").isEqualTo(alone.statusCode());
        if (alone.statusCode() == 200) {
            assertThat(java.util.HexFormat.of().formatHex(filtered.body())).as("the bytes, in hex")
                    .isEqualTo(java.util.HexFormat.of().formatHex(alone.body()));
        }
    }

    /**
     * A response whose headers go before its first byte keeps the length and validators the filter held while it could
     * still have been a page to change: as the container alone sends them (a review: a download flushed before its
     * bytes lost its size and its resuming, a flushed 304 and a forwarded one lost their ETag).
     */
    @ParameterizedTest(name = "{0} {1}: headers as the container alone sends them")
    @CsvSource({"GET, download", "HEAD, download", "HEAD, script", "GET, not-modified", "GET, forward"})
    void headersSentBeforeTheFirstByteAreTheContainersOwn(String method, String which) throws Exception {
        HttpResponse<byte[]> alone = send(method, "/excluded/early?case=" + which);
        HttpResponse<byte[]> filtered = send(method, "/early?case=" + which);
        assertThat(filtered.statusCode()).isEqualTo(alone.statusCode());
        assertThat(filtered.body()).isEqualTo(alone.body());
        for (String header : java.util.List.of("Content-Length", "ETag", "Last-Modified", "Accept-Ranges")) {
            assertThat(filtered.headers().firstValue(header)).as(header).isEqualTo(alone.headers().firstValue(header));
        }
        assertThat(alone.headers().firstValue("ETag")).as("the case sends one").isPresent();
    }

    /**
     * A page that sends 103 Early Hints first ({@code sendError(103)}, an interim answer on Tomcat and Jetty) still gets
     * the widget: the filter took any {@code sendError} for the container's own body and stepped aside (a review).
     * Read over a socket: the interim answer is part of what is checked.
     */
    @Test
    void aPageAfterEarlyHintsGetsTheWidget() throws Exception {
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /hints HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 103");
        if (answer.contains("HTTP/1.1 200")) { // Tomcat and Jetty: an interim answer, then the page
            assertThat(answer).as("the page after the interim answer").contains(SNIPPET).contains("</body></html>");
        } else { // Undertow takes 103 for the final answer: the page is never sent, with or without the filter
            assertThat(answer).doesNotContain("<html");
        }
    }

    @Test
    void theApplicationKeepsServingAfterAllOfThat() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertInjected(get("/page?chunk=" + (i + 1)), TestPages.page(1024), UTF_8);
        }
    }
}
