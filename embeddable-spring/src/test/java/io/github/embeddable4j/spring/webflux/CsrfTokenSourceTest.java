package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The CSRF token a WebFlux page's bridge script sends. A trial found the token source the docs showed throwing on
 * pages where Spring Security put no token (CSRF off): every page became an empty 500.
 */
class CsrfTokenSourceTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("csrf").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";

    /** A token printed (a log line, a debugger) shows its header's name, never its value (a log audit). */
    @Test
    void aTokensTextHasNoValue() {
        assertThat(new CsrfTokenSource.Token("X-CSRF-TOKEN", "s3cr3t-token")).hasToString("Token[headerName=X-CSRF-TOKEN, value=****]");
    }

    @Test
    void springSecuritysTokenIsReadFromTheExchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        exchange.getAttributes().put(CsrfToken.class.getName(), Mono.just(new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "t0k")));
        assertThat(CsrfTokenSource.springSecurity().token(exchange).block())
                .isEqualTo(new CsrfTokenSource.Token("X-XSRF-TOKEN", "t0k"));
    }

    @Test
    void withoutSpringSecuritysAttributeThereIsNoToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        assertThat(CsrfTokenSource.springSecurity().token(exchange).blockOptional()).isEmpty();
    }

    @Test
    void aSourceThatThrowsLeavesThePageItsWidgetAndTheBridgeWithoutAToken() {
        CsrfTokenSource throwing = exchange -> {
            throw new NullPointerException("no token attribute");
        };
        String page = render(throwing);
        assertThat(page).contains(EMBEDDABLE.scriptTag()).contains("/embeddable4j/embeddable4j.js")
                .doesNotContain("data-csrf-token");
        assertThat(render(exchange -> null)).as("a source that returns null").contains("/embeddable4j/embeddable4j.js");
        assertThat(render(exchange -> Mono.just(new CsrfTokenSource.Token("X-CSRF-TOKEN", "abc"))))
                .as("the same page with a token").contains("data-csrf-token").contains("abc");
    }

    private static String render(CsrfTokenSource csrf) {
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE, InjectionRules.defaults(), List.of())
                .withBridge("/embeddable4j", () -> Set.of("rc-call-ring-notify"), false, csrf);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/inbox").accept(MediaType.TEXT_HTML));
        filter.filter(exchange, p -> {
            p.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
            return p.getResponse().writeWith(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(PAGE.getBytes(StandardCharsets.UTF_8))));
        }).block();
        assertThat(exchange.getResponse().getStatusCode()).isIn(null, HttpStatus.OK); // the mock leaves 200 unset
        return exchange.getResponse().getBodyAsString().block();
    }
}
