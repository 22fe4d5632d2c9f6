package io.github.embeddable4j.testing.jetty11;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import io.github.embeddable4j.servlet.LoginHandoffServlet;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The servlet module in Jetty 11 (Servlet 5.0, Jakarta EE 9: Dropwizard 4's container), set up as the docs' listener
 * does, with sign in once: pages get the loader and the bridge script, fragments nothing, non-blocking output too;
 * the bridge takes events; the redirect page is served; an application's sign-out asks the next page's widget to log
 * out (it failed with {@code NoSuchMethodError} on {@code Cookie.setAttribute}, a Servlet 6 method, before 0.1.0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jetty11Test {

    private static final String PAGE = "<!DOCTYPE html><html><head><title>Contacts</title></head><body><p>Hello</p></body></html>";
    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\","
            + "\"direction\":\"Inbound\"}}";

    private final List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();
    private Server server;
    private WidgetEventDispatcher dispatcher;
    private String base;
    private volatile Embeddable embeddable;

    @BeforeAll
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        dispatcher = WidgetEventDispatcher.builder().listener(received::add).build();
        // The redirect URI names the port, which is known only after start: the initializer reads it then.
        context.addServletContainerInitializer((classes, ctx) -> {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("jetty11-client")
                    .appServer(AppServer.SANDBOX).redirectUri(url("/ringcentral/redirect")).build());
            this.embeddable = embeddable;
            LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable)
                    .serverKey("a test key that is 32 bytes long".getBytes(StandardCharsets.US_ASCII))
                    .appUser(request -> (String) attribute(request, "user")).build();
            EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withLoginHandoff(flow)
                    .withBridge(BridgeServlet.DEFAULT_MOUNT, dispatcher.subscribedTypes(), true, CsrfTokenResolver.none()));
            BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher, BridgeLimits.defaults()),
                    BridgeServlet.DEFAULT_MOUNT);
            LoginHandoffServlet.register(ctx, flow);
            ctx.addServlet("page", new PageServlet()).addMapping("/page");
            ctx.addServlet("fragment", new FragmentServlet()).addMapping("/fragment");
            var async = ctx.addServlet("async", new NonBlockingPageServlet());
            async.addMapping("/async");
            async.setAsyncSupported(true);
            ctx.addServlet("login", new LoginServlet()).addMapping("/login");
            ctx.addServlet("signout", new SignOutServlet(flow)).addMapping("/signout");
        });
        server.setHandler(context);
        // Bind first so the initializer (run by start) sees the port.
        connector.open();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        dispatcher.close();
    }

    private String url(String path) {
        return base + path;
    }

    private static Object attribute(HttpServletRequest request, String name) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getAttribute(name);
    }

    /** A browser: one cookie jar. */
    private final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aPageGetsTheLoaderAndTheBridgeScriptBeforeItsHeadEnds() throws Exception {
        String body = new Browser().get("/page").body();
        int loader = body.indexOf("adapter.js");
        assertThat(loader).isPositive().isLessThan(body.indexOf("</head>"));
        assertThat(body).contains("clientId=jetty11-client").contains("data-endpoint=\"/embeddable4j/events\"");
        assertThat(body.replaceAll("<script[^>]*>[\\s\\S]*?</script>", "")).isEqualTo(PAGE);
    }

    @Test
    void aFragmentComesOutAsItWentIn() throws Exception {
        assertThat(new Browser().get("/fragment").body()).isEqualTo("<tr><td>Alice</td></tr>");
    }

    @Test
    void aPageWrittenWithNonBlockingOutputGetsTheLoader() throws Exception {
        HttpResponse<String> page = new Browser().get("/async");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("adapter.js").endsWith("</html>");
        assertThat(page.body().replaceAll("<script[^>]*>[\\s\\S]*?</script>", "")).isEqualTo(PAGE);
    }

    @Test
    void theBridgeTakesAnEventAndRefusesAForeignOrigin() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> ok = browser.post(BridgeServlet.DEFAULT_MOUNT + "/events",
                "{\"tab\":\"0123456789abcdef\",\"events\":[" + RING + "]}",
                "Content-Type", "application/json", "Origin", base);
        assertThat(ok.statusCode()).isEqualTo(202);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(received).extracting(ReceivedWidgetEvent::type).contains("rc-call-ring-notify");
        HttpResponse<String> foreign = browser.post(BridgeServlet.DEFAULT_MOUNT + "/events", "{}",
                "Content-Type", "application/json", "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("cross-origin");
    }

    @Test
    void theWidgetsPopupGetsTheRedirectPage() throws Exception {
        HttpResponse<String> page = new Browser().get("/ringcentral/redirect?code=abc&state=widget-state");
        assertThat(page.statusCode()).isEqualTo(200);
        // the redirect page itself, byte for byte: it posts the code to the widget's origins only
        assertThat(page.body()).isEqualTo(new String(RedirectPage.of(embeddable).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aSignOutAsksTheNextPagesWidgetToLogOut() throws Exception {
        Browser browser = new Browser();
        browser.get("/login?user=alice");
        HttpResponse<String> signOut = browser.post("/signout", "");
        assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(200);
        assertThat(signOut.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1;")
                && !c.contains("HttpOnly") && c.contains("SameSite=Lax")); // the page's script clears it
        assertThat(browser.get("/page").body()).contains("data-logout=\"1\"");
        assertThat(browser.get("/page").body()).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").contains("data-logout=\"1\"");
    }

    static final class PageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(PAGE);
        }
    }

    static final class FragmentServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getOutputStream().write("<tr><td>Alice</td></tr>".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes the page in two halves from a {@link WriteListener}, as a reactive template engine would. */
    static final class NonBlockingPageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            AsyncContext async = req.startAsync();
            ServletOutputStream out = resp.getOutputStream();
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            out.setWriteListener(new WriteListener() {
                private int written;

                @Override
                public void onWritePossible() throws IOException {
                    while (out.isReady()) {
                        if (written == page.length) {
                            async.complete();
                            return;
                        }
                        int n = written == 0 ? 40 : page.length - written;
                        out.write(page, written, n);
                        written += n;
                    }
                }

                @Override
                public void onError(Throwable t) {
                    async.complete();
                }
            });
        }
    }

    static final class LoginServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession().setAttribute("user", req.getParameter("user"));
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    /** The application's sign-out, as the docs show it. */
    static final class SignOutServlet extends HttpServlet {
        private final transient LoginHandoffFlow flow;

        SignOutServlet(LoginHandoffFlow flow) {
            this.flow = flow;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpSession session = req.getSession(false);
            if (session != null) {
                flow.forget(session);
                session.invalidate();
            }
            flow.logOutWidget(resp);
            resp.setContentType("text/plain");
            resp.getWriter().write("signed out");
        }
    }
}
