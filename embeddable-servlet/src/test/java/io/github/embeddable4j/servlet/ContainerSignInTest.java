package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffContractTest.Browser;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Sign in once with the container's own sign-in (FORM, BASIC, Jakarta Security), which runs no handler of the
 * application's: the docs' filter tells the flow when the request's user is not the one the session last saw
 * (an Open Liberty trial found nowhere to call {@code flow.signedIn}). Then connect-on-login sends the first page after
 * the sign-in to the connect path, and another user over the session logs the widget out. The container's sign-in is
 * modelled by a filter ahead of all others whose request names the session's user as {@code getRemoteUser()}, as the
 * container's authenticated request does.
 */
class ContainerSignInTest {

    private static void containerSignInAndTheReadmesFilter(ServletContext context, LoginHandoffFlow[] flow) {
        // The container's sign-in, ahead of every filter of the application's.
        context.addFilter("container-sign-in", WrappedRequestUserTest.sessionUserAsRemoteUser())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // The docs' filter, mapped ahead of the library's (isMatchAfter false), after the container's stand-in:
        // filters mapped ahead keep the order they were mapped in.
        Filter signIns = (req, res, chain) -> {
            HttpServletRequest request = (HttpServletRequest) req;
            String user = request.getRemoteUser();
            HttpSession session = request.getSession(false);
            if (user != null && session != null && !user.equals(session.getAttribute("e4j.container-user"))) {
                session.setAttribute("e4j.container-user", user);
                flow[0].signedIn(request, (HttpServletResponse) res, user, true); // true: connect at the next page visit
            }
            chain.doFilter(req, res);
        };
        context.addFilter("container-sign-ins", signIns).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    @Test
    void theReadmesFilterConnectsAfterAContainerSignInAndLogsTheWidgetOutForAnotherUser() throws Exception {
        LoginHandoffFlow[] flow = new LoginHandoffFlow[1];
        try (LoginTestApp app = LoginTestApp.start(TestServer::jetty, AppUserResolver.remoteUser(),
                context -> containerSignInAndTheReadmesFilter(context, flow))) {
            flow[0] = app.flow;
            Browser browser = new Browser(app);
            assertThat(browser.navigate("/page").statusCode()).as("nobody signed in: the page itself").isEqualTo(200);

            browser.signInToTheApp("alice"); // the container's sign-in: no code of the application's runs
            HttpResponse<String> first = browser.navigate("/page");
            assertThat(first.statusCode()).as("connect-on-login: the first page goes to the connect path").isEqualTo(302);
            assertThat(LoginHandoffContractTest.location(first)).contains("/ringcentral/connect");
            assertThat(browser.navigate("/page").statusCode()).as("once").isEqualTo(200);

            browser.signInToTheApp("bob"); // another user over the same session
            HttpResponse<String> bobsPage = browser.get("/page");
            assertThat(bobsPage.body()).contains("data-logout=\"1\"");
            assertThat(bobsPage.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=;")); // not cleared
            assertThat(browser.get("/page").body()).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").contains("data-logout=\"1\"");
        }
    }
}
