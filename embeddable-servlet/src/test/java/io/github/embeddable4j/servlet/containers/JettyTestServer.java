package io.github.embeddable4j.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10) on 127.0.0.1 and a free port. */
final class JettyTestServer implements TestServer {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    JettyTestServer(ServletContainerInitializer setup) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addServletContainerInitializer(setup);
        server.setHandler(context);
        server.start();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Jetty " + Server.getVersion();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
