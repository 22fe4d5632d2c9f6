package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The bridge endpoint contract on Tomcat. */
class TomcatBridgeTest extends BridgeContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.tomcatWithShrinkingPool(setup); // its pool shrinks back after the load
    }

    @Override
    boolean closesAfter413() {
        return true;
    }

    @Override
    boolean readsTheRestOfTheBodyAfterTheAnswer() {
        return true;
    }

    @Override
    boolean sends100ContinueItself() {
        return true; // continueResponseTiming="immediately", its default
    }
}
