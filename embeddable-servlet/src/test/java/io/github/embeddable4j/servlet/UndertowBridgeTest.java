package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The bridge endpoint contract on Undertow 2.3. */
class UndertowBridgeTest extends BridgeContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.undertowWithShrinkingPool(setup);
    }

    @Override
    boolean closesAfter413() {
        return false; // it reads the refused body and keeps the connection
    }
}
