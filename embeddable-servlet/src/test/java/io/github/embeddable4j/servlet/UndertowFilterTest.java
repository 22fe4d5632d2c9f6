package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The filter contract on Undertow 2.3. */
class UndertowFilterTest extends FilterContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.withErrorPage("undertow", setup);
    }
}
