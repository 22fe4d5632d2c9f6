package io.github.embeddable4j.servlet.containers;

import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContainerInitializer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.Options;

/** Undertow 2.3 (Servlet 6.0, as Spring Boot 3 runs it) embedded on 127.0.0.1 and a free port. */
final class UndertowTestServer implements TestServer {

    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();

    private final DeploymentManager manager;
    private final Undertow server;

    UndertowTestServer(ServletContainerInitializer setup, int port) throws Exception {
        this(setup, port, null);
    }

    /** {@code idle}: how long an idle worker thread lives (null: Undertow's default), so a suite can see the pool shrink. */
    UndertowTestServer(ServletContainerInitializer setup, int port, java.time.Duration idle) throws Exception {
        this(setup, port, idle, null);
    }

    /** @param errorPage when not null, the location of the error page for every status and exception */
    UndertowTestServer(ServletContainerInitializer setup, int port, java.time.Duration idle, String errorPage) throws Exception {
        this(setup, port, idle, errorPage, null);
    }

    /** @param files when not null, served by Undertow's own {@code DefaultServlet} at {@code /} */
    UndertowTestServer(ServletContainerInitializer setup, int port, java.time.Duration idle, String errorPage,
            java.nio.file.Path files) throws Exception {
        this(setup, port, idle, errorPage, files, null);
    }

    /**
     * @param readTimeout when not null, Undertow's socket read timeout ({@code server.undertow.options.socket.READ_TIMEOUT}
     *                    in Spring Boot): without one, Undertow waits for a stalled body for ever
     */
    UndertowTestServer(ServletContainerInitializer setup, int port, java.time.Duration idle, String errorPage,
            java.nio.file.Path files, java.time.Duration readTimeout) throws Exception {
        DeploymentInfo info = Servlets.deployment().setClassLoader(UndertowTestServer.class.getClassLoader())
                .setContextPath("").setDeploymentName("embeddable4j-test-" + DEPLOYMENTS.incrementAndGet())
                .addServletContainerInitializer(new ServletContainerInitializerInfo(setup.getClass(),
                        new ImmediateInstanceFactory<>(setup), null));
        if (files != null) {
            info.setResourceManager(new io.undertow.server.handlers.resource.PathResourceManager(files));
        }
        if (errorPage != null) {
            info.addErrorPage(Servlets.errorPage(errorPage));
        }
        manager = Servlets.newContainer().addDeployment(info);
        manager.deploy();
        // A small socket send buffer, so that a large page really makes non-blocking output wait (not ready).
        Undertow.Builder builder = Undertow.builder().addHttpListener(port, "127.0.0.1")
                .setSocketOption(Options.SEND_BUFFER, 32 * 1024);
        if (readTimeout != null) {
            builder.setSocketOption(Options.READ_TIMEOUT, (int) readTimeout.toMillis());
        }
        if (idle != null) { // Undertow's pool has as many core threads as its maximum: none would ever end
            builder.setWorkerOption(Options.WORKER_TASK_CORE_THREADS, 2)
                    .setWorkerOption(Options.WORKER_TASK_KEEPALIVE, (int) idle.toMillis());
        }
        server = builder.setHandler(manager.start()).build();
        server.start();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public String name() {
        return "Undertow " + Version.getVersionString();
    }

    @Override
    public ServerThreads threads() {
        var worker = server.getWorker().getMXBean();
        return new ServerThreads() {
            @Override
            public int total() {
                return worker.getWorkerPoolSize();
            }

            @Override
            public int busy() {
                return worker.getBusyWorkerThreadCount();
            }
        };
    }

    @Override
    public void close() throws Exception {
        server.stop();
        manager.stop();
        manager.undeploy();
    }
}
