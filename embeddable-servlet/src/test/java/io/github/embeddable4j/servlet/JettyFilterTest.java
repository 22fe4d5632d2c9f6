package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The filter contract on Jetty 12 (ee10). */
class JettyFilterTest extends FilterContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.withErrorPage("jetty", setup);
    }
}
