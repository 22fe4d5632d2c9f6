package io.github.embeddable4j.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.FileSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 (ee10) on 127.0.0.1 and a free port, optionally behind Jetty's gzip {@link CompressionHandler}, optionally
 * with sessions that live only serialized in files between requests.
 */
final class JettyTestServer implements TestServer {

    private static final int SEND_BUFFER = 32 * 1024;

    private final QueuedThreadPool pool = new QueuedThreadPool();
    private final Server server = new Server(pool);
    private final ServerConnector connector = new ServerConnector(server);

    private final boolean compressing;

    private final java.nio.file.Path sessionDir;

    JettyTestServer(ServletContainerInitializer setup, boolean compressing, int port) throws Exception {
        this(setup, compressing, port, null);
    }

    /**
     * @param sessionDir when not null, sessions are kept only in files there and read back for every request, and a
     *                   session is written only when an attribute was set or removed (as distributed session stores
     *                   that serialize attributes do): changing an attribute's object in place is lost
     */
    JettyTestServer(ServletContainerInitializer setup, boolean compressing, int port, java.nio.file.Path sessionDir) throws Exception {
        this(setup, compressing, port, sessionDir, null);
    }

    /** @param idleThreads when not null, how long an idle pool thread lives (all idle ones may end at once) */
    JettyTestServer(ServletContainerInitializer setup, boolean compressing, int port, java.nio.file.Path sessionDir,
            java.time.Duration idleThreads) throws Exception {
        this(setup, compressing, port, sessionDir, idleThreads, null);
    }

    /** @param errorPage when not null, the location of the error page for every status and exception */
    JettyTestServer(ServletContainerInitializer setup, boolean compressing, int port, java.nio.file.Path sessionDir,
            java.time.Duration idleThreads, String errorPage) throws Exception {
        this(setup, compressing, port, sessionDir, idleThreads, errorPage, null);
    }

    /** @param files when not null, served by Jetty's own {@code DefaultServlet} at {@code /} */
    JettyTestServer(ServletContainerInitializer setup, boolean compressing, int port, java.nio.file.Path sessionDir,
            java.time.Duration idleThreads, String errorPage, java.nio.file.Path files) throws Exception {
        this.compressing = compressing;
        this.sessionDir = sessionDir;
        if (idleThreads != null) {
            pool.setIdleTimeout((int) idleThreads.toMillis()); // only before start
            pool.setMaxEvictCount(pool.getMaxThreads());
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // A small socket send buffer, so that a large page really makes non-blocking output wait (not ready).
        connector.setAcceptedSendBufferSize(SEND_BUFFER);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        if (sessionDir != null) {
            NullSessionCache cache = new NullSessionCache(context.getSessionHandler());
            FileSessionDataStore store = new FileSessionDataStore();
            store.setStoreDir(sessionDir.toFile());
            store.setSavePeriodSec(3600); // written when changed, not on every access
            cache.setSessionDataStore(store);
            context.getSessionHandler().setSessionCache(cache);
        }
        context.addServletContainerInitializer(setup);
        if (files != null) {
            context.setBaseResource(ResourceFactory.of(context).newResource(files));
            context.addServlet(DefaultServlet.class, "/");
        }
        if (errorPage != null) {
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, errorPage);
            context.setErrorHandler(errors);
        }
        if (compressing) {
            CompressionHandler compression = new CompressionHandler(context);
            compression.putCompression(new GzipCompression());
            server.setHandler(compression);
        } else {
            server.setHandler(context);
        }
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Jetty " + Server.getVersion() + (compressing ? " with gzip compression" : "")
                + (sessionDir != null ? " with serialized sessions" : "");
    }

    @Override
    public ServerThreads threads() {
        return new ServerThreads() {
            @Override
            public int total() {
                return pool.getThreads();
            }

            @Override
            public int busy() {
                return pool.getBusyThreads();
            }
        };
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
