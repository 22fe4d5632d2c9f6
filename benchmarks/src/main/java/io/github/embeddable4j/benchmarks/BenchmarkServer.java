package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The servlet example's setup (Jetty 12, a page servlet, {@link EmbeddableFilter}) serving the same pages five
 * ways: {@code /none/...} without a filter, {@code /noop/...} through a filter that does nothing, {@code /wrap/...}
 * through one that wraps the response's output stream and passes every byte on, {@code /stream/...} through
 * EmbeddableFilter, {@code /naive/...} through {@link NaiveBufferingFilter}. Pages: {@code page-50k} and
 * {@code page-1m}, written in 8 KB chunks. {@link TomcatBenchmarkServer} serves the same on Tomcat 11.
 */
final class BenchmarkServer implements PageServer {

    static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("benchmark-client").build());
    static final byte[] PAGE_50K = page(50 * 1024).getBytes(StandardCharsets.UTF_8);
    static final byte[] PAGE_1M = page(1024 * 1024).getBytes(StandardCharsets.UTF_8);

    // A fixed pool: threads that expire mid-run would take their allocation counts with them.
    private final Server server = new Server(new QueuedThreadPool(32, 32, 3_600_000));
    private final ServerConnector connector = new ServerConnector(server);

    BenchmarkServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, ctx) -> registerVariants(ctx));
        server.setHandler(context);
        server.start();
    }

    /** The filters and the page servlet of every variant; the same for both containers. */
    static void registerVariants(jakarta.servlet.ServletContext ctx) {
        ctx.addFilter("stream", new EmbeddableFilter(EMBEDDABLE))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/stream/*");
        ctx.addFilter("naive", new NaiveBufferingFilter(EMBEDDABLE))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/naive/*");
        // A filter that does nothing: what any filter costs in this container, for scale.
        ctx.addFilter("noop", (Filter) (req, res, chain) -> chain.doFilter(req, res))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/noop/*");
        // A filter that only wraps the response's stream, passing every byte through: what wrapping costs.
        ctx.addFilter("wrap", new PassThroughWrappingFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/wrap/*");
        ctx.addServlet("pages", new PageServlet()).addMapping("/none/*", "/noop/*", "/wrap/*", "/stream/*", "/naive/*");
    }

    @Override
    public String url(String variant, String page) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/" + variant + "/" + page;
    }

    @Override
    public String container() {
        return "jetty";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static String page(int size) {
        StringBuilder sb = new StringBuilder(size + 128);
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Contacts</title>")
                .append("<link rel=\"stylesheet\" href=\"/app.css\"></head><body><table>\n");
        int i = 0;
        while (sb.length() < size - 40) {
            sb.append("<tr><td>Contact ").append(i).append("</td><td><a href=\"tel:+1650555").append(1000 + i % 9000)
                    .append("\">call</a></td></tr>\n");
            i++;
        }
        return sb.append("</table></body></html>\n").toString();
    }

    /** Writes a pre-rendered page in 8 KB chunks, as a template engine would. */
    static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] page = req.getPathInfo().equals("/page-1m") ? PAGE_1M : PAGE_50K;
            resp.setContentType("text/html;charset=UTF-8");
            var out = resp.getOutputStream();
            for (int off = 0; off < page.length; off += 8192) {
                out.write(page, off, Math.min(8192, page.length - off));
            }
        }
    }
}
