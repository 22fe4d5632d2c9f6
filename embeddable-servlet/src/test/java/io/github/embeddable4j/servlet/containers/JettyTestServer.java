package io.github.embeddable4j.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10) on 127.0.0.1 and a free port, optionally behind Jetty's gzip {@link CompressionHandler}. */
final class JettyTestServer implements TestServer {

    private static final int SEND_BUFFER = 32 * 1024;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private final boolean compressing;

    JettyTestServer(ServletContainerInitializer setup, boolean compressing) throws Exception {
        this.compressing = compressing;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // A small socket send buffer, so that a large page really makes non-blocking output wait (not ready).
        connector.setAcceptedSendBufferSize(SEND_BUFFER);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addServletContainerInitializer(setup);
        if (compressing) {
            CompressionHandler compression = new CompressionHandler(context);
            compression.putCompression(new GzipCompression());
            server.setHandler(compression);
        } else {
            server.setHandler(context);
        }
        server.start();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Jetty " + Server.getVersion() + (compressing ? " with gzip compression" : "");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
