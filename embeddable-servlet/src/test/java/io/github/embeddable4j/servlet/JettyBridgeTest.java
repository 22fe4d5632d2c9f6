package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The bridge endpoint contract on Jetty. */
class JettyBridgeTest extends BridgeContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.jettyWithShrinkingPool(setup); // its pool shrinks back after the load
    }

    @Override
    boolean closesAfter413() {
        return false;
    }
}
