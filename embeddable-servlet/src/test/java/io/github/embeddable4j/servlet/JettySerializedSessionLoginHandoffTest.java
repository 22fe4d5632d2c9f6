package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Sign in once" on Jetty with sessions that exist only serialized between requests and are saved only when an
 * attribute is set or removed, as distributed session stores do: a handoff used in place but not removed from the
 * session would come back on the next page.
 */
class JettySerializedSessionLoginHandoffTest extends LoginHandoffContractTest {
    @Override
    LoginTestApp.Container container() {
        Path dir;
        try {
            dir = Files.createTempDirectory("embeddable4j-sessions");
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (setup, port) -> TestServer.jettySerializingSessions(setup, port, dir);
    }
}
