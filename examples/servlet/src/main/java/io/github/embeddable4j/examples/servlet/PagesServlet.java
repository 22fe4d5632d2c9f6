package io.github.embeddable4j.examples.servlet;

import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves the example's HTML pages from the classpath. The pages know nothing about the widget. */
final class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> PAGES = Map.of(
            "/", "/pages/contacts.html",
            "/about", "/pages/about.html",
            "/no-widget", "/pages/no-widget.html");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String resource = PAGES.get(req.getServletPath());
        if (resource == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (req.getServletPath().equals("/no-widget")) {
            EmbeddableFilter.skip(req); // this one page opts out
        }
        resp.setContentType("text/html;charset=UTF-8");
        try (InputStream in = PagesServlet.class.getResourceAsStream(resource)) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
