package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;

/** "Sign in once" on Tomcat 11. */
class TomcatLoginHandoffTest extends LoginHandoffContractTest {
    @Override
    LoginTestApp.Container container() {
        return TestServer::tomcat;
    }
}
