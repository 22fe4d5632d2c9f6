package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes the page from another thread after {@code startAsync}, then completes. {@code via=wrapped}: startAsync()
 * and write through the response the servlet was given; {@code via=context}: startAsync(req, resp) and write
 * through {@code AsyncContext.getResponse()}.
 */
public class AsyncPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient ExecutorService executor = Executors.newCachedThreadPool();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        boolean viaContext = "context".equals(req.getParameter("via"));
        AsyncContext ctx = viaContext ? req.startAsync(req, resp) : req.startAsync();
        executor.submit(() -> {
            try {
                Thread.sleep(20);
                HttpServletResponse target = viaContext ? (HttpServletResponse) ctx.getResponse() : resp;
                PageServlet.writePage(req, target);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                ctx.complete();
            }
            return null;
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
