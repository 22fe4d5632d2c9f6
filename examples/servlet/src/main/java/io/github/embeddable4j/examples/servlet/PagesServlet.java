package io.github.embeddable4j.examples.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Serves the example's HTML pages from the classpath. The pages know nothing about the widget. */
final class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> PAGES = Map.of(
            "/", "/pages/contacts.html",
            "/about", "/pages/about.html",
            "/no-widget", "/pages/no-widget.html",
            "/strict-csp", "/pages/strict-csp.html",
            "/xhtml", "/pages/xhtml.xhtml");

    private final transient Embeddable embeddable;

    PagesServlet(Embeddable embeddable) {
        this.embeddable = embeddable;
    }

    /**
     * Pages answer GET and HEAD; any other method a 405, where HttpServlet would echo a TRACE request's headers (cookies
     * included) and answer an unknown method with a 501 (an endpoint audit).
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException, IOException {
        if (req.getMethod().equals("GET") || req.getMethod().equals("HEAD")) {
            super.service(req, resp);
            return;
        }
        resp.setHeader("Allow", "GET, HEAD");
        resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

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
        if (req.getServletPath().equals("/strict-csp")) {
            strictPolicy(req, resp);
        }
        // The XHTML page is read by the browser as XML (as a Facelets page served so is).
        resp.setContentType((resource.endsWith(".xhtml") ? "application/xhtml+xml" : "text/html") + ";charset=UTF-8");
        try (InputStream in = PagesServlet.class.getResourceAsStream(resource)) {
            in.transferTo(resp.getOutputStream());
        }
    }

    /**
     * A strict, nonce-based policy: no inline script, no script from another origin, unless it carries this
     * response's nonce. The filter reads the nonce from the request attribute {@code _csp_nonce} and puts it on the
     * loader; the widget's own sources (its frame origins, its styles) are merged in from the configuration.
     */
    private void strictPolicy(HttpServletRequest req, HttpServletResponse resp) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        req.setAttribute("_csp_nonce", nonce);
        String policy = "default-src 'self'; script-src 'nonce-" + nonce + "' 'strict-dynamic'; object-src 'none';"
                + " base-uri 'none'; frame-ancestors 'none'";
        resp.setHeader("Content-Security-Policy", embeddable.contentSecurityPolicy().mergeInto(policy));
        resp.setHeader("Permissions-Policy", embeddable.permissionsPolicy());
    }
}
