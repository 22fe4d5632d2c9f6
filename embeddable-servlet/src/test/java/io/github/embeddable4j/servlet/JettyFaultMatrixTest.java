package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The fault matrix on Jetty 12 (ee10). */
class JettyFaultMatrixTest extends FaultMatrixContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.jettyWithShrinkingPool(setup);
    }
}
