package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A page that sends 103 Early Hints (a preload) before itself, as Tomcat and Jetty allow through sendError(103). */
final class EarlyHintsPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Link", "</style.css>; rel=preload; as=style");
        resp.sendError(103);
        resp.getWriter().write(TestPages.page(1000));
    }
}
