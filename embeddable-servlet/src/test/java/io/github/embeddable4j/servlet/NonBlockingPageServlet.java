package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a page with Servlet 3.1 non-blocking output, the way the API asks: only while {@code isReady()} is true.
 * Query parameters: size, doc ({@code fragment}: paragraphs without a marker, else a whole page), tail (appended to the page), chunk (write size, 0 = the whole page in one write),
 * split (1 = the first write ends inside the real {@code </head>}), end ({@code now}: complete() right after the last
 * write, even if the container is not ready; {@code ready}: complete() in the next onWritePossible),
 * id (the key under which {@link #NOT_READY} counts how often the container was not ready).
 */
public class NonBlockingPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Per request id: how many times {@code isReady()} answered false, so a test knows the container pushed back. */
    static final Map<String, Integer> NOT_READY = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int size = Integer.parseInt(req.getParameter("size"));
        String doc = "fragment".equals(req.getParameter("doc")) ? TestPages.noisyFragment(size) : TestPages.noisyPage(size);
        byte[] page = (doc + param(req, "tail", "")).getBytes(StandardCharsets.UTF_8);
        int chunk = Integer.parseInt(param(req, "chunk", "0"));
        int firstCut = "1".equals(req.getParameter("split")) ? TestPages.realHeadEnd(page) + 3 : -1;
        boolean completeRightAway = "now".equals(param(req, "end", "now"));
        String id = param(req, "id", "none");
        NOT_READY.put(id, 0);
        resp.setContentType("text/html;charset=UTF-8");
        AsyncContext async = req.startAsync();
        ServletOutputStream out = resp.getOutputStream();
        out.setWriteListener(new WriteListener() {
            private int written;

            @Override
            public void onWritePossible() throws IOException {
                while (out.isReady()) {
                    if (written == page.length) {
                        async.complete();
                        return;
                    }
                    int end = chunk <= 0 ? page.length : Math.min(page.length, written + chunk);
                    if (written < firstCut && end > firstCut) {
                        end = firstCut;
                    }
                    out.write(page, written, end - written);
                    written = end;
                    if (written == page.length && completeRightAway) {
                        async.complete();
                        return;
                    }
                }
                NOT_READY.merge(id, 1, Integer::sum);
            }

            @Override
            public void onError(Throwable t) {
                async.complete();
            }
        });
    }

    private static String param(HttpServletRequest req, String name, String dflt) {
        String v = req.getParameter(name);
        return v == null ? dflt : v;
    }
}
