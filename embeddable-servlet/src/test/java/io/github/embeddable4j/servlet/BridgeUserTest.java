package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An application whose own sign-in keeps its user in the session: the container knows no user, so events came with
 * none (a Javadoc-only trial found nothing that said how to name one, and wrapped the requests in a filter of its
 * own). {@code withUser} names it with the same resolver sign in once takes.
 */
class BridgeUserTest {

    private static final String BATCH = "{\"tab\":\"0123456789abcdef\",\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/\"}]}";

    @Test
    void aSessionOnlySignInNamesTheUserOfEventsThroughTheResolver() throws Exception {
        assertThat(usersOfEvents(null, null)).as("without withUser: the container knows nobody").containsExactly("-");
        assertThat(usersOfEvents(AppUserResolver.sessionAttribute("user"), null)).containsExactly("ada");
    }

    /**
     * The request's own principal (the container's or Spring Security's sign-in) comes first: the starter hands its
     * AppUserResolver bean to the bridge, and listeners of an application with both kept Spring's principal.
     */
    @Test
    void theRequestsPrincipalComesBeforeTheResolver() throws Exception {
        assertThat(usersOfEvents(AppUserResolver.sessionAttribute("user"), "grace")).containsExactly("grace");
    }

    /** A resolver that fails (a user store that is down) names nobody, said once; the events are still taken. */
    @Test
    void aFailingResolverNamesNobodyAndIsSaidOnce() throws Exception {
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog()) {
            assertThat(usersOfEvents(request -> {
                throw new IllegalStateException("user store down");
            }, null, 2)).as("both posts taken").containsExactly("-", "-");
            assertThat(log.lines()).filteredOn(m -> m.contains("AppUserResolver failed")).hasSize(1);
        }
    }

    private static List<String> usersOfEvents(AppUserResolver resolver, String containerUser) throws Exception {
        return usersOfEvents(resolver, containerUser, 1);
    }

    /** The users of {@code posts} event batches, each of one event, posted after the application's sign-in. */
    private static List<String> usersOfEvents(AppUserResolver resolver, String containerUser, int posts) throws Exception {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("bridge-user").build());
        List<String> users = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder()
                .listener((ReceivedWidgetEvent e) -> users.add(e.userName().orElse("-"))).build();
             TestServer server = TestServer.jetty((classes, ctx) -> {
                 ctx.addServlet("sign-in", new HttpServlet() {
                     @Override
                     protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                         request.getSession().setAttribute("user", "ada"); // the application's own sign-in
                     }
                 }).addMapping("/sign-in");
                 if (containerUser != null) { // the container's sign-in, as a filter in front of the bridge
                     ctx.addFilter("container-user", (jakarta.servlet.Filter) (request, response, chain) -> chain.doFilter(
                             new jakarta.servlet.http.HttpServletRequestWrapper((HttpServletRequest) request) {
                                 @Override
                                 public java.security.Principal getUserPrincipal() {
                                     return () -> containerUser;
                                 }
                             }, response)).addMappingForUrlPatterns(null, false, "/*");
                 }
                 BridgeServlet bridge = new BridgeServlet(embeddable, dispatcher, BridgeLimits.defaults());
                 BridgeServlet.register(ctx, resolver != null ? bridge.withUser(resolver) : bridge, "/embeddable4j");
             })) {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            client.send(HttpRequest.newBuilder(URI.create(server.url("/sign-in"))).build(), HttpResponse.BodyHandlers.discarding());
            for (int i = 0; i < posts; i++) {
                HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(server.url("/embeddable4j/events")))
                        .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString(BATCH)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (users.size() < posts && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        return users;
    }
}
