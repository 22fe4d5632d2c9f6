package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * Sign in once with a persistent WebSession store, as Spring Session Data Redis keeps sessions for a reactive
 * application: each request reads its own copy of the session, and {@code save()} (at the response's commit, from
 * WebFlux's session manager) writes what was put or removed through the session's attributes, its delta. The page
 * that carries the one-time login must take it out of the stored session, as it does with WebFlux's in-memory store.
 */
@SpringBootTest(classes = {WebFluxApplication.class, SignInOnceWithPersistentSessionsTest.DeltaSessions.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SignInOnceWithPersistentSessionsTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("sign-in-once-persistent", CALLBACK);
    static final byte[] KEY = "webflux-sign-in-once-key-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII);
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "sign-in-once-persistent");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> Base64.getEncoder().encodeToString(KEY));
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    /** WebFlux's session manager over a store that keeps sessions serialized and saves their delta (as Redis does). */
    @Configuration(proxyBeanMethods = false)
    static class DeltaSessions {
        @Bean(name = "webSessionManager")
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager manager = new DefaultWebSessionManager();
            manager.setSessionStore(new DeltaStore());
            return manager;
        }
    }

    static final class DeltaStore implements WebSessionStore {
        final Map<String, Map<String, byte[]>> stored = new ConcurrentHashMap<>();

        @Override
        public Mono<WebSession> createWebSession() {
            return Mono.fromSupplier(() -> new Session(UUID.randomUUID().toString(), new HashMap<>(), false));
        }

        @Override
        public Mono<WebSession> retrieveSession(String id) {
            return Mono.fromSupplier(() -> {
                Map<String, byte[]> kept = stored.get(id);
                if (kept == null) {
                    return null;
                }
                Map<String, Object> attributes = new HashMap<>();
                kept.forEach((name, bytes) -> attributes.put(name, deserialize(bytes)));
                return new Session(id, attributes, true);
            });
        }

        @Override
        public Mono<Void> removeSession(String id) {
            return Mono.fromRunnable(() -> stored.remove(id));
        }

        @Override
        public Mono<WebSession> updateLastAccessTime(WebSession session) {
            return Mono.just(session);
        }

        static byte[] serialize(Object value) {
            try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
                out.flush();
                return bytes.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static Object deserialize(byte[] bytes) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return in.readObject();
            } catch (java.io.IOException | ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        final class Session implements WebSession {
            private String id;
            private final Set<String> delta = new HashSet<>();
            private final Map<String, Object> attributes;
            private boolean started;
            private boolean invalid;
            private final Instant created = Instant.now();

            Session(String id, Map<String, Object> loaded, boolean started) {
                this.id = id;
                this.started = started;
                this.attributes = new HashMap<>(loaded) {
                    @Override
                    public Object put(String key, Object value) {
                        delta.add(key);
                        return super.put(key, value);
                    }

                    @Override
                    public Object remove(Object key) {
                        delta.add((String) key);
                        return super.remove(key);
                    }
                };
            }

            @Override public String getId() { return id; }
            @Override public Map<String, Object> getAttributes() { return attributes; }
            @Override public void start() { started = true; }
            @Override public boolean isStarted() { return started || !attributes.isEmpty(); }

            @Override
            public Mono<Void> changeSessionId() {
                return Mono.fromRunnable(() -> {
                    String old = id;
                    id = UUID.randomUUID().toString();
                    Map<String, byte[]> kept = stored.remove(old);
                    if (kept != null) {
                        stored.put(id, kept);
                    }
                });
            }

            @Override
            public Mono<Void> invalidate() {
                return Mono.fromRunnable(() -> {
                    invalid = true;
                    stored.remove(id);
                    attributes.clear();
                });
            }

            @Override
            public Mono<Void> save() {
                return Mono.fromRunnable(() -> {
                    if (invalid || !isStarted()) {
                        return;
                    }
                    Map<String, byte[]> kept = stored.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
                    for (String name : delta) {
                        Object value = attributes.get(name);
                        if (value == null) {
                            kept.remove(name);
                        } else {
                            kept.put(name, serialize((Serializable) value));
                        }
                    }
                    delta.clear();
                });
            }

            @Override public boolean isExpired() { return false; }
            @Override public Instant getCreationTime() { return created; }
            @Override public Instant getLastAccessTime() { return created; }
            @Override public void setMaxIdleTime(Duration maxIdleTime) { }
            @Override public Duration getMaxIdleTime() { return Duration.ofMinutes(30); }
        }
    }

    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    HttpResponse<String> get(String pathOrUrl) throws Exception {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + PORT + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (uri.getPort() == PORT) {
            b.header("Authorization", BASIC);
        }
        return client.send(b.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOneTimeLoginIsCarriedByOnePageOnlyWithAPersistentSessionStore() throws Exception {
        HttpResponse<String> start = get("/ringcentral/connect?return=/inbox");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        HttpResponse<String> ringcentral = get(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = get(ringcentral.headers().firstValue("Location").orElseThrow());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);

        HttpResponse<String> page = get("/inbox");
        assertThat(page.body()).contains("authorizationCode=");

        HttpResponse<String> next = get("/inbox");
        assertThat(next.body()).as("the page after the one that carried the one-time login").contains("apps.ringcentral.com")
                .doesNotContain("authorizationCode=");
    }
}
