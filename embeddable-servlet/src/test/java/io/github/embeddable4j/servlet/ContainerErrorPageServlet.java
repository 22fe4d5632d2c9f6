package io.github.embeddable4j.servlet;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's error page, where the container sends every error: an HTML page naming the status. */
public class ContainerErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static String page(int status) {
        return "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Error " + status + "</h1></body></html>";
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(page(status instanceof Integer code ? code : 0));
    }
}
