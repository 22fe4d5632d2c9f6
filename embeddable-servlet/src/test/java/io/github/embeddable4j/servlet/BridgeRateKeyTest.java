package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whom the bridge's rate limit counts a request against in a stateless application (a bearer token on every request,
 * no session): its signed-in user, so users behind one address (a NAT, a company proxy) do not share one limit, while
 * requests with neither session nor user still count against their address.
 */
class BridgeRateKeyTest {

    private static final String BATCH = "{\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/\"}]}";

    @Test
    void withoutASessionTheSignedInUserIsLimitedNotTheAddress() throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("rate-key").build());
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> { }).build();
             TestServer server = TestServer.jetty((classes, ctx) -> {
                 // As a token filter does: the request's user from its Authorization header, no session.
                 Filter bearer = (req, resp, chain) -> {
                     String auth = ((HttpServletRequest) req).getHeader("Authorization");
                     chain.doFilter(auth == null ? req : new HttpServletRequestWrapper((HttpServletRequest) req) {
                         @Override
                         public Principal getUserPrincipal() {
                             return () -> auth.substring("Bearer ".length());
                         }
                     }, resp);
                 };
                 ctx.addFilter("bearer", bearer).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
                 BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher,
                         BridgeLimits.defaults().withRate(3, Duration.ofMinutes(1))), "/embeddable4j");
             })) {
            HttpClient client = HttpClient.newHttpClient();
            List<Integer> ada = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ada.add(post(client, server, "Bearer ada"));
            }
            assertThat(ada).containsExactly(202, 202, 202, 429); // the limit holds for a user
            assertThat(post(client, server, "Bearer grace")).as("another user at the same address").isEqualTo(202);
            List<Integer> anonymous = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                anonymous.add(post(client, server, null));
            }
            assertThat(anonymous).containsExactly(202, 202, 202, 429); // no user, no session: the address
        }
    }

    private static int post(HttpClient client, TestServer server, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/embeddable4j/events")))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(BATCH));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
