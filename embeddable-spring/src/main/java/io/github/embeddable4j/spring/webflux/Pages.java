package io.github.embeddable4j.spring.webflux;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The SDK's own short pages (the redirect page, the setup page), written whole. */
final class Pages {

    private Pages() {
    }

    /** A 200 with the page's headers and length; its body unless the request is a HEAD. */
    static Mono<Void> write(ServerWebExchange exchange, Map<String, String> headers, byte[] body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        headers.forEach(response.getHeaders()::set);
        response.getHeaders().setContentLength(body.length);
        return exchange.getRequest().getMethod().name().equals("HEAD") ? response.setComplete()
                : response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
