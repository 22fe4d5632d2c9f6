package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servlet API corners a response wrapper must honour, on each container (found by a review; each failed before its
 * fix). Every case is first run on a path the
 * filter excludes ({@code /raw/...}): that is what the container alone does, and the filtered path must do the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServletApiCornersTest {

    static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("test-client").build());
    static final String SNIPPET = EMBEDDABLE.scriptTag();

    /** What the streaming servlet saw: whether PrintWriter.checkError() ever reported the client gone. */
    static final Map<String, CompletableFuture<Boolean>> SAW_ERROR = new ConcurrentHashMap<>();

    private final Map<String, TestServer> servers = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer server(String container) throws Exception {
        TestServer s = servers.get(container);
        if (s == null) {
            ServletContainerInitializer setup = (classes, ctx) -> {
                EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE,
                        InjectionRules.builder().exclude("/raw/*").build(), NonceResolver.defaults()));
                ctx.addServlet("resetCharset", new ResetCharsetServlet()).addMapping("/reset-charset", "/raw/reset-charset");
                ctx.addServlet("events", new EventStreamServlet()).addMapping("/events", "/raw/events");
                ctx.addServlet("byteBuffer", new ByteBufferServlet()).addMapping("/byte-buffer", "/raw/byte-buffer");
                ctx.addServlet("keptBody", new KeptBodyRedirectServlet()).addMapping("/kept-body", "/raw/kept-body");
                ctx.addServlet("charsetMidPage", new CharsetMidPageServlet()).addMapping("/charset-mid-page");
            };
            s = switch (container) {
                case "jetty" -> TestServer.jetty(setup);
                case "tomcat" -> TestServer.tomcat(setup);
                default -> TestServer.undertow(setup);
            };
            servers.put(container, s);
        }
        return s;
    }

    @AfterAll
    void stop() throws Exception {
        for (TestServer s : servers.values()) {
            s.close();
        }
    }

    // ---- 1. reset() then getWriter() with another charset ----------------------------------------------------

    /**
     * Starts as text/plain in ISO-8859-1 through the writer, then resets (an error handler throwing away a started
     * answer) and writes a UTF-8 page through getWriter() again. Servlet 6: reset() clears the getWriter() state, and the
     * container hands out a writer for the new charset.
     */
    static final class ResetCharsetServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=ISO-8859-1");
            resp.getWriter().write("junk that must not be sent");
            resp.reset();
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(TestPages.page(1024));
        }
    }

    @ParameterizedTest(name = "{0}: a writer taken again after reset() writes the new charset")
    @ValueSource(strings = {"jetty", "undertow"}) // Tomcat 11 itself keeps the first writer's charset after reset()
    void aWriterTakenAgainAfterResetWritesTheNewCharset(String container) throws Exception {
        TestServer server = server(container);
        String page = TestPages.page(1024);
        HttpResponse<byte[]> raw = client.send(HttpRequest.newBuilder(URI.create(server.url("/raw/reset-charset"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(raw.body(), UTF_8)).as("the container alone").isEqualTo(page);

        HttpResponse<byte[]> filtered = client.send(HttpRequest.newBuilder(URI.create(server.url("/reset-charset"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(filtered.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("charset=utf-8");
        assertThat(new String(filtered.body(), UTF_8)).as("through the filter")
                .isEqualTo(HtmlInjection.inject(page, SNIPPET, InjectionPoint.HEAD_END));
    }

    /**
     * A page that changes its charset to UTF-16 after its first bytes, through Servlet 6.1's
     * {@code setCharacterEncoding(Charset)} or the text form: an ASCII snippet does not belong in it, whichever form.
     * The {@code Charset} form went straight to the container, so the wrapper still injected.
     */
    static final class CharsetMidPageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            OutputStream out = resp.getOutputStream();
            out.write("<html><head><title>t</title>".getBytes(UTF_8));
            if ("charset".equals(req.getParameter("form"))) {
                resp.setCharacterEncoding(StandardCharsets.UTF_16);
            } else {
                resp.setCharacterEncoding("UTF-16");
            }
            out.write("</head><body>x</body></html>".getBytes(UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}: setCharacterEncoding(Charset) counts as a change, as the text form does")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void aCharsetSetAsACharsetMidPageIsJudgedAgain(String container) throws Exception {
        TestServer server = server(container);
        for (String form : new String[] {"text", "charset"}) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(server.url("/charset-mid-page?form=" + form)))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(form).containsIgnoringCase("UTF-16");
            assertThat(page.body()).as(form).isEqualTo("<html><head><title>t</title></head><body>x</body></html>");
        }
    }

    // ---- 2. PrintWriter.checkError() after the client went away ----------------------------------------------

    /**
     * A server-sent event stream through the writer, as plain servlets write one: it sends an event every 10 ms
     * until {@code PrintWriter.checkError()} says the client is gone (the documented way: PrintWriter swallows the
     * IOException). It gives up after 10 s so the test cannot hang.
     */
    static final class EventStreamServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            CompletableFuture<Boolean> result = SAW_ERROR.computeIfAbsent(req.getParameter("id"), k -> new CompletableFuture<>());
            resp.setContentType("text/event-stream;charset=UTF-8");
            PrintWriter w = resp.getWriter();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String padding = "x".repeat(4096);
            while (System.nanoTime() < end) {
                w.write("data: " + padding + "\n\n");
                w.flush();
                if (w.checkError()) {
                    result.complete(true);
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            result.complete(false);
        }
    }

    /** Connects, reads the headers and a little of the stream, then drops the connection with a reset. */
    private static void readAFewEventsAndLeave(TestServer server, String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int total = 0;
            while (total < 16384) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            socket.setSoLinger(true, 0); // a reset, as a closed browser tab
        }
    }

    @ParameterizedTest(name = "{0}: PrintWriter.checkError() reports a client that left")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void checkErrorReportsAClientThatLeft(String container) throws Exception {
        TestServer server = server(container);
        String rawId = container + "-raw";
        readAFewEventsAndLeave(server, "/raw/events?id=" + rawId);
        assertThat(SAW_ERROR.computeIfAbsent(rawId, k -> new CompletableFuture<>()).get(15, TimeUnit.SECONDS))
                .as("the container alone: checkError() turns true once the client is gone").isTrue();

        String id = container + "-filtered";
        readAFewEventsAndLeave(server, "/events?id=" + id);
        assertThat(SAW_ERROR.computeIfAbsent(id, k -> new CompletableFuture<>()).get(15, TimeUnit.SECONDS))
                .as("through the filter's writer: checkError() turns true once the client is gone").isTrue();
    }

    // ---- 3. ServletOutputStream.write(ByteBuffer) in blocking mode (Servlet 6.1) ----------------------------------

    /** A page written in one ByteBuffer, in plain blocking mode (no async, no WriteListener). */
    static final class ByteBufferServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getOutputStream().write(java.nio.ByteBuffer.wrap(TestPages.page(1024).getBytes(UTF_8)));
        }
    }

    @ParameterizedTest(name = "{0}: write(ByteBuffer) in blocking mode")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void aByteBufferWrittenInBlockingModeArrives(String container) throws Exception {
        TestServer server = server(container);
        String page = TestPages.page(1024);
        HttpResponse<byte[]> raw = client.send(HttpRequest.newBuilder(URI.create(server.url("/raw/byte-buffer"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).as("the container alone").isEqualTo(200);
        assertThat(new String(raw.body(), UTF_8)).as("the container alone").isEqualTo(page);

        HttpResponse<byte[]> filtered = client.send(HttpRequest.newBuilder(URI.create(server.url("/byte-buffer"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(filtered.statusCode()).as("through the filter").isEqualTo(200);
        assertThat(new String(filtered.body(), UTF_8)).as("through the filter")
                .isEqualTo(HtmlInjection.inject(page, SNIPPET, InjectionPoint.HEAD_END));
    }

    // ---- 4. Servlet 6.1's sendRedirect(location, false): the body written so far is the redirect's ---------------

    /** Writes a little page whose last units could begin {@code </head>}, then redirects keeping that body. */
    static final class KeptBodyRedirectServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(KEPT_BODY);
            resp.sendRedirect("/elsewhere", false); // Tomcat then takes no more output
        }
    }

    static final String KEPT_BODY = "<!DOCTYPE html><html><head><title>Moved</title></he";

    @ParameterizedTest(name = "{0}: sendRedirect(location, false) keeps every unit written")
    @ValueSource(strings = {"tomcat"}) // the Servlet 6.1 container of the three
    void aRedirectThatKeepsItsBodyKeepsTheUnitsHeldForAMarker(String container) throws Exception {
        TestServer server = server(container);
        for (String path : new String[] {"/raw/kept-body", "/kept-body"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.body()).as(path).isEqualTo(KEPT_BODY);
        }
    }
}
