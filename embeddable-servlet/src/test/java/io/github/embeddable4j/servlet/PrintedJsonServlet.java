package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** JSON printed through the output stream's {@code print(String)}, in a UTF-8 response. */
final class PrintedJsonServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.getOutputStream().print("{\"name\":\"" + req.getParameter("name") + "\"}");
    }
}
