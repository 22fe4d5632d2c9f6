package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring's ShallowEtagHeaderFilter (ContentCachingResponseWrapper: a flush does not reach the container,
 * isCommitted() stays false) around Spring Security's HeaderWriterFilter (writes its headers, CSP among them, on the
 * response it wraps when the page flushes), around the EmbeddableFilter: the CSP arrives between the first write and
 * the marker through neither the filter's wrapper nor a commit. The filter reads the policies once per page, and again
 * after a flush (a review: reading them only after a change or the commit lost the strict-dynamic warning here).
 */
class PolicyWrittenAtFlushTest {

    static final String POLICY = "default-src 'self'; script-src 'strict-dynamic'";

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aPolicyWrittenAtAFlushThatDoesNotCommitIsJudgedAtTheMarker(String container) throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("review-client").build());
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog();
                TestServer server = TestServer.withErrorPage(container, (classes, ctx) -> {
                    ctx.addFilter("etag", (Filter) (rq, rs, chain) -> {
                        Caching caching = new Caching((HttpServletResponse) rs);
                        chain.doFilter(rq, caching);
                        caching.copyBodyToResponse();
                    }).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
                    ctx.addFilter("security", new CommitHeadersFilter("Content-Security-Policy", POLICY))
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                    ctx.addFilter("embeddable", new EmbeddableFilter(embeddable, InjectionRules.builder().injectedHeader("X-Injected").build(), NonceResolver.defaults()))
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                    ctx.addServlet("pages", new PageServlet()).addMapping("/page");
                })) {
            List<String> said = log.lines();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url("/page?chunk=16&flushAt=32"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Security-Policy")).as("the page's policy").hasValue(POLICY);
            assertThat(page.headers().firstValue("X-Injected")).as("injected").isPresent();
            assertThat(said).as("the policy refuses the widget's tags: said in the log")
                    .anyMatch(m -> m.contains("strict-dynamic"));
        }
    }

    /** As Spring's ContentCachingResponseWrapper: the body is kept until the filter copies it, flushes go nowhere. */
    static final class Caching extends HttpServletResponseWrapper {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private ServletOutputStream out;
        private PrintWriter writer;

        Caching(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (out == null) {
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        content.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        content.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
            return out;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(content, getCharacterEncoding()));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush(); // do not flush the underlying response as the content has not been copied to it yet
            }
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        void copyBodyToResponse() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            HttpServletResponse raw = (HttpServletResponse) getResponse();
            raw.setContentLength(content.size());
            raw.getOutputStream().write(content.toByteArray());
            raw.flushBuffer();
        }
    }
}
