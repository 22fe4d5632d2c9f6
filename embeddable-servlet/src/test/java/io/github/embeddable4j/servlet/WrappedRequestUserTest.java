package io.github.embeddable4j.servlet;

import static io.github.embeddable4j.servlet.LoginHandoffContractTest.assertHandoff;
import static io.github.embeddable4j.servlet.LoginHandoffContractTest.assertNoHandoff;
import static io.github.embeddable4j.servlet.LoginHandoffContractTest.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffContractTest.Browser;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * An application whose own sign-in filter wraps the request so that {@code getRemoteUser()} names the session's user
 * (a trial: a WAR on Tomcat). The page filter is mapped before it and sees the request unwrapped: with
 * {@link AppUserResolver#remoteUser()} the connection went through (its servlets see the wrapper) but no page ever
 * carried the login, and nothing said why.
 */
class WrappedRequestUserTest {

    /** The application's sign-in filter: the session's "user" as the request's remote user. */
    private static void addWrappingSignInFilter(ServletContext context) {
        context.addFilter("app-sign-in", sessionUserAsRemoteUser())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    /** A filter whose request names the session's "user" as {@code getRemoteUser()}, as a container's sign-in does. */
    static Filter sessionUserAsRemoteUser() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getRemoteUser() {
                    HttpSession session = http.getSession(false);
                    return session == null ? null : (String) session.getAttribute("user");
                }
            }, response);
        };
    }

    /** Connects alice and returns the page the handoff should have reached. */
    private static HttpResponse<String> connectAndLoadThePage(LoginTestApp app) throws Exception {
        Browser browser = new Browser(app);
        browser.signInToTheApp("alice");
        HttpResponse<String> callback = browser.get(browser.connectAndAuthorize("/page"));
        assertThat(callback.statusCode()).as("the connect and callback servlets see the wrapped user").isEqualTo(303);
        return browser.get(location(callback));
    }

    @Test
    void remoteUserCannotSeeTheWrappersUserInPagesAndTheFlowSaysSo() throws Exception {
        List<String> warnings;
        try (LoginTestApp app = LoginTestApp.start(TestServer::jetty, AppUserResolver.remoteUser(),
                WrappedRequestUserTest::addWrappingSignInFilter)) {
            warnings = RegisterWarningsTest.logged(Level.WARNING, () -> assertNoHandoff(connectAndLoadThePage(app)));
        }
        assertThat(warnings).filteredOn(w -> w.contains("finds nobody signed in for the page")).singleElement()
                .asString().contains("AppUserResolver.sessionAttribute(\"user\")");
    }

    @Test
    void theSessionAttributeResolverSeesTheUserWherePagesAreWritten() throws Exception {
        List<String> warnings;
        try (LoginTestApp app = LoginTestApp.start(TestServer::jetty, AppUserResolver.sessionAttribute("user"),
                WrappedRequestUserTest::addWrappingSignInFilter)) {
            warnings = RegisterWarningsTest.logged(Level.WARNING, () -> assertHandoff(connectAndLoadThePage(app)));
        }
        assertThat(warnings).noneMatch(w -> w.contains("finds nobody signed in"));
    }
}
