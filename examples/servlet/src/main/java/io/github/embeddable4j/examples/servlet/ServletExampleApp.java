package io.github.embeddable4j.examples.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.graduation.FileGraduationStore;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.SetupPageServlet;
import java.nio.file.Path;
import io.github.embeddable4j.servlet.RedirectPageServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A plain servlet application on embedded Jetty: a few HTML pages, {@link EmbeddableFilter} putting the widget on
 * them, and the OAuth redirect page. With no configuration the widget runs on RingCentral's demo app; set
 * {@code RINGCENTRAL_CLIENT_ID} and {@code RINGCENTRAL_APP_SERVER} (and any other setting as
 * {@code RINGCENTRAL_EMBEDDABLE_<SETTING>}, see {@link EmbeddableConfig#fromEnvironment}) to use your own.
 * {@code PORT} picks the port (default 8080).
 */
public final class ServletExampleApp {

    /** Where the OAuth redirect page is served; set RINGCENTRAL_EMBEDDABLE_REDIRECT_URI to its full URL to use it. */
    public static final String REDIRECT_PATH = "/ringcentral/redirect";
    /** Where the setup page is served (from localhost only). */
    public static final String SETUP_PATH = "/embeddable4j/setup";

    private ServletExampleApp() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddableConfig config;
        try {
            // RINGCENTRAL_EMBEDDABLE_<SETTING>, or RINGCENTRAL_CLIENT_ID and RINGCENTRAL_APP_SERVER; nothing else.
            config = EmbeddableConfig.fromEnvironment(System.getenv());
        } catch (EmbeddableConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Server server = start(port, Embeddable.of(config));
        System.out.println("Servlet example running at http://localhost:" + port + "/ (setup page: http://localhost:" + port
                + SETUP_PATH + ")");
        server.join();
    }

    /**
     * Starts the application on a port (0 for any free one), counting graduation actions in the file named by the
     * system property {@code embeddable4j.graduation.file}, else in the default file ({@code ~/.embeddable4j/}).
     */
    public static Server start(int port, Embeddable embeddable) throws Exception {
        String file = System.getProperty("embeddable4j.graduation.file");
        return start(port, embeddable, file == null ? FileGraduationStore.defaultLocation() : Path.of(file));
    }

    /**
     * Starts the application on a port (0 for any free one). The widget's events reach the server through the bridge
     * and feed the graduation tracker (counts kept in {@code graduationFile}), whose progress the setup page shows at
     * {@value SETUP_PATH} (from localhost only).
     */
    public static Server start(int port, Embeddable embeddable, Path graduationFile) throws Exception {
        GraduationTracker tracker = new GraduationTracker(embeddable.config(), new FileGraduationStore(graduationFile));
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(tracker).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, ctx) -> {
            // The one line a servlet application needs for the widget (here with the bridge that sends its events home):
            EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable)
                    .withEventBridge(BridgeServlet.DEFAULT_MOUNT, dispatcher.subscribedTypes(), CsrfTokenResolver.none()));
            BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher), BridgeServlet.DEFAULT_MOUNT);
            // The setup page: configuration, registration checklist, snippets and graduation progress (localhost only).
            SetupPageServlet.register(ctx, new SetupPageServlet(embeddable, tracker::progress), SETUP_PATH);
            // The OAuth redirect page, for when your app registers its own redirect URI:
            RedirectPageServlet.register(ctx, embeddable, REDIRECT_PATH);
            ctx.addServlet("pages", new PagesServlet(embeddable)).addMapping("/");
        });
        server.setHandler(context);
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(org.eclipse.jetty.util.component.LifeCycle event) {
                dispatcher.close();
            }
        });
        server.start();
        return server;
    }

    /** The port the server listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
