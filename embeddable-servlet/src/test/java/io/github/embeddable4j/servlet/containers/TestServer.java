package io.github.embeddable4j.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;

/** An embedded servlet container on a free loopback port, set up through a {@link ServletContainerInitializer}. */
public interface TestServer extends AutoCloseable {

    int port();

    default String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    void close() throws Exception;

    /** Which container. */
    String name();

    /** The container's request thread pool. */
    ServerThreads threads();

    static TestServer jetty(ServletContainerInitializer setup) throws Exception {
        return new JettyTestServer(setup, false, 0);
    }

    /** Where {@link #withErrorPage} servers send every error: the application maps a servlet there. */
    String ERROR_PAGE = "/container-error";

    /** The given container with {@link #ERROR_PAGE} as its error page for every status and exception. */
    static TestServer withErrorPage(String container, ServletContainerInitializer setup) throws Exception {
        return switch (container) {
            case "jetty" -> new JettyTestServer(setup, false, 0, null, null, ERROR_PAGE);
            case "jetty-compressing" -> new JettyTestServer(setup, true, 0, null, null, ERROR_PAGE);
            case "tomcat" -> new TomcatTestServer(setup, 0, ERROR_PAGE);
            case "undertow" -> new UndertowTestServer(setup, 0, null, ERROR_PAGE);
            default -> throw new IllegalArgumentException(container);
        };
    }

    /** The given container serving the files under {@code files} at {@code /} with its own static-file servlet. */
    static TestServer servingFiles(String container, java.nio.file.Path files, ServletContainerInitializer setup) throws Exception {
        return switch (container) {
            case "jetty" -> new JettyTestServer(setup, false, 0, null, null, null, files);
            case "tomcat" -> new TomcatTestServer(setup, 0, null, files);
            case "undertow" -> new UndertowTestServer(setup, 0, null, null, files);
            default -> throw new IllegalArgumentException(container);
        };
    }

    /** Jetty behind its gzip compression handler, which compresses responses for clients that accept gzip. */
    static TestServer jettyCompressing(ServletContainerInitializer setup) throws Exception {
        return new JettyTestServer(setup, true, 0);
    }

    static TestServer tomcat(ServletContainerInitializer setup) throws Exception {
        return new TomcatTestServer(setup, 0);
    }

    /** Undertow, the container Spring Boot 3 offers besides Tomcat and Jetty. */
    static TestServer undertow(ServletContainerInitializer setup) throws Exception {
        return new UndertowTestServer(setup, 0);
    }

    /**
     * Jetty whose request pool ends idle threads after a second instead of a minute (all of them at once), so a suite
     * can see the pool shrink back to its baseline.
     */
    static TestServer jettyWithShrinkingPool(ServletContainerInitializer setup) throws Exception {
        return new JettyTestServer(setup, false, 0, null, java.time.Duration.ofSeconds(1));
    }

    /** Undertow with a socket read timeout, as a Spring Boot application sets one for stalled bodies. */
    static TestServer undertowWithReadTimeout(ServletContainerInitializer setup, java.time.Duration readTimeout) throws Exception {
        return new UndertowTestServer(setup, 0, null, null, null, readTimeout);
    }

    /** Undertow whose worker pool ends idle threads after a second. */
    static TestServer undertowWithShrinkingPool(ServletContainerInitializer setup) throws Exception {
        return new UndertowTestServer(setup, 0, java.time.Duration.ofSeconds(1));
    }

    /** Tomcat whose request pool ends idle threads above its minimum after a second instead of a minute. */
    static TestServer tomcatWithShrinkingPool(ServletContainerInitializer setup) throws Exception {
        TomcatTestServer server = new TomcatTestServer(setup, 0);
        server.endIdleThreadsAfter(java.time.Duration.ofSeconds(1));
        return server;
    }

    /** Jetty on a given port (0: any free one), for an application that must know its own URL when it starts. */
    static TestServer jetty(ServletContainerInitializer setup, int port) throws Exception {
        return new JettyTestServer(setup, false, port);
    }

    /**
     * Jetty on a given port whose sessions live only serialized, in files under {@code sessionDir}, between requests,
     * and are written only when an attribute is set or removed: what a distributed session store does.
     */
    static TestServer jettySerializingSessions(ServletContainerInitializer setup, int port, java.nio.file.Path sessionDir)
            throws Exception {
        return new JettyTestServer(setup, false, port, sessionDir);
    }

    /** Tomcat on a given port (0: any free one). */
    static TestServer tomcat(ServletContainerInitializer setup, int port) throws Exception {
        return new TomcatTestServer(setup, port);
    }
}
