package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The application's sign-out mark on a page the filter writes, in headless Chromium: the page asks the widget to log out
 * the login it restores at load (it may report none first, while it reads its stored session), and not a fresh login,
 * made in its popup by the user now at the browser (the mark used to wait for any login, and logged that user out).
 */
class SignOutMarkBrowserTest {

    /**
     * A frame that loads late, as on a loaded CI machine: its app's "logged out" at start reaches listeners the test
     * set after the frame element appeared (a CI run timed out counting it).
     */
    private static final Duration SLOW_FRAME = Duration.ofMillis(800);

    private static final byte[] KEY = "sign-out-mark-browser-test-key-32b".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aLoginTheWidgetRestoresIsLoggedOut() throws Exception {
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true); // restores a login
                Running app = new Running(widget); HeadlessChromium chromium = new HeadlessChromium()) {
            openWithTheMark(chromium, app);
            StandInFrame frame = new StandInFrame(chromium).awaitFrame();
            frame.awaitType("rc-adapter-logout");
            assertThat(chromium.driver().manage().getCookieNamed(WidgetLogoutCookie.NAME)).as("cleared").isNull();
        }
    }

    /**
     * The next user leaves the first page before its widget reported anything (its frame still loading): the mark was
     * cleared when that page was written, so the next page's widget restored the previous user's phone. The mark now
     * stays until the widget acted on it.
     */
    @Test
    void aPageLeftBeforeItsWidgetReportedLeavesTheMarkToTheNext() throws Exception {
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true); // restores a login
                Running app = new Running(widget); HeadlessChromium chromium = new HeadlessChromium()) {
            widget.stillLoading(true);
            openWithTheMark(chromium, app); // its widget is still loading
            chromium.await(d -> widget.requests().stream().anyMatch(r -> r.startsWith("/app.html")) ? true : null);
            assertThat(new StandInFrame(chromium).awaitFrame().commands()).as("the first page's widget got nothing").isEmpty();
            widget.stillLoading(false);

            chromium.driver().get(app.url("/page")); // the user moves on
            assertThat(chromium.script("var s = document.querySelector('script[data-logout]'); return s ? s.dataset.logout : null"))
                    .as("the next page still carries the mark").isEqualTo("1");
            StandInFrame frame = new StandInFrame(chromium).awaitFrame();
            frame.awaitType("rc-adapter-logout");
            assertThat(chromium.driver().manage().getCookieNamed(WidgetLogoutCookie.NAME)).as("cleared once acted on").isNull();
            chromium.driver().get(app.url("/page"));
            assertThat(chromium.script("return document.querySelector('script[data-logout]') === null")).isEqualTo(true);
        }
    }

    @Test
    void aFreshLoginIsTheUsersOwnAndStays() throws Exception {
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false) // nothing stored
                        .appDelay(SLOW_FRAME);
                Running app = new Running(widget); HeadlessChromium chromium = new HeadlessChromium()) {
            openWithTheMark(chromium, app);
            StandInFrame frame = new StandInFrame(chromium).awaitFrame();
            // Only logins: the frame's app reports "logged out" at start, maybe after this listener is set.
            chromium.script("window.__seen = []; window.addEventListener('message', function (e) {"
                    + " if (e.data && e.data.type === 'rc-login-status-notify' && e.data.loggedIn) {"
                    + " window.__seen.push(e.data.isFreshLogin); } })");
            // The user logs in in the widget's popup, then (a later page load) the widget restores that login.
            frame.emit("{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}");
            frame.emit("{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
            chromium.await(d -> ((List<?>) chromium.script("return window.__seen")).size() == 2 ? true : null);
            Thread.sleep(500); // what the page posts on a message, it posts at once: give the frame time to get it
            assertThat(frame.commands()).extracting(m -> m.get("type")).doesNotContain("rc-adapter-logout");
        }
    }

    /**
     * Two tabs opened while the widget had no login both carry the mark. The user logs in in tab 1's popup (a fresh
     * login ends the mark); tab 2's widget then reports that login, shared through the widget's storage and not fresh
     * there: a review showed tab 2 logging the user's own login out. The page asks whether the mark is still set.
     */
    @Test
    void aFreshLoginInOneTabIsNotLoggedOutByAnotherTabThatCarriedTheMark() throws Exception {
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false) // nothing stored
                        .appDelay(SLOW_FRAME);
                Running app = new Running(widget); HeadlessChromium chromium = new HeadlessChromium()) {
            openWithTheMark(chromium, app); // tab 1
            String tab1 = chromium.driver().getWindowHandle();
            new StandInFrame(chromium).awaitFrame();
            chromium.newTab();
            chromium.driver().get(app.url("/page"));
            assertThat(chromium.script("var s = document.querySelector('script[data-logout]'); return s ? s.dataset.logout : null"))
                    .as("tab 2 carries the mark too").isEqualTo("1");
            String tab2 = chromium.driver().getWindowHandle();
            StandInFrame frame2 = new StandInFrame(chromium).awaitFrame();

            chromium.driver().switchTo().window(tab1);
            new StandInFrame(chromium).emit("{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}");
            chromium.await(d -> d.manage().getCookieNamed(WidgetLogoutCookie.NAME) == null ? true : null);

            chromium.driver().switchTo().window(tab2);
            chromium.script("window.__seen = 0; window.addEventListener('message', function (e) {" // logins only, as above
                    + " if (e.data && e.data.type === 'rc-login-status-notify' && e.data.loggedIn) { window.__seen++; } })");
            frame2.emit("{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
            chromium.await(d -> Long.valueOf(1).equals(chromium.script("return window.__seen")) ? true : null);
            Thread.sleep(500); // what the page posts on a message, it posts at once: give the frame time to get it
            assertThat(frame2.commands()).extracting(m -> m.get("type")).as("the mark ended in tab 1")
                    .doesNotContain("rc-adapter-logout");
        }
    }

    private static void openWithTheMark(HeadlessChromium chromium, Running app) {
        chromium.driver().get(app.url("/signout")); // the application's sign-out: flow.logOutWidget
        chromium.driver().get(app.url("/page"));
        Object logout = chromium.script("var s = document.querySelector('script[data-logout]'); return s ? s.dataset.logout : null");
        assertThat(logout).as("the page carries the mark").isEqualTo("1");
    }

    /** A page behind the filter with sign in once (everyone is "ada"), the bridge's script, and a sign-out. */
    private static final class Running implements AutoCloseable {
        private final Server server = new Server();
        private final int port = freePort();

        Running(StandInWidget widget) throws Exception {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("sign-out-mark")
                    .redirectUri("http://localhost:" + port + "/ringcentral/redirect")
                    .hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(KEY).appUser(request -> "ada").build();
            ServerConnector connector = new ServerConnector(server);
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServletContainerInitializer((classes, ctx) -> {
                EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withLoginHandoff(flow)
                        .withEventBridge(BridgeServlet.DEFAULT_MOUNT, List.of(), CsrfTokenResolver.none()));
                BridgeServlet.register(ctx, BridgeServlet.scriptOnly(embeddable, new BridgeRefusals()), BridgeServlet.DEFAULT_MOUNT);
            });
            context.addServlet(new ServletHolder(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter().write("<!DOCTYPE html><html><head><title>Page</title></head><body>page</body></html>");
                }
            }), "/page");
            context.addServlet(new ServletHolder(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    flow.logOutWidget(request, response);
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("signed out");
                }
            }), "/signout");
            server.setHandler(context);
            server.start();
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
