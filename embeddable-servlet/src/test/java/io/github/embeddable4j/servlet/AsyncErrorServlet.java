package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What Spring MVC does when a {@code DeferredResult} times out: async work started with the request and response it
 * was given (so wrapped ones), dispatched back, and in that ASYNC dispatch an error status sent with
 * {@code sendError(503)}; the container then renders its error page. Undertow hands the error dispatch the response
 * given to {@code startAsync}, which is the filter's wrapper; Jetty and Tomcat give a fresh one.
 */
public class AsyncErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            resp.sendError(503);
            return;
        }
        AsyncContext async = req.startAsync(req, resp);
        async.dispatch();
    }
}
