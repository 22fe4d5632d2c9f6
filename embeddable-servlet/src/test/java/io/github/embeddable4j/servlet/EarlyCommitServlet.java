package io.github.embeddable4j.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Responses whose headers are sent before their first byte (a review's cases): a download that calls
 * {@code flushBuffer()} before its bytes, a HEAD of a script answered with headers and a flush (Spring's static
 * resources), a 304 flushed (Spring's {@code ResponseEntity} whose ETag matched), and a forward to a 304 that the
 * container commits at the forward's end. {@code ?case=} picks one.
 */
final class EarlyCommitServlet extends HttpServlet {

    static final byte[] PDF = "%PDF-1.4 fake report ".repeat(200).getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String which = req.getServletPath().equals("/early-target") ? "target" : String.valueOf(req.getParameter("case"));
        switch (which) {
            case "download" -> {
                resp.setContentType("application/pdf");
                resp.setContentLength(PDF.length);
                resp.setHeader("ETag", "\"v1\"");
                resp.setDateHeader("Last-Modified", 1_700_000_000_000L);
                resp.setHeader("Accept-Ranges", "bytes");
                resp.flushBuffer();
                if (!"HEAD".equals(req.getMethod())) {
                    resp.getOutputStream().write(PDF);
                }
            }
            case "script" -> {
                resp.setContentType("text/javascript");
                resp.setHeader("ETag", "\"js1\"");
                resp.setDateHeader("Last-Modified", 1_700_000_000_000L);
                resp.setContentLength(1234);
                resp.flushBuffer();
            }
            case "not-modified" -> {
                resp.setStatus(304);
                resp.setHeader("ETag", "\"api-7\"");
                resp.flushBuffer();
            }
            case "forward" -> req.getRequestDispatcher("/early-target").forward(req, resp);
            case "target" -> { // a static-file servlet's 304, not flushed: the forward's end commits it
                resp.setStatus(304);
                resp.setHeader("ETag", "\"f-9\"");
                resp.setDateHeader("Last-Modified", 1_700_000_000_000L);
            }
            default -> resp.sendError(400);
        }
    }
}
