package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The plain servlet setup where a review found it wrong (each test failed before): the filter's own settings given
 * twice, a placeholder in nonce-attribute, path lists written one a line, and resolvers that throw.
 */
class FilterSettingsReviewTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .appServer(AppServer.SANDBOX).build());

    private static Map<String, String> settings(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("client-id", "abc");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The filter's own setting given twice is a problem, as a widget setting given twice is. */
    @Test
    void aFilterSettingGivenTwiceToDifferentValuesIsReportedLikeAWidgetSetting() {
        // the widget's: reported
        assertThatThrownBy(() -> EmbeddableFilter.fromSettings(settings("clientId", "other")))
                .isInstanceOf(EmbeddableConfigException.class).hasMessageContaining("set twice");
        // the filter's: one of them won silently (which one depends on the container's map order); now reported
        assertThatThrownBy(() -> EmbeddableFilter.fromSettings(settings("injection-point", "body-end", "injectionPoint",
                "head-end", "enabled", "false", "Enabled", "true")))
                .isInstanceOf(EmbeddableConfigException.class).hasMessageContaining("set twice")
                .hasMessageContaining("injectionPoint").hasMessageContaining("Enabled");
        // the same value twice says what it says, as for a widget setting
        assertThat(EmbeddableFilter.fromSettings(settings("enabled", "false", "Enabled", "false")).rules().enabled()).isFalse();
    }

    @Test
    void aNonceAttributeGivenTwiceIsReported() {
        assertThatThrownBy(() -> EmbeddableFilter.fromSettings(settings("nonce-attribute", "appNonce", "nonceAttribute",
                "otherNonce"))).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("nonceAttribute: it is set twice, as 'nonce-attribute' and 'nonceAttribute', to different values");
        assertThat(EmbeddableFilter.fromSettings(settings("nonce-attribute", "appNonce", "nonceAttribute", "appNonce")))
                .isNotNull();
    }

    /** NOTES: "A ${...} nobody replaced is a problem ... Any setting or parameter value holding one is reported at start-up." */
    @Test
    void aPlaceholderInNonceAttributeIsReported() {
        assertThatThrownBy(() -> EmbeddableFilter.fromSettings(settings("client-id", "${rc.client.id}")))
                .hasMessageContaining("placeholder nobody replaced");
        assertThatThrownBy(() -> EmbeddableFilter.fromSettings(settings("nonce-attribute", "${csp.nonce.attribute}")))
                .as("the filter's nonce-attribute holding an unreplaced placeholder")
                .isInstanceOf(EmbeddableConfigException.class);
    }

    /** web.xml values often list one pattern a line; exact paths so listed become one pattern that matches nothing. */
    @Test
    void excludePathsListedOneALineAreNotSilentlyOnePattern() {
        EmbeddableFilter filter;
        try {
            filter = EmbeddableFilter.fromSettings(settings("exclude-paths", "/login.jsp\n        /logout.jsp"));
        } catch (EmbeddableConfigException e) {
            return; // reported: fine
        }
        // accepted: then each path must be excluded
        assertThat(filter.rules().appliesTo("GET", "/page")).isTrue(); // the rules are live
        assertThat(filter.rules().appliesTo("GET", "/login.jsp")).as("/login.jsp excluded").isFalse();
    }

    /** The same in web.xml's usual form, with a space. */
    @Test
    void excludePathsSeparatedBySpacesAreNotSilentlyOnePattern() {
        EmbeddableFilter filter;
        try {
            filter = EmbeddableFilter.fromSettings(settings("exclude-paths", "/login.jsp /logout.jsp"));
        } catch (EmbeddableConfigException e) {
            return;
        }
        assertThat(filter.rules().appliesTo("GET", "/login.jsp")).as("/login.jsp excluded").isFalse();
    }

    /** A resolver that throws leaves the page its widget, as WebFlux's CsrfTokenSource does: every page was a 500. */
    @Test
    void aThrowingCsrfResolverDoesNotBreakThePage() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (TestServer server = TestServer.jetty((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE).withEventBridge("/embeddable4j",
                    List.of("rc-call-ring-notify"), request -> {
                        asked.incrementAndGet();
                        throw new IllegalStateException("no CSRF token in this request");
                    }));
            ctx.addServlet("page", new PageServlet()).addMapping("/page");
        })) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/page")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.get()).as("the resolver was asked").isPositive();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("</html>").contains("adapter.js");
        }
    }

    @Test
    void aThrowingNonceResolverDoesNotBreakThePage() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (TestServer server = TestServer.jetty((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE,
                    io.github.embeddable4j.core.inject.InjectionRules.defaults(), request -> {
                        asked.incrementAndGet();
                        throw new IllegalStateException("nonce not generated");
                    }));
            ctx.addServlet("page", new PageServlet()).addMapping("/page");
        })) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/page")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.get()).isPositive();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("</html>");
        }
    }
}
