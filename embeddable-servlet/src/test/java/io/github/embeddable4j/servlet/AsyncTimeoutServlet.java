package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Starts async work, writes the first part of a page and lets the async timeout fire; an {@link AsyncListener}
 * writes the rest in {@code onTimeout} and completes through {@code event.getAsyncContext().complete()}.
 * Query parameters: doc ({@code fragment}: {@link #FRAGMENT}, else a page of {@code size} characters),
 * cut (how many characters go out before the timeout; {@code inhead}: up to the middle of the real
 * {@code </head>}; {@code fragment}: the fragment's first paragraph),
 * api (stream|writer), listener ({@code context}: added through the application's {@code AsyncContext};
 * {@code container}: added to the container's own context, found by unwrapping the request, as a framework
 * outside the filter would; {@code none}: no listener, so the container ends the response on timeout).
 */
public class AsyncTimeoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** A document without a marker that ends in what could start one, so its last 5 bytes are held to the end. */
    static final String FRAGMENT = "<p>before the timeout</p><p>after it</p></bod";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String page = "fragment".equals(req.getParameter("doc")) ? FRAGMENT
                : TestPages.page(Integer.parseInt(req.getParameter("size")));
        int cut = switch (req.getParameter("cut")) {
            case "inhead" -> page.lastIndexOf("</head>") + 3;
            case "fragment" -> FRAGMENT.indexOf("<p>after");
            default -> Integer.parseInt(req.getParameter("cut"));
        };
        boolean writer = "writer".equals(req.getParameter("api"));
        resp.setContentType("text/html;charset=UTF-8");
        AsyncContext async = req.startAsync();
        async.setTimeout(200);
        write(resp, writer, page.substring(0, cut));
        AsyncListener listener = new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                write(resp, writer, page.substring(cut));
                event.getAsyncContext().complete();
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        };
        if ("none".equals(req.getParameter("listener"))) {
            return; // nobody finishes the response: the container does, on timeout
        }
        if ("container".equals(req.getParameter("listener"))) {
            ServletRequest r = req;
            while (r instanceof ServletRequestWrapper w) {
                r = w.getRequest();
            }
            r.getAsyncContext().addListener(listener);
        } else {
            async.addListener(listener);
        }
    }

    private static void write(HttpServletResponse resp, boolean writer, String text) throws IOException {
        if (writer) {
            resp.getWriter().write(text);
        } else {
            resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String param(HttpServletRequest req, String name, String dflt) {
        String v = req.getParameter(name);
        return v == null ? dflt : v;
    }
}
