package io.github.embeddable4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/**
 * {@link BenchmarkServer}'s variants and pages on embedded Tomcat 11 (NIO connector on 127.0.0.1, a fixed pool of 32
 * request threads). Keep-alive connections are not capped (Tomcat closes them after 100 requests by default, Jetty
 * never), so both containers are measured on the same persistent connections.
 */
final class TomcatBenchmarkServer implements PageServer {

    // Tomcat logs through java.util.logging; its INFO start-up lines would interleave with the results. Held strongly
    // so the level is not lost when the logger is collected.
    private static final Logger CATALINA_LOG = Logger.getLogger("org.apache");

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector;
    private final Path baseDir;

    TomcatBenchmarkServer() throws Exception {
        CATALINA_LOG.setLevel(Level.WARNING);
        baseDir = Files.createTempDirectory("embeddable4j-bench-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        connector = tomcat.getConnector(); // NIO, HTTP/1.1
        connector.setProperty("address", "127.0.0.1");
        // a fixed pool: threads that end mid-run would take their CPU counts with them
        connector.setProperty("maxThreads", "32");
        connector.setProperty("minSpareThreads", "32");
        connector.setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", baseDir.toString());
        // the leak checks at stop need --add-opens and only warn without it; nothing is redeployed here
        ((StandardContext) context).setClearReferencesThreadLocals(false);
        ((StandardContext) context).setClearReferencesRmiTargets(false);
        context.addServletContainerInitializer((classes, ctx) -> BenchmarkServer.registerVariants(ctx), null);
        tomcat.start();
    }

    @Override
    public String url(String variant, String page) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/" + variant + "/" + page;
    }

    @Override
    public String container() {
        return "tomcat";
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
