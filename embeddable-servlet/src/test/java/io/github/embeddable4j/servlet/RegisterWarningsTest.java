package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A filter registered in code says at start-up what is worth knowing about its configuration (the demo app, the
 * sandbox), as one configured in {@code web.xml} and the Spring starter do: a WildFly trial registered it in a
 * listener and saw nothing.
 */
class RegisterWarningsTest {

    /** Collects the messages (formatted) logged at {@code level} under embeddable4j's logger while the action runs. */
    static List<String> logged(Level level, ThrowingRunnable action) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == level) {
                    messages.add(r.getParameters() == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.embeddable4j");
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return messages;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void registerOnJetty(Embeddable embeddable) throws Exception {
        try (TestServer server = TestServer.jetty((classes, context) -> EmbeddableFilter.register(context, new EmbeddableFilter(embeddable)))) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void registeringLogsTheConfigurationsWarningsOnce() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().appServer(AppServer.SANDBOX).build());
        assertThat(embeddable.warnings()).hasSizeGreaterThanOrEqualTo(2); // the demo app, the sandbox
        List<String> messages = logged(Level.WARNING, () -> registerOnJetty(embeddable)).stream()
                .filter(m -> m.contains("RingCentral")).toList();
        assertThat(messages).hasSize(embeddable.warnings().size())
                .allSatisfy(m -> assertThat(m).startsWith("RingCentral Embeddable: "))
                .anySatisfy(m -> assertThat(m).startsWith("RingCentral Embeddable: clientId: no client ID"));
    }

    /**
     * A configuration read from the environment in a listener names the variables (a servlet trial's was told to "set
     * client-id", with the filter's name before a second prefix: "embeddable4j: RingCentral Embeddable:").
     */
    @Test
    void aConfigurationFromTheEnvironmentIsWarnedAboutInItsVariables() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.fromEnvironment(Map.of("RINGCENTRAL_EMBEDDABLE_APP_SERVER", "sandbox")));
        List<String> messages = logged(Level.WARNING, () -> registerOnJetty(embeddable)).stream()
                .filter(m -> m.contains("RingCentral")).toList();
        assertThat(messages).hasSize(embeddable.warnings().size())
                .anySatisfy(m -> assertThat(m).startsWith("RingCentral Embeddable: RINGCENTRAL_EMBEDDABLE_CLIENT_ID: no client ID")
                        .contains("set RINGCENTRAL_EMBEDDABLE_CLIENT_ID"))
                .noneSatisfy(m -> assertThat(m).containsAnyOf("client-id", "clientId", EmbeddableFilter.FILTER_NAME + ":"));
    }

    @Test
    void withAClientIdRegisteringLogsTheRedirectUriItsAppMustListOnce() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("https://crm.example.com/ringcentral/redirect").build());
        List<String> lines = logged(Level.INFO, () -> registerOnJetty(embeddable)).stream()
                .filter(m -> m.contains("redirect URI")).toList();
        assertThat(lines).containsExactly("RingCentral Embeddable: client ID abc123 on production (https://platform.ringcentral.com);"
                + " its app in the Developer Console must list the OAuth redirect URI https://crm.example.com/ringcentral/redirect");
    }

    /** Signs ada in through {@code flow.signedIn(..., connect=true)} twice, on Jetty, with the filter or without. */
    private static void signInTwice(boolean withConnectFilter) throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("http://localhost/ringcentral/redirect").build());
        LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable).serverKey(LoginTestApp.KEY).build();
        try (TestServer server = TestServer.jetty((classes, context) -> {
            if (withConnectFilter) {
                ConnectOnLoginFilter.register(context, flow);
            }
            context.addServlet("signin", new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
                    flow.signedIn(req, resp, "ada", true);
                }
            }).addMapping("/signin");
        })) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url("/signin"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
    }

    /** A connect mark nothing answers would wait forever without a word: the first such sign-in says what is missing. */
    @Test
    void connectingAtSignInWithoutTheConnectFilterWarnsOnce() throws Exception {
        assertThat(logged(Level.WARNING, () -> signInTwice(false)).stream().filter(m -> m.contains("ConnectOnLoginFilter")))
                .singleElement().asString().contains("ConnectOnLoginFilter.register(servletContext, flow)");
        assertThat(logged(Level.WARNING, () -> signInTwice(true))).noneMatch(m -> m.contains("ConnectOnLoginFilter"));
    }

    /**
     * Registering once the server serves fails in the container (a Javalin trial got Jetty's bare
     * {@code IllegalStateException} from {@code checkDynamic}): the message says when to register instead, on Jetty and
     * Tomcat, and the server keeps serving.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jetty", "tomcat"})
    void registeringAfterTheServerStartedSaysWhenToRegister(String container) throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123").build());
        java.util.concurrent.atomic.AtomicReference<jakarta.servlet.ServletContext> started = new java.util.concurrent.atomic.AtomicReference<>();
        jakarta.servlet.ServletContainerInitializer setup = (classes, context) -> {
            started.set(context);
            context.addServlet("pages", new PageServlet()).addMapping("/page");
        };
        try (TestServer server = container.equals("jetty") ? TestServer.jetty(setup) : TestServer.tomcat(setup)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(IllegalStateException.class,
                    () -> EmbeddableFilter.register(started.get(), new EmbeddableFilter(embeddable))))
                    .hasMessageContaining("The filter 'embeddable4j' cannot be added: the servlet context has started")
                    .hasMessageContaining("before start() (Javalin: in config.jetty.modifyServletContextHandler)")
                    .hasMessageNotContaining("(null)"); // Jetty's own exception has no message (a review)
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(IllegalStateException.class,
                    () -> BridgeServlet.register(started.get(), BridgeServlet.scriptOnly(embeddable,
                            new io.github.embeddable4j.core.bridge.BridgeRefusals()), "/embeddable4j")))
                    .hasMessageContaining("The servlet 'embeddable4j-bridge' cannot be added");
            assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.url("/page"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
    }
}
