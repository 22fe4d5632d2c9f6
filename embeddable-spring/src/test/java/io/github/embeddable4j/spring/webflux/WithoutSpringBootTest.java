package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The README offers the filter to WebFlux applications on Spring Framework alone, with {@code embeddable-spring}'s
 * Spring Boot jars excluded: so the filter must not need a Spring Boot class. Here it is loaded by a class loader that
 * finds none, made as such an application makes it, and puts the loader into a page.
 */
class WithoutSpringBootTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("no-boot").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";

    @Test
    void theFilterRunsWhereNoSpringBootClassCanBeFound() throws Exception {
        ClassLoader loader = new WithoutSpringBoot(getClass().getClassLoader());
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication", false, loader))
                .as("Spring Boot is hidden").isInstanceOf(ClassNotFoundException.class);
        assertThat(Class.forName("org.springframework.boot.SpringApplication")).as("but on the test's class path").isNotNull();

        Class<?> type = Class.forName(EmbeddableWebFilter.class.getName(), true, loader);
        assertThat(type.getClassLoader()).as("the filter's own classes come from the hiding loader").isSameAs(loader);
        WebFilter filter = (WebFilter) type.getConstructor(Embeddable.class, InjectionRules.class, List.class)
                .newInstance(EMBEDDABLE, InjectionRules.defaults(), List.of());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/inbox").accept(MediaType.TEXT_HTML));
        filter.filter(exchange, page -> {
            page.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
            return page.getResponse().writeWith(Flux.just(
                    DefaultDataBufferFactory.sharedInstance.wrap(PAGE.getBytes(StandardCharsets.UTF_8))));
        }).block();

        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo(PAGE.replace("</head>", EMBEDDABLE.scriptTag() + "</head>"));
    }

    /** The bridge too: it serves its script and takes a batch of events where no Spring Boot class can be found. */
    @Test
    void theBridgeRunsWhereNoSpringBootClassCanBeFound() throws Exception {
        ClassLoader loader = new WithoutSpringBoot(getClass().getClassLoader());
        Class<?> type = Class.forName(EmbeddableBridgeWebFilter.class.getName(), true, loader);
        assertThat(type.getClassLoader()).isSameAs(loader);
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> received.add(e.type())).build()) {
            WebFilter bridge = (WebFilter) type.getConstructor(Embeddable.class, WidgetEventDispatcher.class, ThirdPartyService.class,
                    BridgeLimits.class, String.class).newInstance(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults(), "/embeddable4j");
            MockServerWebExchange script = MockServerWebExchange.from(MockServerHttpRequest.get("/embeddable4j/embeddable4j.js"));
            bridge.filter(script, exchange -> Mono.error(new AssertionError("not for the chain"))).block();
            assertThat(script.getResponse().getStatusCode().value()).isEqualTo(200);
            assertThat(script.getResponse().getBodyAsString().block()).contains("data-endpoint");

            MockServerWebExchange events = MockServerWebExchange.from(MockServerHttpRequest.post("/embeddable4j/events")
                    .header("Sec-Fetch-Site", "same-origin").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/\"}]}"));
            bridge.filter(events, exchange -> Mono.error(new AssertionError("not for the chain"))).block();
            assertThat(events.getResponse().getStatusCode().value()).isEqualTo(202);
            assertThat(events.getResponse().getBodyAsString().block()).isEqualTo("{\"accepted\":1}");
            long end = System.nanoTime() + 10_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(received).containsExactly("rc-route-changed-notify");
        }
    }

    /**
     * Defines embeddable4j's Spring classes itself (so what they link to is looked up here), hides every Spring Boot
     * class, and leaves the rest (core, Spring Framework, Reactor) to its parent.
     */
    private static final class WithoutSpringBoot extends ClassLoader {
        WithoutSpringBoot(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.springframework.boot.")) {
                    throw new ClassNotFoundException(name + " (Spring Boot is hidden)");
                }
                if (!name.startsWith("io.github.embeddable4j.spring.") || name.contains("Test")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
