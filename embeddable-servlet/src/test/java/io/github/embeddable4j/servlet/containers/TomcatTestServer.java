package io.github.embeddable4j.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/** Tomcat 11 embedded on 127.0.0.1 and a free port; its base directory is deleted on close. */
final class TomcatTestServer implements TestServer {

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    TomcatTestServer(ServletContainerInitializer setup, int port) throws Exception {
        this(setup, port, null);
    }

    /** @param errorPage when not null, the location of the error page for every status and exception */
    TomcatTestServer(ServletContainerInitializer setup, int port, String errorPage) throws Exception {
        this(setup, port, errorPage, null);
    }

    /** @param files when not null, served by Tomcat's own {@code DefaultServlet} at {@code /} */
    TomcatTestServer(ServletContainerInitializer setup, int port, String errorPage, Path files) throws Exception {
        baseDir = Files.createTempDirectory("embeddable4j-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // A small socket send buffer, so that a large page really makes non-blocking output wait (not ready).
        tomcat.getConnector().setProperty("socket.txBufSize", String.valueOf(32 * 1024));
        Context context = tomcat.addContext("", (files != null ? files : baseDir).toString());
        context.addServletContainerInitializer(setup, null);
        if (files != null) {
            Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
            context.addServletMappingDecoded("/", "default");
            Tomcat.addDefaultMimeTypeMappings(context);
        }
        if (errorPage != null) {
            ErrorPage page = new ErrorPage(); // neither status nor exception: the default error page
            page.setLocation(errorPage);
            context.addErrorPage(page);
        }
        tomcat.start();
    }

    @Override
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public String name() {
        return ServerInfo.getServerInfo();
    }

    /** Lets idle pool threads above the minimum end after the given time instead of a minute. */
    void endIdleThreadsAfter(java.time.Duration idle) {
        pool().setKeepAliveTime(idle.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private ThreadPoolExecutor pool() {
        return (ThreadPoolExecutor) tomcat.getConnector().getProtocolHandler().getExecutor();
    }

    @Override
    public ServerThreads threads() {
        ThreadPoolExecutor pool = pool();
        return new ServerThreads() {
            @Override
            public int total() {
                return pool.getPoolSize();
            }

            @Override
            public int busy() {
                return pool.getActiveCount();
            }
        };
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
