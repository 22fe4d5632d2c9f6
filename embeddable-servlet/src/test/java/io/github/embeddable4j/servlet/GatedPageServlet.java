package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a page in two halves with a wait between them, to hold many requests in flight at once: it writes the page
 * up to the middle of its real {@code </head>} (so the injector holds bytes across the wait), goes async, and writes
 * the rest in chunks of {@code chunk} from a small fixed pool once {@code width} requests of the same {@code round}
 * have arrived (or after 30 seconds). Query parameters: round, width, size, api (stream|writer), nonce (put in the
 * request attribute {@code _csp_nonce}), chunk. {@link Gate#maxInFlight} tells how many were in flight together.
 */
public class GatedPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Map<String, Gate> GATES = new ConcurrentHashMap<>();
    /** Fixed and started up front, so the JVM's thread count does not move with the load. */
    private static final ExecutorService WRITERS = writers();

    /** One round of requests held together. */
    static final class Gate {
        final int width;
        final AtomicInteger arrived = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CompletableFuture<Void> open = new CompletableFuture<>();

        Gate(int width) {
            this.width = width;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String nonce = req.getParameter("nonce");
        if (nonce != null) {
            req.setAttribute("_csp_nonce", nonce);
        }
        int width = Integer.parseInt(req.getParameter("width"));
        Gate gate = GATES.computeIfAbsent(req.getParameter("round"), r -> new Gate(width));
        String page = TestPages.page(Integer.parseInt(req.getParameter("size")));
        int chunk = Integer.parseInt(req.getParameter("chunk"));
        boolean writer = "writer".equals(req.getParameter("api"));
        resp.setContentType("text/html;charset=UTF-8");
        AsyncContext async = req.startAsync();
        async.setTimeout(120_000);
        Part part;
        if (writer) {
            Writer w = resp.getWriter();
            int cut = page.lastIndexOf("</head>") + 3;
            w.write(page, 0, cut);
            part = (from, to) -> w.write(page, from, to - from);
            gate(gate, async, part, cut, page.length(), chunk);
        } else {
            byte[] bytes = TestPages.utf8Page(Integer.parseInt(req.getParameter("size")));
            OutputStream out = resp.getOutputStream();
            int cut = TestPages.realHeadEnd(bytes) + 3;
            out.write(bytes, 0, cut);
            part = (from, to) -> out.write(bytes, from, to - from);
            gate(gate, async, part, cut, bytes.length, chunk);
        }
    }

    private interface Part {
        void write(int from, int to) throws IOException;
    }

    private static void gate(Gate gate, AsyncContext async, Part part, int from, int length, int chunk) {
        int now = gate.inFlight.incrementAndGet();
        gate.maxInFlight.accumulateAndGet(now, Math::max);
        if (gate.arrived.incrementAndGet() >= gate.width) {
            gate.open.complete(null);
        }
        gate.open.copy().orTimeout(30, TimeUnit.SECONDS).whenCompleteAsync((v, timedOut) -> {
            try {
                for (int at = from; at < length; at += chunk) {
                    part.write(at, Math.min(length, at + chunk));
                }
            } catch (IOException e) {
                // the client went away; the container reports it
            } finally {
                gate.inFlight.decrementAndGet();
                async.complete();
            }
        }, WRITERS);
    }

    private static ExecutorService writers() {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "gated-page-writer");
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
        return pool;
    }
}
