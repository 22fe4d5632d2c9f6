package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@link BenchmarkServer}'s pages on Reactor Netty through WebFlux's handler chain, the way a WebFlux application
 * serves them: {@code /none/...} without a filter, {@code /noop/...} through a {@code WebFilter} that does nothing,
 * {@code /wrap/...} through one that decorates the response and passes every buffer on, {@code /stream/...} through
 * {@link EmbeddableWebFilter}; diagnostics: {@code /concat/...} through a decorator using the operators it uses,
 * {@code /commit/...} through a filter that adds a {@code beforeCommit} action (select them with
 * {@code --variants none,concat,commit,stream}). Each page is written as 8 KB buffers over the pre-rendered bytes (no
 * copy), as an encoder would hand them over. Reactor Netty's event loops are a fixed set of threads.
 */
final class NettyBenchmarkServer implements PageServer {

    private final DisposableServer server;

    NettyBenchmarkServer() {
        WebHandler pages = exchange -> {
            String path = exchange.getRequest().getPath().value();
            byte[] page = path.endsWith("/page-1m") ? BenchmarkServer.PAGE_1M : BenchmarkServer.PAGE_50K;
            ServerHttpResponse response = exchange.getResponse();
            response.getHeaders().setContentType(MediaType.parseMediaType("text/html;charset=UTF-8"));
            return response.writeWith(chunks(response.bufferFactory(), page));
        };
        WebFilter noop = (exchange, chain) -> chain.filter(exchange);
        WebFilter wrap = (exchange, chain) -> chain.filter(exchange.mutate().response(new PassingResponse(exchange.getResponse())).build());
        WebFilter concat = (exchange, chain) -> chain.filter(
                exchange.mutate().response(new ConcatResponse(exchange.getResponse())).build());
        WebFilter stream = new EmbeddableWebFilter(BenchmarkServer.EMBEDDABLE, InjectionRules.defaults(), List.of());
        Map<String, HttpHandler> variants = Map.of(
                "none", WebHttpHandlerBuilder.webHandler(pages).build(),
                "noop", WebHttpHandlerBuilder.webHandler(pages).filter(noop).build(),
                "wrap", WebHttpHandlerBuilder.webHandler(pages).filter(wrap).build(),
                "stream", WebHttpHandlerBuilder.webHandler(pages).filter(stream).build(),
                "concat", WebHttpHandlerBuilder.webHandler(pages).filter(concat).build(),
                "commit", WebHttpHandlerBuilder.webHandler(pages).filter((exchange, chain) -> {
                    exchange.getResponse().beforeCommit(Mono::empty);
                    return chain.filter(exchange);
                }).build());
        HttpHandler byVariant = (request, response) -> {
            String path = request.getPath().value();
            HttpHandler handler = variants.get(path.substring(1, Math.max(1, path.indexOf('/', 1))));
            if (handler == null) {
                response.setRawStatusCode(404);
                return response.setComplete();
            }
            return handler.handle(request, response);
        };
        server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(byVariant)).bindNow();
    }

    private static Flux<DataBuffer> chunks(DataBufferFactory factory, byte[] page) {
        int count = (page.length + 8191) / 8192;
        return Flux.range(0, count).map(i -> factory.wrap(ByteBuffer.wrap(page, i * 8192, Math.min(8192, page.length - i * 8192))));
    }

    /** A response decorator that passes every buffer on: what decorating costs. */
    private static final class PassingResponse extends ServerHttpResponseDecorator {
        PassingResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(Flux.from(body).map(buffer -> (DataBuffer) buffer));
        }
    }

    /** Passes every buffer on through handle and an empty concatWith: the operators the widget's decorator uses. */
    private static final class ConcatResponse extends ServerHttpResponseDecorator {
        ConcatResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(Flux.from(body).<DataBuffer>handle((buffer, sink) -> sink.next(buffer))
                    .concatWith(Mono.defer(Mono::empty)));
        }
    }

    @Override
    public String url(String variant, String page) {
        return "http://127.0.0.1:" + server.port() + "/" + variant + "/" + page;
    }

    @Override
    public String container() {
        return "netty";
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
