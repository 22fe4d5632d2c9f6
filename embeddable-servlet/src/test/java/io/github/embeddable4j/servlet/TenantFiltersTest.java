package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two tenants' filters, each with a selector that gives its widget to its own pages only (null elsewhere): on tenant
 * A's page, filter B meets A's wrapper, but its selector gives it no widget there, so nothing of B's is lost and it
 * says nothing (a review: it said its settings did nothing, and to keep one filter). The warning itself is
 * {@code FilterContractTest.aResponseIsNotWrappedTwice}'s.
 */
class TenantFiltersTest {

    @Test
    void aFilterWhoseSelectorGivesThePageNoWidgetDoesNotWarn() throws Exception {
        Embeddable a = Embeddable.of(EmbeddableConfig.builder().clientId("tenant-a").build());
        Embeddable b = Embeddable.of(EmbeddableConfig.builder().clientId("tenant-b").build());
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog();
                TestServer server = TestServer.jetty((classes, ctx) -> {
                    ctx.addFilter("tenantA", new EmbeddableFilter(a).withSelector(r -> r.getRequestURI().startsWith("/a/") ? a : null))
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                    ctx.addFilter("tenantB", new EmbeddableFilter(b).withSelector(r -> r.getRequestURI().startsWith("/b/") ? b : null))
                            .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                    ctx.addServlet("pages", new PageServlet()).addMapping("/a/*", "/b/*");
                })) {
            List<String> said = log.lines();
            HttpClient client = HttpClient.newHttpClient();
            String pageA = client.send(HttpRequest.newBuilder(URI.create(server.url("/a/page"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(said).as("tenant B's filter lost nothing on A's page").noneMatch(m -> m.contains("another EmbeddableFilter"));
            assertThat(pageA).contains("tenant-a").doesNotContain("tenant-b");
            // (B's own pages get no widget from B here: the request's choice is made once, by the first selector asked,
            // so page, tags and redirect page agree; several tenants take one filter with one selector, docs/tenants.md)
        }
    }
}
