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

    static TestServer jetty(ServletContainerInitializer setup) throws Exception {
        return new JettyTestServer(setup, false);
    }

    /** Jetty behind its gzip compression handler, which compresses responses for clients that accept gzip. */
    static TestServer jettyCompressing(ServletContainerInitializer setup) throws Exception {
        return new JettyTestServer(setup, true);
    }

    static TestServer tomcat(ServletContainerInitializer setup) throws Exception {
        return new TomcatTestServer(setup);
    }
}
