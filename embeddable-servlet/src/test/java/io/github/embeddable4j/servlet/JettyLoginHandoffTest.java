package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;

/** "Sign in once" on Jetty 12 (ee10). */
class JettyLoginHandoffTest extends LoginHandoffContractTest {
    @Override
    LoginTestApp.Container container() {
        return TestServer::jetty;
    }
}
