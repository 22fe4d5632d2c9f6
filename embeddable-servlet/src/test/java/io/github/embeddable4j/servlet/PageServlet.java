package io.github.embeddable4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a test page the way a given kind of application would, driven by query parameters:
 * size, api (stream|writer), charset, type, late (content type after the first write), cl (how Content-Length is
 * set), close (0 = never closes), chunk (write size), flushAt (flushBuffer() after that many units), status,
 * gzip ({@code 1}, or {@code late}: Content-Encoding set after the first bytes), nonce, optout, reset (write junk, reset, then the page), tail (appended to the page), doc ({@code fragment}:
 * paragraphs only, as an htmx or Turbo partial), headOnly (HEAD answered with headers only; relay: and flushed), headerAtCommit (a header
 * set right after flushAt's flush), validators (ETag, Last-Modified and Accept-Ranges, as a static-file servlet sets),
 * disposition (a Content-Disposition header), reportOnly (the policy as Content-Security-Policy-Report-Only), policyAfter
 * (the policy set after the first write, before the head ends).
 */
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        writePage(req, resp);
    }

    /** A form answered with a whole page (or, with doc=fragment, a partial), as POST and PUT. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        writePage(req, resp);
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        writePage(req, resp);
    }

    /** With headOnly=1, as a static-file servlet answers HEAD: the headers, with the page's length, and no body. */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
        String headOnly = req.getParameter("headOnly");
        if (!"1".equals(headOnly) && !"relay".equals(headOnly)) {
            super.doHead(req, resp);
            return;
        }
        Params p = new Params(req);
        setType(resp, p);
        if (p.validators) {
            setValidators(resp);
        }
        setLength(resp, p.cl, p.encoded(p.page()).length);
        if ("relay".equals(headOnly)) {
            // As a proxy relays an upstream's HEAD (Spring Cloud Gateway's MVC flavour): its empty body copied, then flushed.
            resp.getOutputStream().flush();
        }
    }

    private static void setValidators(HttpServletResponse resp) {
        resp.setHeader("ETag", "W/\"1024-1700000000000\"");
        resp.setDateHeader("Last-Modified", 1_700_000_000_000L);
        resp.setHeader("Accept-Ranges", "bytes");
    }

    static void writePage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Params p = new Params(req);
        if (p.nonce != null) {
            req.setAttribute(p.nonceName, p.nonce);
        }
        if (p.optout) {
            EmbeddableFilter.skip(req);
        }
        if (p.visitorSkip) { // as a filter of the application's (or the Spring starter) keeps a visitor's page without it
            EmbeddableFilter.skipForVisitor(req);
        }
        if (p.status == 304) {
            resp.setStatus(304);
            return;
        }
        if (p.status == 302) {
            resp.sendRedirect("/page");
            return;
        }
        if (p.status != 200) {
            resp.setStatus(p.status);
        }
        if (p.reset != null) {
            resp.setContentType("text/plain");
            resp.getOutputStream().write("junk that must not be sent".getBytes());
            if (p.reset.equals("buffer")) {
                resp.resetBuffer();
            } else {
                resp.reset();
            }
        }
        String page = p.page();
        byte[] bytes = p.gzip ? gzip(page.getBytes(p.charset)) : p.encoded(page);
        if (!p.late) {
            setType(resp, p);
        }
        if (p.disposition != null) { // a download, as a report or export controller sends one
            resp.setHeader("Content-Disposition", p.disposition);
        }
        if (p.policy != null && !p.policyAfter) { // the page's own policy, set before its first byte (as Wicket replays a buffered page's)
            setPolicy(resp, p);
        }
        if (p.validators) { // as a static-file servlet does
            setValidators(resp);
        }
        setLength(resp, p.cl, p.api.equals("writer") || p.gzip ? bytes.length : bytes.length);
        if (p.gzip && !p.gzipLate) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        if (p.gzipLate) {
            // As Tapestry's compression: the gzip header goes out before Content-Encoding is set (named apart here, as
            // the filter says each encoding once).
            ServletOutputStream out = resp.getOutputStream();
            out.write(bytes, 0, 10);
            resp.setHeader("Content-Encoding", "x-gzip-late");
            out.write(bytes, 10, bytes.length - 10);
            return;
        }
        if (p.api.equals("writer")) {
            if (p.late) {
                resp.setCharacterEncoding(p.charset.name()); // a writer's charset is fixed when it is taken
            }
            PrintWriter w = resp.getWriter();
            write(page.length(), p, (from, to) -> w.write(page, from, to - from), resp, p.late);
            if (p.close) {
                w.close();
            }
        } else {
            ServletOutputStream out = resp.getOutputStream();
            write(bytes.length, p, (from, to) -> out.write(bytes, from, to - from), resp, p.late);
            if (p.close) {
                out.close();
            }
        }
    }

    private interface Range {
        void write(int from, int to) throws IOException;
    }

    private static void write(int length, Params p, Range range, HttpServletResponse resp, boolean late) throws IOException {
        int chunk = p.chunk <= 0 ? Math.max(length, 1) : p.chunk;
        boolean typeSet = !late;
        for (int from = 0; from < length; ) {
            int to = Math.min(length, from + chunk);
            if (p.flushAt > from && p.flushAt < to) {
                to = p.flushAt;
            }
            range.write(from, to);
            if (!typeSet) {
                setType(resp, p); // the content type arrives after the first write
                typeSet = true;
            }
            if (p.policyAfter && from == 0) {
                setPolicy(resp, p); // the policy arrives after the first bytes, before the head ends
            }
            if (p.lateStatus != 0 && from == 0) {
                resp.setStatus(p.lateStatus); // the status changes after the first write (still buffered)
            }
            if (to == p.flushAt) {
                resp.flushBuffer();
                if (p.headerAtCommit) {
                    resp.setHeader("X-Written-At-Commit", "1"); // as Spring Security's header writer does
                }
            }
            from = to;
        }
        if (!typeSet) {
            setType(resp, p);
        }
    }

    private static void setPolicy(HttpServletResponse resp, Params p) {
        resp.setHeader(p.reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy", p.policy);
    }

    private static void setType(HttpServletResponse resp, Params p) {
        resp.setContentType(p.type + ";charset=" + p.charset.name());
    }

    private static void setLength(HttpServletResponse resp, String how, int length) {
        switch (how) {
            case "setContentLength" -> resp.setContentLength(length);
            case "setContentLengthLong" -> resp.setContentLengthLong(length);
            case "setHeader" -> resp.setHeader("Content-Length", String.valueOf(length));
            case "addHeader" -> resp.addHeader("content-length", String.valueOf(length));
            case "setIntHeader" -> resp.setIntHeader("Content-Length", length);
            case "addIntHeader" -> resp.addIntHeader("Content-Length", length);
            default -> { }
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** The query parameters, with their defaults. */
    static final class Params {
        final int size;
        final String api;
        final Charset charset;
        final String type;
        final boolean late;
        final String cl;
        final boolean close;
        final int chunk;
        final int flushAt;
        final int status;
        final boolean gzip;
        final boolean gzipLate;
        final String nonce;
        final String nonceName;
        final boolean optout;
        final boolean visitorSkip;
        final String reset;
        final String tail;
        final int lateStatus;
        final boolean fragment;
        final boolean headerAtCommit;
        final boolean validators;
        final String policy;
        final boolean reportOnly;
        final boolean policyAfter;
        final String disposition;

        Params(HttpServletRequest req) {
            size = Integer.parseInt(param(req, "size", "1024"));
            api = param(req, "api", "stream");
            charset = Charset.forName(param(req, "charset", "UTF-8"));
            type = param(req, "type", "text/html");
            late = param(req, "late", "0").equals("1");
            cl = param(req, "cl", "none");
            close = !param(req, "close", "1").equals("0");
            chunk = Integer.parseInt(param(req, "chunk", "8192"));
            flushAt = Integer.parseInt(param(req, "flushAt", "-1"));
            status = Integer.parseInt(param(req, "status", "200"));
            gzip = !param(req, "gzip", "0").equals("0");
            gzipLate = param(req, "gzip", "0").equals("late");
            nonce = req.getParameter("nonce");
            nonceName = param(req, "nonceName", "_csp_nonce");
            optout = param(req, "optout", "0").equals("1");
            visitorSkip = param(req, "visitorSkip", "0").equals("1");
            reset = req.getParameter("reset");
            tail = param(req, "tail", "");
            lateStatus = Integer.parseInt(param(req, "lateStatus", "0"));
            fragment = param(req, "doc", "page").equals("fragment");
            headerAtCommit = param(req, "headerAtCommit", "0").equals("1");
            validators = param(req, "validators", "0").equals("1");
            policy = req.getParameter("policy");
            reportOnly = param(req, "reportOnly", "0").equals("1");
            policyAfter = param(req, "policyAfter", "0").equals("1");
            disposition = req.getParameter("disposition");
        }

        /** The page's bytes; a large UTF-8 page without a tail comes from the cache, not encoded again per request. */
        byte[] encoded(String page) {
            boolean cached = tail.isEmpty() && size >= 1 << 20 && charset.equals(java.nio.charset.StandardCharsets.UTF_8);
            return cached ? TestPages.utf8Page(size) : page.getBytes(charset);
        }

        String page() {
            if (fragment) {
                return TestPages.noisyFragment(size) + tail;
            }
            return (charset.name().equals("ISO-8859-1") ? TestPages.latin1Page(size)
                    : charset.name().equals("Shift_JIS") ? TestPages.japanesePage(size) : TestPages.page(size)) + tail;
        }

        private static String param(HttpServletRequest req, String name, String dflt) {
            String v = req.getParameter(name);
            return v == null ? dflt : v;
        }
    }
}
