package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.servlet.containers.TestServer;
import io.github.embeddable4j.servlet.testing.BridgePosts;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One deployment serving several tenants, each with its own RingCentral app (a multi-tenant trial found every host
 * getting the one configuration): the filter and the redirect page ask an {@link EmbeddableSelector} per request.
 * Here the tenant is the host name the request names (localhost: acme, 127.0.0.1: globex), and a header picks a
 * tenant without RingCentral, one added while the application runs, or a lookup that fails.
 */
class EmbeddableSelectorTest {

    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acmeClientId123")
            .redirectUri("https://acme.example.com/ringcentral/redirect").build());
    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").hosting("https://widgets.globex.example/embeddable/")
            .redirectUri("https://widgets.globex.example/embeddable/redirect.html").build());

    private final Map<String, Embeddable> tenants = new ConcurrentHashMap<>(Map.of("localhost", ACME, "127.0.0.1", GLOBEX));
    private final AtomicInteger lookups = new AtomicInteger();

    private final EmbeddableSelector selector = request -> {
        lookups.incrementAndGet();
        String tenant = request.getHeader("X-Tenant");
        if ("broken".equals(tenant)) {
            throw new IllegalStateException("tenant store down");
        }
        return tenants.get(tenant != null ? tenant : request.getServerName());
    };

    private final List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();

    private TestServer start(String container) throws Exception {
        ServletContainerInitializer setup = (c, ctx) -> {
            WidgetEventDispatcher events = WidgetEventDispatcher.builder().listener(received::add).build();
            EmbeddableFilter.register(ctx, new EmbeddableFilter(ACME).withSelector(selector)
                    .withEventBridge(BridgeServlet.DEFAULT_MOUNT, events.subscribedTypes(), CsrfTokenResolver.none()));
            BridgeServlet.register(ctx, new BridgeServlet(ACME, events, null, BridgeLimits.defaults()).withSelector(selector),
                    BridgeServlet.DEFAULT_MOUNT);
            ctx.addServlet("redirect", new RedirectPageServlet(ACME).withSelector(selector)).addMapping("/ringcentral/redirect");
            ctx.addServlet("pages", new PageServlet()).addMapping("/page");
        };
        return container.equals("jetty") ? TestServer.jetty(setup) : TestServer.tomcat(setup);
    }

    private static HttpResponse<String> get(TestServer server, String host, String path, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + path));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void eachTenantsPagesGetItsOwnWidgetAndATenantWithoutNone(String container) throws Exception {
        Embeddable hooli = Embeddable.of(EmbeddableConfig.builder().clientId("hooliClientId789").build());
        try (TestServer server = start(container)) {
            String acme = get(server, "localhost", "/page", null).body();
            assertThat(acme).contains("clientId=acmeClientId123").doesNotContain("globex")
                    .contains("data-prefix=\"rc-widget\"");
            String globex = get(server, "127.0.0.1", "/page", null).body();
            assertThat(globex).contains("https://widgets.globex.example/embeddable/adapter.js?clientId=globexClientId456")
                    .contains("data-prefix=\"gx\"").contains("https://widgets.globex.example") // the bridge's origins
                    .doesNotContain("acmeClientId123");

            HttpResponse<String> initech = get(server, "localhost", "/page", "initech");
            assertThat(initech.statusCode()).isEqualTo(200);
            assertThat(initech.body()).contains("<title>Caf").doesNotContain("adapter.js").doesNotContain("embeddable4j.js");

            tenants.put("hooli", hooli); // an admin adds a tenant: its next page has its widget, no restart
            assertThat(get(server, "localhost", "/page", "hooli").body()).contains("clientId=hooliClientId789");

            // A lookup that fails leaves the page without the widget, and the application serving.
            HttpResponse<String> broken = get(server, "localhost", "/page", "broken");
            assertThat(broken.statusCode()).isEqualTo(200);
            assertThat(broken.body()).contains("<title>Caf").doesNotContain("adapter.js");
            assertThat(get(server, "localhost", "/page", null).body()).contains("clientId=acmeClientId123");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void theRedirectPageIsTheTenantsAndNoneWhereThereIsNoTenant(String container) throws Exception {
        try (TestServer server = start(container)) {
            HttpResponse<String> acme = get(server, "localhost", "/ringcentral/redirect?code=c&state=s", null);
            assertThat(acme.statusCode()).isEqualTo(200);
            assertThat(acme.body()).isEqualTo(RedirectPage.of(ACME).html());
            HttpResponse<String> globex = get(server, "127.0.0.1", "/ringcentral/redirect?code=c&state=s", null);
            assertThat(globex.body()).isEqualTo(RedirectPage.of(GLOBEX).html()).isNotEqualTo(acme.body());
            assertThat(globex.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("https://widgets.globex.example"));

            HttpResponse<String> none = get(server, "localhost", "/ringcentral/redirect", "initech");
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).isEqualTo("{\"error\":\"not-found\",\"message\":\"No redirect page here.\"}");
            assertThat(get(server, "localhost", "/ringcentral/redirect", "broken").statusCode()).isEqualTo(404);
        }
    }

    /**
     * The one bridge serves every tenant, and each event carries the widget the selector picked for its request, so a
     * listener can tell the tenant (two multi-tenant trials kept a map of their own from users to tenants), and the host
     * name it looked the widget up by, which tells tenants with equal settings apart (asked by three trials). Where the
     * selector picks none (a tenant without RingCentral, whose pages have no bridge script), the bridge answers 404: a
     * WebFlux trial's post there reached its listener.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void eachEventCarriesItsTenantsWidgetAndATenantWithoutHasNoBridge(String container) throws Exception {
        try (TestServer server = start(container)) {
            assertThat(postEvent(server, "localhost", null).statusCode()).isEqualTo(202);
            assertThat(postEvent(server, "127.0.0.1", null).statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).extracting(ReceivedWidgetEvent::widget, ReceivedWidgetEvent::host)
                    .containsExactlyInAnyOrder(tuple(ACME, "localhost"), tuple(GLOBEX, "127.0.0.1"));

            HttpResponse<String> initech = postEvent(server, "localhost", "initech");
            assertThat(initech.statusCode()).isEqualTo(404);
            assertThat(initech.body()).isEqualTo("{\"error\":\"not-found\",\"message\":\"No widget here.\"}");
            assertThat(get(server, "localhost", "/embeddable4j/embeddable4j.js", "initech").statusCode()).isEqualTo(404);
            assertThat(get(server, "localhost", "/embeddable4j/embeddable4j.js", null).statusCode()).isEqualTo(200);
            Thread.sleep(200);
            assertThat(received).hasSize(2);
        }
    }

    private static HttpResponse<String> postEvent(TestServer server, String host, String tenant) throws Exception {
        String origin = "http://" + host + ":" + server.port();
        return tenant == null ? BridgePosts.ring(HttpClient.newHttpClient(), origin)
                : BridgePosts.ring(HttpClient.newHttpClient(), origin, "X-Tenant", tenant);
    }

    /** Pages of several tenants at once each get their own widget: what is cached is the tenant's, not the filter's. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat"})
    void concurrentPagesOfSeveralTenantsNeverMix(String container) throws Exception {
        try (TestServer server = start(container)) {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<String>> wrong = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    String host = i % 3 == 0 ? "localhost" : "127.0.0.1";
                    String tenant = i % 3 == 2 ? "initech" : null;
                    Callable<String> check = () -> {
                        String page = get(server, host, "/page", tenant).body();
                        boolean right = tenant != null ? !page.contains("clientId=")
                                : host.equals("localhost") ? page.contains("clientId=acmeClientId123") && !page.contains("globex")
                                : page.contains("clientId=globexClientId456") && !page.contains("acme");
                        return right ? null : host + "/" + tenant + ": " + page;
                    };
                    wrong.add(pool.submit(check));
                }
                Set<String> mixed = ConcurrentHashMap.newKeySet();
                for (Future<String> f : wrong) {
                    String failure = f.get();
                    if (failure != null) {
                        mixed.add(failure);
                    }
                }
                assertThat(mixed).isEmpty();
                assertThat(lookups.get()).isGreaterThanOrEqualTo(60);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
