package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page carrying the one-time code and verifier is {@code Cache-Control: no-store}, and so are the cache headers
 * CDNs read in its place (RFC 9213's {@code CDN-Cache-Control}, which wins over Cache-Control for the caches it
 * targets; {@code Surrogate-Control}). They went out as the application set them for its shared page, so a CDN could
 * have served this visitor's code to the next (found by a review).
 */
class HandoffCdnCacheTest {

    /** A page the same for every visitor, which the application lets its CDN keep. */
    static final class CdnCachedPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.setHeader("Cache-Control", "public, max-age=60");
            resp.setHeader("CDN-Cache-Control", "public, max-age=600");
            resp.setHeader("Surrogate-Control", "max-age=600");
            resp.getWriter().write(TestPages.page(500));
        }
    }

    @Test
    void theHandoffPageIsNotLeftStorableForACdn() throws Exception {
        try (LoginTestApp app = LoginTestApp.start(TestServer::jetty, LoginTestApp::sessionUser,
                ctx -> ctx.addServlet("cdn", new CdnCachedPage()).addMapping("/cdn"))) {
            LoginHandoffContractTest.Browser browser = new LoginHandoffContractTest.Browser(app);
            browser.signInToTheApp("alice");
            HttpResponse<String> plain = browser.get("/cdn"); // without a handoff: what the application set
            assertThat(plain.headers().firstValue("CDN-Cache-Control")).hasValue("public, max-age=600");
            assertThat(plain.headers().firstValue("Surrogate-Control")).hasValue("max-age=600");
            HttpResponse<String> callback = browser.get(browser.connectAndAuthorize("/cdn"));
            assertThat(callback.statusCode()).isEqualTo(303);
            HttpResponse<String> page = browser.get(LoginHandoffContractTest.location(callback));
            Map<String, String> handoff = LoginHandoffContractTest.assertHandoff(page); // the code and verifier are in it
            assertThat(handoff.get("authorizationCode")).isNotBlank();
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("CDN-Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("Surrogate-Control")).hasValue("no-store");
        }
    }
}
