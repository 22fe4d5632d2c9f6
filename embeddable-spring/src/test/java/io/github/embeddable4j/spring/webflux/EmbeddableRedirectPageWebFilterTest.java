package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The redirect page in WebFlux, as {@code RedirectPageServletTest} checks the servlet: the page and its headers for
 * GET, headers only for HEAD, a 405 with the short JSON error otherwise, the widget kept off, other paths untouched.
 * The starter registers it at {@code redirect-page.path} (WebFluxApplicationTest, on Netty).
 */
class EmbeddableRedirectPageWebFilterTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final RedirectPage PAGE = RedirectPage.of(EMBEDDABLE);

    private final EmbeddableRedirectPageWebFilter filter = new EmbeddableRedirectPageWebFilter(EMBEDDABLE, "/ringcentral/redirect");
    private final AtomicInteger chained = new AtomicInteger();

    private MockServerWebExchange run(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, e -> Mono.fromRunnable(chained::incrementAndGet)).block();
        return exchange;
    }

    @Test
    void servesThePageForGetAndItsHeadersForHead() {
        MockServerWebExchange get = run(MockServerHttpRequest.get("/ringcentral/redirect?code=c&state=s").build());
        assertThat(get.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(get.getResponse().getBodyAsString().block()).isEqualTo(new String(PAGE.bytes(), StandardCharsets.UTF_8));
        PAGE.headers().forEach((name, value) -> assertThat(get.getResponse().getHeaders().getFirst(name)).as(name).isEqualTo(value));
        assertThat(get.getAttributes()).as("the widget is kept off its own login popup")
                .containsEntry(InjectionRules.SKIP_ATTRIBUTE, Boolean.TRUE);

        MockServerWebExchange head = run(MockServerHttpRequest.head("/ringcentral/redirect").build());
        assertThat(head.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(head.getResponse().getHeaders().getContentLength()).isEqualTo(PAGE.bytes().length);
        assertThat(head.getResponse().getBodyAsString().block()).isEmpty();
        assertThat(chained).hasValue(0);
    }

    @Test
    void otherMethodsGetA405AndOtherPathsGoOn() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
            MockServerWebExchange refused = run(MockServerHttpRequest.method(method, "/ringcentral/redirect").build());
            assertThat(refused.getResponse().getStatusCode().value()).as(method.name()).isEqualTo(405);
            assertThat(refused.getResponse().getHeaders().getFirst("Allow")).isEqualTo("GET, HEAD");
            assertThat(refused.getResponse().getBodyAsString().block())
                    .isEqualTo("{\"error\":\"method-not-allowed\",\"message\":\"This path answers GET, HEAD only.\"}");
        }
        for (String path : new String[] {"/", "/ringcentral/redirect/", "/ringcentral/redirectx", "/x/ringcentral/redirect"}) {
            MockServerWebExchange other = run(MockServerHttpRequest.get(path).build());
            assertThat(other.getResponse().getStatusCode()).as(path).isNull();
        }
        assertThat(chained).hasValue(4);
        assertThatThrownBy(() -> new EmbeddableRedirectPageWebFilter(EMBEDDABLE, "ringcentral/redirect"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmbeddableRedirectPageWebFilter(EMBEDDABLE, "/ringcentral/*"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What RedirectPageServlet says at start-up, said when the filter is built: nothing for a redirect URI it serves. */
    @Test
    void aRedirectUriThePageDoesNotServeIsToldWhenTheFilterIsBuilt() {
        assertThat(filter.startupWarnings()).isEmpty();
        Embeddable noRedirectUri = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(new EmbeddableRedirectPageWebFilter(noRedirectUri, "/ringcentral/redirect").startupWarnings())
                .singleElement().asString().startsWith("EmbeddableRedirectPageWebFilter: no redirectUri is configured");
        assertThat(new EmbeddableRedirectPageWebFilter(EMBEDDABLE, "/oauth/callback").startupWarnings())
                .singleElement().asString().contains("has the path /ringcentral/redirect, but this page is served at [/oauth/callback]");
    }
}
