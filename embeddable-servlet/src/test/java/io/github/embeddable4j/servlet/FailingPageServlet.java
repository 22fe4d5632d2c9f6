package io.github.embeddable4j.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes the first {@code cut} units (bytes through the stream, characters through the writer) of a page of
 * {@code size}, optionally calling {@code flushBuffer()} after {@code flushAt} of them, then fails: {@code kind} is
 * {@code runtime}, {@code io} or {@code servlet}, the exception an application throws after partial output.
 */
public class FailingPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "application failure after partial output";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String page = TestPages.page(Integer.parseInt(req.getParameter("size")));
        int cut = Integer.parseInt(req.getParameter("cut"));
        int flushAt = Integer.parseInt(param(req, "flushAt", "-1"));
        resp.setContentType("text/html;charset=UTF-8");
        if ("writer".equals(req.getParameter("api"))) {
            PrintWriter w = resp.getWriter();
            if (flushAt > 0 && flushAt < cut) {
                w.write(page, 0, flushAt);
                resp.flushBuffer();
                w.write(page, flushAt, cut - flushAt);
            } else {
                w.write(page, 0, cut);
            }
        } else {
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            OutputStream out = resp.getOutputStream();
            if (flushAt > 0 && flushAt < cut) {
                out.write(bytes, 0, flushAt);
                resp.flushBuffer();
                out.write(bytes, flushAt, cut - flushAt);
            } else {
                out.write(bytes, 0, cut);
            }
        }
        switch (req.getParameter("kind")) {
            case "io" -> throw new IOException(MESSAGE);
            case "servlet" -> throw new ServletException(MESSAGE);
            default -> throw new IllegalStateException(MESSAGE);
        }
    }

    private static String param(HttpServletRequest req, String name, String dflt) {
        String v = req.getParameter(name);
        return v == null ? dflt : v;
    }
}
