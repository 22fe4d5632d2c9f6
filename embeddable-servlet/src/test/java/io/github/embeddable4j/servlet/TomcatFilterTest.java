package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;

/** The filter contract on Tomcat 11. */
class TomcatFilterTest extends FilterContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.withErrorPage("tomcat", setup);
    }
}
