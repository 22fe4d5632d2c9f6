package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.OpenerAttackSite;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.RedirectPageServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget's frame takes a {@code callbackUri} (a login) from any window of any origin, and a page of another site
 * that opened the application with {@code window.open} holds a handle to its window, so it can post one to
 * {@code handle.frames[0]} (a red-team trial did so to the stand-in). What docs/security.md recommends against it,
 * {@code Cross-Origin-Opener-Policy: same-origin-allow-popups} on the pages with the widget, is shown here in Chromium:
 * the attack lands without it, the header cuts the opener off, and the widget's own login popup still brings its
 * callback home through another origin's authorize page; {@code same-origin}, which cuts that popup off too, is why it
 * is not the advice.
 *
 * <p>Each test has a Chromium of its own, driven without WebDriver BiDi: the page opened by the other site frames the
 * widget's origin at once, a frame BiDi's mapper sometimes loses and leaves paused before it runs (see
 * {@link HeadlessChromium#HeadlessChromium(List)}).
 */
class OpenerPolicyBrowserTest {

    private static final String REDIRECT = "/ringcentral/redirect";
    private static final String ATTACKER_CODE = "ATTACKER-CODE";

    private static StandInWidget widget;
    private static OpenerAttackSite attacker;
    private static Server app;
    private static String appOrigin;
    private static String attackerOrigin;

    @BeforeAll
    static void start() throws Exception {
        widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false);
        // RingCentral's authorize page, on the other site's origin too: back to the redirect URI with the query
        attacker = new OpenerAttackSite("{ callbackUri: 'https://evil.example/cb?code=" + ATTACKER_CODE + "&state=x' }", exchange -> {
            exchange.getResponseHeaders().set("Location", appOrigin + REDIRECT + "?" + exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        attackerOrigin = attacker.origin();

        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        appOrigin = "http://localhost:" + port;
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("opener-test").hosting(widget.baseUrl())
                .frameOrigins(widget.frameOrigin()).redirectUri(appOrigin + REDIRECT).build());
        app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setPort(port);
        app.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable));
            RedirectPageServlet.register(ctx, embeddable, REDIRECT);
            ctx.addServlet("page", new PageWithOpenerPolicy()).addMapping("/page");
        });
        app.setHandler(context);
        app.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (attacker != null) {
            attacker.close();
        }
        if (widget != null) {
            widget.close();
        }
    }

    /** The control: with no opener policy, the other site's post reaches the widget's frame, which takes it. */
    @Test
    void withoutAnOpenerPolicyAnotherSiteThatOpenedThePageReachesTheWidget() {
        try (HeadlessChromium chromium = new HeadlessChromium(List.of())) {
            String attackerWindow = openFromAnotherSite(chromium, "");
            List<Map<String, Object>> callbacks;
            try {
                callbacks = chromium.await(d -> nonEmpty(callbacks(chromium)));
            } catch (RuntimeException timedOut) {
                // Say what each side saw, to tell a lost post from a frame that never ran.
                String src = String.valueOf(chromium.script("var f = document.getElementById('rc-widget-adapter-frame');"
                        + " return f ? f.src : 'missing'"));
                boolean served = src.contains("/app.html")
                        && widget.requests().contains(src.substring(src.indexOf("/app.html")));
                Object inside;
                try { // a missing frame must not replace this message with its own exception
                    chromium.driver().switchTo().frame("rc-widget-adapter-frame");
                    inside = chromium.script("return location.href + ', ' + document.readyState");
                    chromium.driver().switchTo().defaultContent();
                } catch (RuntimeException unreadable) {
                    inside = "unreadable (" + unreadable.getClass().getSimpleName() + ")";
                }
                chromium.driver().switchTo().window(attackerWindow);
                throw new AssertionError("the other site's post never reached the widget: widget frame " + src + " ("
                        + (served ? "served" : "not served") + " by the stand-in), its document " + inside + "; other site: state "
                        + chromium.script("return window.__state") + ", posts " + chromium.script("return window.__posts"),
                        timedOut);
            }
            assertThat(callbacks).first().satisfies(cb -> {
                assertThat(cb.get("origin")).isEqualTo(attackerOrigin);
                assertThat((String) cb.get("callbackUri")).contains(ATTACKER_CODE);
            });
            chromium.driver().switchTo().window(attackerWindow);
            assertThat(((Number) chromium.script("return window.__posts")).intValue()).isPositive();
        }
    }

    @Test
    void sameOriginAllowPopupsCutsTheOtherSiteOffAndKeepsTheWidgetsLoginPopup() {
        try (HeadlessChromium chromium = new HeadlessChromium(List.of())) {
            String attackerWindow = openFromAnotherSite(chromium, "same-origin-allow-popups");
            String victim = chromium.driver().getWindowHandle();
            awaitFrameUp(chromium);
            chromium.driver().switchTo().window(attackerWindow);
            // The same script as the control's: its handle now reads as closed, and it never reached a frame.
            chromium.await(d -> "closed".equals(chromium.script("return window.__state")));
            assertThat(((Number) chromium.script("return window.__posts")).intValue()).isZero();
            chromium.driver().switchTo().window(victim);
            assertThat(callbacks(chromium)).isEmpty();

            // The widget's login popup, opened by its frame: RingCentral's authorize page, then the redirect page.
            String query = "code=c0de&state=s1";
            openLoginPopup(chromium, attackerOrigin + "/authorize?" + query);
            List<Map<String, Object>> callbacks = chromium.await(d -> nonEmpty(callbacks(chromium)));
            assertThat(callbacks).singleElement().satisfies(cb -> {
                assertThat(cb.get("origin")).isEqualTo(appOrigin);
                assertThat(cb.get("callbackUri")).isEqualTo(appOrigin + REDIRECT + "?" + query);
            });
            chromium.await(d -> chromium.windows().size() == 2); // the popup closed itself after posting
        }
    }

    /** Why {@code same-origin} is not the advice: the login popup loses its opener and the callback stays there. */
    @Test
    void sameOriginCutsTheWidgetsLoginPopupOff() {
        try (HeadlessChromium chromium = new HeadlessChromium(List.of())) {
            chromium.driver().get(appOrigin + "/page?coop=same-origin");
            String page = chromium.driver().getWindowHandle();
            awaitFrameUp(chromium);
            openLoginPopup(chromium, attackerOrigin + "/authorize?code=c0de&state=s1");
            String popup = chromium.await(d -> chromium.windows().stream().filter(w -> !w.equals(page)).findFirst().orElse(null));
            chromium.driver().switchTo().window(popup);
            chromium.await(d -> "Signing in".equals(d.getTitle())
                    && "complete".equals(chromium.script("return document.readyState")));
            // The redirect page ran with no opener to post to (had it had one, it would have posted and closed).
            assertThat(chromium.script("return window.opener === null")).isEqualTo(true);
            chromium.driver().switchTo().window(page);
            assertThat(callbacks(chromium)).isEmpty();
        }
    }

    /**
     * Opens the other site's page, which opens the application's page with {@code coop} as its opener policy and
     * posts a login to its first frame every 100 ms while it can; switches to the application's window, installs the
     * page's record of what the frame took, and returns the other site's window.
     */
    private static String openFromAnotherSite(HeadlessChromium chromium, String coop) {
        String target = appOrigin + "/page?coop=" + coop;
        chromium.driver().get(attacker.attackUrl(target));
        String attackerWindow = chromium.driver().getWindowHandle();
        String victim = chromium.await(d -> chromium.windows().stream().filter(w -> !w.equals(attackerWindow)).findFirst()
                .orElse(null));
        chromium.driver().switchTo().window(victim);
        chromium.await(d -> "crm".equals(d.getTitle()));
        recordCallbacks(chromium);
        return attackerWindow;
    }

    /** The stand-in frame echoes every {@code callbackUri} it takes to its parent, with the sender's origin. */
    private static void recordCallbacks(HeadlessChromium chromium) {
        chromium.script("if (!window.__callbacks) { window.__callbacks = []; window.addEventListener('message', function (e) {"
                + " if (e.data && e.data.type === 'standin-callback') { window.__callbacks.push(e.data); }"
                + " if (e.data && e.data.type === 'standin-ping') { window.__frameUp = true; } }); }");
    }

    /** Waits until the widget's frame answers (it must have loaded before it can be asked to open its popup). */
    private static void awaitFrameUp(HeadlessChromium chromium) {
        recordCallbacks(chromium);
        chromium.await(d -> Boolean.TRUE.equals(chromium.script("var f = document.getElementById('rc-widget-adapter-frame');"
                + " if (f && !window.__frameUp) { f.contentWindow.postMessage({type: 'standin-emit', event: {type: 'standin-ping'}}, '*'); }"
                + " return window.__frameUp === true")) ? true : null);
    }

    private static void openLoginPopup(HeadlessChromium chromium, String url) {
        chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                + "{type: 'standin-open-login', url: arguments[0]}, '*')", url);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> callbacks(HeadlessChromium chromium) {
        return (List<Map<String, Object>>) chromium.script("return window.__callbacks || []");
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /** A page of the application, sent with the opener policy its {@code coop} parameter names (none when empty). */
    private static final class PageWithOpenerPolicy extends HttpServlet {
        private static final Set<String> POLICIES = Set.of("same-origin-allow-popups", "same-origin");

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String coop = req.getParameter("coop");
            if (coop != null && POLICIES.contains(coop)) {
                resp.setHeader("Cross-Origin-Opener-Policy", coop);
            }
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write("<!DOCTYPE html><html><head><title>crm</title></head><body><h1>CRM</h1></body></html>");
        }
    }
}
