package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffContractTest.Browser;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A page that starts rendering and then redirects discards its output, so a login handoff it took must wait for the
 * next page (NOTES: "a page whose output is discarded before anything was sent ... gives it back"). The wrapper does
 * that in sendRedirect(String) only; Servlet 6.1's sendRedirect(String, int), (String, boolean) and
 * (String, int, boolean) go straight to the container, and the handoff is spent on a page nobody sees.
 */
class RedirectOverloadHandoffTest {

    /** Writes the head of a page (so the widget, with the waiting handoff, goes in), then redirects to /page. */
    static final class RedirectingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getOutputStream().write(TestPages.HEAD.getBytes(UTF_8)); // ends the head: the snippet is in the buffer
            switch (req.getParameter("how")) {
                case "string" -> resp.sendRedirect("/page");
                case "status" -> resp.sendRedirect("/page", HttpServletResponse.SC_SEE_OTHER); // Servlet 6.1
                default -> resp.sendRedirect("/page", HttpServletResponse.SC_FOUND, true); // Servlet 6.1
            }
        }
    }

    @ParameterizedTest(name = "sendRedirect via {0} gives the handoff back")
    @ValueSource(strings = {"string", "status", "status-and-clear-buffer"})
    void aPageThatRedirectsLeavesTheHandoffForTheNextPage(String how) throws Exception {
        try (LoginTestApp app = LoginTestApp.start(TestServer::tomcat, LoginTestApp::sessionUser,
                ctx -> ctx.addServlet("redirecting", new RedirectingServlet()).addMapping("/redirecting"))) {
            Browser browser = new Browser(app);
            browser.signInToTheApp("alice");
            browser.get(browser.connectAndAuthorize("/page")); // the callback: the handoff now waits in the session

            HttpResponse<String> redirect = browser.navigate("/redirecting?how=" + how);
            assertThat(redirect.statusCode()).isBetween(300, 399);
            assertThat(redirect.body()).doesNotContain("authorizationCode");

            HttpResponse<String> page = browser.navigate("/page");
            LoginHandoffContractTest.assertHandoff(page); // the page the browser shows next carries the login
        }
    }
}
