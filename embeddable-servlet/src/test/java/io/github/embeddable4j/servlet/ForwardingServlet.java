package io.github.embeddable4j.servlet;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Starts a response, then forwards to {@code /page} (whose query parameters come from {@code target}), which the
 * container must write as if nothing had been written before: the partial output is still in the buffer, so the
 * forward discards it. Query parameters: via ({@code request}: {@code request.getRequestDispatcher},
 * {@code context}: {@code getServletContext().getRequestDispatcher}, {@code named}: {@code getNamedDispatcher("pages")},
 * which keeps this request's parameters), junk (what is written first: {@code held}
 * ends in the start of a {@code </head>}, {@code injected} contains a whole head, {@code text} is plain text),
 * api (stream|writer, for the junk), target (the query string for the page).
 */
public class ForwardingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String junk = switch (req.getParameter("junk")) {
            case "held" -> "<html><head><title>discarded</title></he";
            case "injected" -> "<html><head><title>discarded</title></head><body><p>discarded";
            case "text" -> "plain text, discarded <";
            default -> throw new IllegalArgumentException("junk");
        };
        resp.setContentType(("text".equals(req.getParameter("junk")) ? "text/plain" : "text/html") + ";charset=UTF-8");
        if ("writer".equals(req.getParameter("api"))) {
            resp.getWriter().write(junk);
        } else {
            resp.getOutputStream().write(junk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String path = "/page?" + req.getParameter("target");
        RequestDispatcher dispatcher = switch (req.getParameter("via")) {
            case "context" -> getServletContext().getRequestDispatcher(path);
            case "named" -> getServletContext().getNamedDispatcher("pages"); // with this request's parameters
            default -> req.getRequestDispatcher(path);
        };
        dispatcher.forward(req, resp);
    }
}
