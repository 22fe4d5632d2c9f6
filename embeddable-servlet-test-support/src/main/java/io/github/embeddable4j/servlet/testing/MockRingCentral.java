package io.github.embeddable4j.servlet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.login.PkcePair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RingCentral authorization server as far as the handoff needs one, on 127.0.0.1: {@code /restapi/oauth/authorize}
 * checks the request (client, registered redirect URI, S256 challenge, state), remembers the challenge and redirects
 * back with a single-use code (or {@code error=access_denied} after {@link #denyNext()}); {@code /restapi/oauth/token}
 * exchanges a code the way RingCentral checks a PKCE client's exchange: grant type, code (once), client ID, the
 * redirect URI it was issued for (else OAU-109), and SHA-256 of the verifier against the challenge.
 */
public final class MockRingCentral implements AutoCloseable {

    public record IssuedCode(String clientId, String redirectUri, String challenge) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String clientId;
    /** The apps this server knows: client ID to the redirect URI registered on it. */
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final AtomicBoolean denyNext = new AtomicBoolean();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    public final AtomicInteger authorizeRequests = new AtomicInteger();
    /** Tokens issued, one per code exchanged. */
    public final AtomicInteger tokensIssued = new AtomicInteger();
    /** The {@code Origin} of each token request ("none" without one): a browser's (the widget's frame) or a server's. */
    public final List<String> tokenRequestOrigins = new CopyOnWriteArrayList<>();

    public MockRingCentral(String clientId) throws IOException {
        this.clientId = clientId;
        server = bindAvoidingHandedOutPorts();
        server.createContext("/restapi/oauth/authorize", this::authorize);
        server.createContext("/restapi/oauth/token", this::token);
        server.start();
    }

    /**
     * A mock for {@code clientId} with {@code redirectUri} registered, for a test's static field.
     *
     * <pre>{@code static final MockRingCentral RINGCENTRAL = MockRingCentral.start("sign-in-once", CALLBACK);}</pre>
     */
    public static MockRingCentral start(String clientId, String redirectUri) {
        try {
            MockRingCentral mock = new MockRingCentral(clientId);
            mock.register(redirectUri);
            return mock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port the system picks, but none {@link #freePort()} handed out: a test picks its application's port, then
     * starts this mock, and the system may give the mock the port just released (seen once: the application could
     * not bind it, and the test's requests reached the mock's 404).
     */
    private static HttpServer bindAvoidingHandedOutPorts() throws IOException {
        for (int attempt = 0; ; attempt++) {
            HttpServer candidate = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            if (!HANDED_OUT.contains(candidate.getAddress().getPort()) || attempt == 20) {
                return candidate;
            }
            candidate.stop(0);
        }
    }

    /** The ports {@link #freePort()} handed out, which this JVM's mocks do not take. */
    private static final java.util.Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A loopback port free now, for an application whose redirect URI (which names its port) must be registered
     * before it starts: one below the range the system gives outgoing connections, so no client's connection takes it
     * before the application binds it (this JVM's mocks do not take it either; another process still may).
     */
    public static int freePort() {
        // Below the range the system gives outgoing connections: a port from it (what ServerSocket(0) hands out) was
        // taken in CI by some client's connection between choosing it and the application binding it.
        int below = firstEphemeralPort();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; below > 11_000 && attempt < 50; attempt++) {
            int port = 10_000 + random.nextInt(below - 10_000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                HANDED_OUT.add(port);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first port of Linux's range for outgoing connections (32768 unless set), or 0 where it cannot be read. */
    private static int firstEphemeralPort() {
        try {
            // a /proc file says its size is 0, and Files.readString then reads one character of it
            String range = java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux: what the system hands out
        }
    }

    /**
     * The token request the widget makes with what its frame's URL carries: the code, PKCE's verifier, no secret,
     * the redirect URI the code was issued for. The mock answers 200 once per code, as RingCentral does.
     */
    public HttpResponse<String> exchangeCode(String clientId, String code, String redirectUri, String verifier) {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirectUri) + "&code_verifier=" + enc(verifier);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/restapi/oauth/token")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The token request the widget of a page would make with the login its loader URL carries: that URL's client ID,
     * code, redirect URI and verifier (the page's first one of each).
     */
    public HttpResponse<String> exchangeAsTheWidgetOf(String page) {
        return exchangeCode(loaderParameter(page, "clientId"), loaderParameter(page, "authorizationCode"),
                loaderParameter(page, "redirectUri"), loaderParameter(page, "authorizationCodeVerifier"));
    }

    /** A query parameter of the widget's URL in a page (its first), decoded; an {@link AssertionError} without one. */
    public static String loaderParameter(String page, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]" + java.util.regex.Pattern.quote(name)
                + "=([^&\"'\\s]+)").matcher(page.replace("&amp;", "&"));
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + page);
        }
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The redirect URI registered on the app: the only one the authorize endpoint accepts. */
    public void register(String redirectUri) {
        apps.put(clientId, redirectUri);
    }

    /** Another app on this server (another tenant's), with its own registered redirect URI. */
    public void registerApp(String otherClientId, String redirectUri) {
        apps.put(otherClientId, redirectUri);
    }

    /** The next authorize request is answered as if the user declined. */
    public void denyNext() {
        denyNext.set(true);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        authorizeRequests.incrementAndGet();
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String problem = !exchange.getRequestMethod().equals("GET") ? "method"
                : !"code".equals(q.get("response_type")) ? "response_type"
                : q.get("client_id") == null || !apps.containsKey(q.get("client_id")) ? "client_id"
                : !apps.get(q.get("client_id")).equals(q.get("redirect_uri")) ? "redirect_uri"
                : !"S256".equals(q.get("code_challenge_method")) ? "code_challenge_method"
                : q.get("code_challenge") == null || !q.get("code_challenge").matches("[A-Za-z0-9_-]{43}") ? "code_challenge"
                : q.get("state") == null || q.get("state").isEmpty() ? "state" : null;
        if (problem != null) {
            json(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"bad " + problem + "\"}");
            return;
        }
        String back = q.get("redirect_uri") + "?";
        if (denyNext.getAndSet(false)) {
            back += "error=access_denied&error_description=" + enc("The user has denied access") + "&state=" + enc(q.get("state"));
        } else {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            String code = "U0FOREJPWH" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            codes.put(code, new IssuedCode(q.get("client_id"), q.get("redirect_uri"), q.get("code_challenge")));
            back += "code=" + enc(code) + "&state=" + enc(q.get("state"));
        }
        exchange.getResponseHeaders().set("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        tokenRequestOrigins.add(origin == null ? "none" : origin);
        // RingCentral's API answers browsers' requests (the widget exchanges its code from its own frame)
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (!exchange.getRequestMethod().equals("POST")) {
            json(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        IssuedCode issued = form.get("code") == null ? null : codes.remove(form.get("code")); // single use, whatever follows
        if (issued == null) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}");
        } else if (!issued.clientId().equals(form.get("client_id"))) {
            json(exchange, 400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
        } else if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Redirect URIs do not match\","
                    + "\"errors\":[{\"errorCode\":\"OAU-109\"}]}");
        } else if (form.get("code_verifier") == null || !matches(form.get("code_verifier"), issued.challenge())) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid code verifier\"}");
        } else {
            tokensIssued.incrementAndGet();
            json(exchange, 200, "{\"access_token\":\"at-" + RANDOM.nextInt(1 << 30) + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":3600,\"refresh_token\":\"rt\",\"refresh_token_expires_in\":604800,\"owner_id\":\"42\"}");
        }
    }

    private static boolean matches(String verifier, String challenge) {
        try {
            return PkcePair.s256Challenge(verifier).equals(challenge);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public static Map<String, String> parse(String query) {
        Map<String, String> map = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return map;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.putIfAbsent(key, value);
        }
        return map;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
