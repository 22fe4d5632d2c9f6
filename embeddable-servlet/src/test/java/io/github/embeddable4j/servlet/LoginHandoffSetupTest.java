package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A setup that cannot work fails at startup, saying what to change. */
class LoginHandoffSetupTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());

    private static LoginHandoffFlow flow(Embeddable embeddable) {
        return LoginHandoffFlow.builder(embeddable).serverKey(LoginTestApp.KEY).build();
    }

    @Test
    void theBuilderListsEveryProblemAtOnce() {
        assertThatThrownBy(() -> LoginHandoffFlow.builder(Embeddable.of(EmbeddableConfig.defaults())).serverKey(new byte[8])
                .connectPath("no-slash").authorizeEndpoint("http://mock.example/authorize").build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::property).containsExactly("clientId", "redirectUri", "authorizeEndpoint", "serverKey",
                                "connectPath"));
        assertThatThrownBy(() -> LoginHandoffFlow.builder(EMBEDDABLE).build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::property).containsExactly("serverKey"));
        assertThatThrownBy(() -> LoginHandoffFlow.builder(EMBEDDABLE).serverKey(LoginTestApp.KEY)
                .authorizeEndpoint("http://mock.example/authorize").build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::property).containsExactly("authorizeEndpoint"));
    }

    @Test
    void theCallbackIsTheRedirectUrisPathInsideTheApplication() {
        assertThat(LoginHandoffServlet.callbackPath(flow(EMBEDDABLE), "")).isEqualTo("/ringcentral/redirect");
        assertThat(LoginHandoffServlet.callbackPath(flow(EMBEDDABLE), "/ringcentral")).isEqualTo("/redirect");
        assertThatThrownBy(() -> LoginHandoffServlet.callbackPath(flow(EMBEDDABLE), "/crm"))
                .hasMessageContaining("https://crm.example.com/ringcentral/redirect").hasMessageContaining("'/crm'")
                .hasMessageContaining("register that URL");
        Embeddable sameAsConnect = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/ringcentral/connect").build());
        assertThatThrownBy(() -> LoginHandoffServlet.callbackPath(flow(sameAsConnect), ""))
                .hasMessageContaining("another connect path");
    }

    /**
     * Behind a proxy that publishes the application under /crm and strips it, the redirect URI's path is
     * /crm/ringcentral/redirect but requests arrive as /ringcentral/redirect: the callback path is set, and checked
     * against the redirect URI (a trial behind nginx got a 404 at the callback, with no word at start-up).
     */
    @Test
    void behindAPrefixStrippingProxyTheCallbackPathIsSet() {
        Embeddable proxied = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/crm/ringcentral/redirect").build());
        LoginHandoffFlow flow = LoginHandoffFlow.builder(proxied).serverKey(LoginTestApp.KEY).callbackPath("/ringcentral/redirect").build();
        assertThat(LoginHandoffServlet.callbackPath(flow, "")).isEqualTo("/ringcentral/redirect");
        // Unset, the redirect URI's whole path is mapped, which the proxy never forwards to: the error says what to set.
        assertThat(LoginHandoffServlet.callbackPath(flow(proxied), "")).isEqualTo("/crm/ringcentral/redirect");
        assertThatThrownBy(() -> LoginHandoffServlet.callbackPath(flow(proxied), "/app"))
                .hasMessageContaining("callback path");
        // A callback path the redirect URI does not end with is a problem of the flow's settings.
        assertThatThrownBy(() -> LoginHandoffFlow.builder(proxied).serverKey(LoginTestApp.KEY).callbackPath("/oauth/back").build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::property).containsExactly("callbackPath"));
    }

    @Test
    void theFilterRefusesAFlowForAnotherWidget() {
        Embeddable other = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/other/redirect").build());
        EmbeddableFilter filter = new EmbeddableFilter(other).withLoginHandoff(flow(EMBEDDABLE));
        assertThatThrownBy(() -> filter.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return "f";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        })).isInstanceOf(ServletException.class).hasMessageContaining("https://crm.example.com/other/redirect")
                .hasMessageContaining("https://crm.example.com/ringcentral/redirect");
    }

    /** The start-up line names the connect path as a browser asks for it (an Open Liberty trial at /sio was told otherwise). */
    @Test
    void theStartUpLineNamesTheConnectPathUnderTheContextPath() throws Exception {
        Embeddable underSio = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/sio/ringcentral/redirect").build());
        LoginHandoffFlow flow = flow(underSio);
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server(0);
        org.eclipse.jetty.ee10.servlet.ServletContextHandler context = new org.eclipse.jetty.ee10.servlet.ServletContextHandler();
        context.setContextPath("/sio");
        context.addServletContainerInitializer((classes, ctx) -> LoginHandoffServlet.register(ctx, flow));
        server.setHandler(context);
        java.util.List<String> info = RegisterWarningsTest.logged(java.util.logging.Level.INFO, () -> {
            try {
                server.start();
            } finally {
                server.stop();
            }
        });
        assertThat(info).filteredOn(line -> line.contains("sign in once at")).singleElement().asString()
                .contains("sign in once at /sio/ringcentral/connect;");
    }

    @Test
    void registeringNextToTheRedirectPageServletIsRefused() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (TestServer server = TestServer.jetty((classes, ctx) -> {
            RedirectPageServlet.register(ctx, EMBEDDABLE, "/ringcentral/redirect");
            try {
                LoginHandoffServlet.register(ctx, flow(EMBEDDABLE));
            } catch (IllegalStateException e) {
                failure.set(e);
            }
        })) {
            assertThat(failure.get()).hasMessageContaining("/ringcentral/redirect").hasMessageContaining("RedirectPageServlet");
        }
    }

    /**
     * The other order too: the redirect page registered after sign in once's servlet was silently left unmapped, and
     * its start-up check said it was "served at []" with a wrong fix (a servlet trial); refused on Jetty and Tomcat.
     */
    @Test
    void theRedirectPageServletRegisteredAfterSignInOnceIsRefused() throws Exception {
        for (boolean tomcat : new boolean[] {false, true}) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            jakarta.servlet.ServletContainerInitializer setup = (classes, ctx) -> {
                LoginHandoffServlet.register(ctx, flow(EMBEDDABLE));
                try {
                    RedirectPageServlet.register(ctx, EMBEDDABLE, "/ringcentral/redirect");
                } catch (IllegalStateException e) {
                    failure.set(e);
                }
            };
            try (TestServer server = tomcat ? TestServer.tomcat(setup) : TestServer.jetty(setup)) {
                assertThat(failure.get()).as(tomcat ? "Tomcat" : "Jetty").hasMessageStartingWith(
                        "RedirectPageServlet: [/ringcentral/redirect] is already mapped to another servlet.")
                        .hasMessageContaining("do not register RedirectPageServlet too");
            }
        }
    }
}
