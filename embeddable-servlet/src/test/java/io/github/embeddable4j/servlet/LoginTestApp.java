package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.testing.MockRingCentral;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An application that signs its users in to the widget from the server, against {@link MockRingCentral}. Its redirect
 * URI has to name its own port, so the port is chosen before the container starts (and chosen again if taken).
 */
final class LoginTestApp implements AutoCloseable {

    static final String CLIENT_ID = "test-client";
    static final String CALLBACK_PATH = "/ringcentral/redirect";
    static final byte[] KEY = "a test key that is 32 bytes long".getBytes(StandardCharsets.US_ASCII);

    interface Container {
        TestServer start(ServletContainerInitializer setup, int port) throws Exception;
    }

    final MockRingCentral mock;
    final TestServer server;
    final Embeddable embeddable;
    final LoginHandoffFlow flow;

    private LoginTestApp(MockRingCentral mock, TestServer server, Embeddable embeddable, LoginHandoffFlow flow) {
        this.mock = mock;
        this.server = server;
        this.embeddable = embeddable;
        this.flow = flow;
    }

    static LoginTestApp start(Container container) throws Exception {
        return start(container, LoginTestApp::sessionUser, context -> { });
    }

    /** The same with another resolver of the application's user, and more of the application set up after the rest. */
    static LoginTestApp start(Container container, AppUserResolver users,
            java.util.function.Consumer<jakarta.servlet.ServletContext> more) throws Exception {
        MockRingCentral mock = new MockRingCentral(CLIENT_ID);
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = MockRingCentral.freePort();
            String redirectUri = "http://127.0.0.1:" + port + CALLBACK_PATH;
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId(CLIENT_ID).appServer(AppServer.SANDBOX)
                    .redirectUri(redirectUri).build());
            LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(KEY).appUser(users)
                    .authorizeEndpoint(mock.url("/restapi/oauth/authorize")).build();
            TestServer server;
            try {
                server = container.start(setup(embeddable, flow, more), port);
            } catch (Exception e) {
                last = e; // the port was taken between choosing and binding it
                continue;
            }
            if (server.port() != port) {
                server.close();
                continue;
            }
            mock.register(redirectUri);
            return new LoginTestApp(mock, server, embeddable, flow);
        }
        mock.close();
        throw new IllegalStateException("no free port", last);
    }

    /** The application's notion of who is signed in: set by {@code /login?user=...}. */
    /** A user whose lookup fails, as when the application's user store is down. */
    static final String LOOKUP_FAILS = "lookup-fails";

    static String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String user = session == null ? null : (String) session.getAttribute("user");
        if (LOOKUP_FAILS.equals(user)) {
            throw new IllegalStateException("user store down");
        }
        return user;
    }

    private static ServletContainerInitializer setup(Embeddable embeddable, LoginHandoffFlow flow,
            java.util.function.Consumer<jakarta.servlet.ServletContext> more) {
        return (classes, ctx) -> {
            // With the event bridge too: the handoff changes the loader only, next to the bridge script.
            EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withLoginHandoff(flow)
                    .withEventBridge("/embeddable4j", java.util.List.of("rc-call-ring-notify"), CsrfTokenResolver.none()));
            LoginHandoffServlet.register(ctx, flow);
            ConnectOnLoginFilter.register(ctx, flow);
            ctx.addServlet("login", new LoginServlet()).addMapping("/login");
            ctx.addServlet("app-signin", new AppSignInServlet(flow)).addMapping("/app-signin");
            ctx.addServlet("app-signout", new AppSignOutServlet(flow)).addMapping("/app-signout");
            ctx.addServlet("signout", new SignOutServlet(flow)).addMapping("/signout");
            ctx.addServlet("pages", new PageServlet()).addMapping("/page");
            ctx.addServlet("flushed", new FlushedPageServlet()).addMapping("/flushed");
            ctx.addServlet("cached", new CachedPageServlet()).addMapping("/cached");
            ctx.addServlet("discarded", new DiscardedPageServlet()).addMapping("/discarded");
            ctx.addServlet("failing", new FailingPageServlet()).addMapping("/failing");
            more.accept(ctx);
        };
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            mock.close();
        }
    }

    /** {@code /login?user=alice} signs alice in to the application (no user: signs out). */
    static final class LoginServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getParameter("user");
            if (user == null) {
                req.getSession().removeAttribute("user");
            } else {
                req.getSession().setAttribute("user", user);
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    /**
     * {@code /app-signin?user=alice[&connect=1]}: an application's own sign-in handler, as the docs show it (the
     * session names the user, the flow is told).
     */
    static final class AppSignInServlet extends HttpServlet {
        private final transient LoginHandoffFlow flow;

        AppSignInServlet(LoginHandoffFlow flow) {
            this.flow = flow;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getParameter("user");
            req.getSession().setAttribute("user", user);
            boolean logOut = flow.signedIn(req, resp, user, req.getParameter("connect") != null);
            if (req.getParameter("page") != null) { // answers with a page, in the same request (no redirect)
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write(TestPages.page(500));
                return;
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(logOut ? "signed in; widget logged out" : "signed in");
        }
    }

    /** {@code /app-signout[?keep=1]}: an application's own sign-out handler (the session invalidated unless kept). */
    static final class AppSignOutServlet extends HttpServlet {
        private final transient LoginHandoffFlow flow;

        AppSignOutServlet(LoginHandoffFlow flow) {
            this.flow = flow;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            flow.signedOut(req, resp);
            HttpSession session = req.getSession(false);
            if (session != null && req.getParameter("keep") == null) {
                session.invalidate();
            } else if (session != null) {
                session.removeAttribute("user");
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("signed out");
        }
    }

    /** {@code /signout}: the application's sign-out, as the docs show it (session gone, the widget told). */
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
            flow.logOutWidget(req, resp);
            resp.setContentType("text/plain");
            resp.getWriter().write("signed out");
        }
    }

    /** A page whose response is committed before its first byte: no header can change any more. */
    static final class FlushedPageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.flushBuffer();
            resp.getOutputStream().write(TestPages.page(500).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A page that wants to be cached, and says so before and after writing. */
    static final class CachedPageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.setHeader("Cache-Control", "max-age=600");
            resp.getWriter().write(TestPages.page(500));
            resp.setHeader("Cache-Control", "public, max-age=600");
            resp.addHeader("Cache-Control", "immutable");
        }
    }

    /** A page written (and injected) into the buffer, then thrown away for a plain-text answer. */
    static final class DiscardedPageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getOutputStream().write(TestPages.page(500).getBytes(StandardCharsets.UTF_8));
            resp.resetBuffer();
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write("replaced".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A template that fails half-way through its body: its head (with the widget) buffered, nothing sent. */
    static final class FailingPageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(TestPages.HEAD + "<p>Half a page");
            throw new IllegalStateException("template error");
        }
    }
}
