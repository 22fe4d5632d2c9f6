package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The third-party service endpoint on Jetty. */
class JettyServiceTest extends ServiceContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.jettyWithShrinkingPool(setup); // its pool shrinks back after the load
    }
}
