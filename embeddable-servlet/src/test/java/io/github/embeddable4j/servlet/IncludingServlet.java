package io.github.embeddable4j.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the start of a head, includes {@code /page} for a fragment of it (a meta tag, written without closing),
 * then writes the rest of the page. Query parameter: api (stream|writer, for both).
 */
public class IncludingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BEFORE = "<!DOCTYPE html><html><head><title>with an include</title>";
    static final String INCLUDED = "<meta name=\"included\" content=\"1\">";
    static final String AFTER = "</head><body><p>after the include</p></body></html>\n";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        boolean writer = "writer".equals(req.getParameter("api"));
        resp.setContentType("text/html;charset=UTF-8");
        write(resp, writer, BEFORE);
        String included = java.net.URLEncoder.encode(INCLUDED, StandardCharsets.UTF_8);
        req.getRequestDispatcher("/page?size=0&close=0&tail=" + included).include(req, resp);
        write(resp, writer, AFTER);
    }

    private static void write(HttpServletResponse resp, boolean writer, String text) throws IOException {
        if (writer) {
            resp.getWriter().write(text);
        } else {
            resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
