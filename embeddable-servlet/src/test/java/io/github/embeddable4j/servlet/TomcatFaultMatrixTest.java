package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The fault matrix on Tomcat 11. */
class TomcatFaultMatrixTest extends FaultMatrixContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.tomcatWithShrinkingPool(setup);
    }

    @Override
    boolean sendsBufferedOutputOfAFailedRequest() {
        return true;
    }
}
