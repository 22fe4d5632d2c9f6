package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.core.publisher.Mono;

/**
 * The sign-out mark with a tenant selector, in WebFlux: the sign-in filter asks the selector (whether to connect), and
 * a selector that fails (a tenant store that is down) during a sign-out neither breaks the response nor drops the mark,
 * or the signed-out user's phone would stay in the browser (a review found the mark dropped once).
 */
class SignOutMarkSelectorWebFluxTest {

    private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(Embeddable.of(EmbeddableConfig.builder()
            .clientId("abc").redirectUri("https://crm.example.com/ringcentral/redirect").build()))
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();

    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block();

    @Test
    void aSelectorFailingDuringTheDefaultTenantsSignOutStillMarksIt() {
        SpringSecuritySignInWebFilter filter = new SpringSecuritySignInWebFilter(ENDPOINTS, true, true)
                .withSelector(exchange -> {
                    throw new IllegalStateException("tenant store down");
                });
        session.getAttributes().put(CONTEXT, new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated("ada", null, List.of())));
        MockServerWebExchange out = MockServerWebExchange.builder(MockServerHttpRequest.post("/logout")
                .cookie(new HttpCookie("SESSION", "s")).build()).sessionManager(e -> Mono.just(session)).build();
        filter.filter(out, e -> e.getSession().flatMap(s -> {
            s.getAttributes().remove(CONTEXT); // what Spring Security's logout does to the session
            e.getResponse().setStatusCode(HttpStatus.FOUND);
            return e.getResponse().setComplete();
        })).block();
        assertThat(out.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE))
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
    }
}
