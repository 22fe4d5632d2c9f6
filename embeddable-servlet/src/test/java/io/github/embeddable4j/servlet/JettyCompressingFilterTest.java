package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/**
 * The filter contract on Jetty 12 (ee10) behind Jetty's gzip compression handler. Tests that ask for gzip get
 * compressed responses (checked, then decompressed); the others see the handler step aside.
 */
class JettyCompressingFilterTest extends FilterContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.withErrorPage("jetty-compressing", setup);
    }

    @Override
    boolean compresses() {
        return true;
    }
}
