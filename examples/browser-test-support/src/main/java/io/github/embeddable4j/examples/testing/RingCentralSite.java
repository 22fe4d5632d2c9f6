package io.github.embeddable4j.examples.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * RingCentral's two widget hosts, {@code https://apps.ringcentral.com} and {@code https://ringcentral.github.io},
 * served from loopback over HTTPS with a throw-away certificate, with the REAL built loader: the unchanged
 * {@code adapter.js} of RingCentral's GitHub Pages build (MIT), which frames
 * {@code https://ringcentral.github.io/ringcentral-embeddable/app.html} wherever it is served from. The frame is
 * {@link StandInWidget#APP_HTML} (the real {@code app.js} is not available offline). Start Chromium with
 * {@link #chromiumArguments()} so both host names resolve here and the certificate is accepted.
 *
 * <p>The real files are not part of this repository: they are read from a folder {@code shared/fixtures/
 * ringcentral-embeddable} next to the checkout (or the folder named by the system property
 * {@code embeddable4j.widget.fixtures}). {@link #fixtures(Class)} is empty where it is absent, and tests that need it
 * say so.
 */
public final class RingCentralSite implements AutoCloseable {

    /** The path the hosted "latest" folder serves the loader at. */
    public static final String LATEST = "/integration/ringcentral-embeddable/latest/";
    /** The folder the GitHub Pages build frames. */
    public static final String GITHUB_PAGES = "/ringcentral-embeddable/";

    private final Path fixtures;
    private final Path keystore;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final boolean loggedIn;

    /**
     * The folder with the real widget files, when it is there. When it is not, says so on standard output, naming the
     * test left out: a skipped test's reason is otherwise only in its report, and a class skipped before its first
     * test counts as no test at all.
     */
    public static Optional<Path> fixtures(Class<?> test) {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            System.out.println("[" + test.getSimpleName() + "] " + ABSENT);
        }
        return found;
    }

    private static Optional<Path> find() {
        String configured = System.getProperty("embeddable4j.widget.fixtures");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p.resolve("adapter.js")) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/ringcentral-embeddable");
            if (Files.isRegularFile(candidate.resolve("adapter.js"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a test that needs the real files is left out, for its assumption message. */
    public static final String ABSENT = "left out: the real widget files (a folder shared/fixtures/ringcentral-embeddable"
            + " next to the checkout, or -Dembeddable4j.widget.fixtures=<folder>) are not on this machine";

    public RingCentralSite(Path fixtures, boolean loggedIn) throws Exception {
        this.fixtures = fixtures;
        this.loggedIn = loggedIn;
        this.keystore = Files.createTempFile("embeddable4j-site", ".p12");
        Files.delete(keystore);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=apps.ringcentral.com", "-ext", "SAN=dns:apps.ringcentral.com,dns:ringcentral.github.io",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"));
        String path = exchange.getRequestURI().getPath();
        requests.add(host + exchange.getRequestURI());
        byte[] body = null;
        String type = "text/html; charset=utf-8";
        if (host.startsWith("apps.ringcentral.com") && path.equals(LATEST + "adapter.js")) {
            body = Files.readAllBytes(fixtures.resolve("adapter.js"));
            type = "text/javascript; charset=utf-8";
        } else if (host.startsWith("ringcentral.github.io") && path.equals(GITHUB_PAGES + "app.html")) {
            body = StandInWidget.appHtml(loggedIn, null).getBytes(StandardCharsets.UTF_8);
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Chromium arguments that send both host names here and accept the throw-away certificate. */
    public List<String> chromiumArguments() {
        int port = server.getAddress().getPort();
        return List.of("--ignore-certificate-errors", "--host-resolver-rules=MAP apps.ringcentral.com 127.0.0.1:" + port
                + ", MAP ringcentral.github.io 127.0.0.1:" + port);
    }

    /** Every request as host and path, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        Files.deleteIfExists(keystore);
    }
}
