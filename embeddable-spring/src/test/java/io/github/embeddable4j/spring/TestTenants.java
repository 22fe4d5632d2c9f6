package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The tenants of the starter's selector tests: the starter's own widget (acme, from properties) on localhost,
 * globex's on 127.0.0.1, and {@code X-Tenant: initech}, a tenant without RingCentral, gets none.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestTenants {

    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").redirectUri("https://globex.example.com/ringcentral/redirect").build());

    @Bean
    EmbeddableSelector tenantSelector(Embeddable acme) {
        return request -> "initech".equals(request.getHeader("X-Tenant")) ? null
                : request.getServerName().equals("127.0.0.1") ? GLOBEX : acme;
    }

    /** GET of {@code path} on {@code host}, as {@code tenant} when not null. */
    static HttpResponse<String> get(String host, int port, String path, @Nullable String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
