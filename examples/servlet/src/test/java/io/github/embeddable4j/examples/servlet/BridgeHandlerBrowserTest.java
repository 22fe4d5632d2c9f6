package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeHandler;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A framework without an adapter, here the JDK's own HTTP server: the page renders the loader and the public
 * {@link BridgeHandler}'s script tag, and one handler answers everything under the mount path. The stand-in widget,
 * framed from another origin as the real loader frames it, posts a ring and asks the CRM to match a number: the ring
 * reaches the listener with the signed-in user, and the answer reaches the frame. This is the recipe docs/frameworks.md
 * gives, run in Chromium (a Helidon trial wrote 250 lines of endpoint checks before the bridge was public).
 */
class BridgeHandlerBrowserTest {

    private static final Principal ADA = () -> "ada";

    @Test
    void eventsAndCalloutsCrossTheBridgeOfAServerWithoutAnAdapter() throws Exception {
        List<ReceivedWidgetEvent> events = new CopyOnWriteArrayList<>();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(events::add).build();
                ThirdPartyService crm = ThirdPartyService.builder("jdk-crm").contacts(RedirectedBridgeBrowserTest.adaFor(new AtomicInteger())).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("jdk-server")
                    .hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            BridgeHandler bridge = BridgeHandler.builder(embeddable).events(dispatcher).service(crm).build();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> page(exchange, embeddable.scriptTag(null) + bridge.scriptTag("/embeddable4j", null)));
            server.createContext("/embeddable4j/", exchange -> bridge(exchange, bridge));
            server.start();
            try {
                chromium.driver().get("http://localhost:" + server.getAddress().getPort() + "/");
                StandInFrame frame = new StandInFrame(chromium).awaitFrame();
                frame.awaitType("rc-adapter-register-third-party-service"); // the page registered the CRM at login

                frame.emit("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\","
                        + "\"callStatus\":\"Ringing\",\"from\":\"+16505550101\",\"to\":\"+16505550199\"}}");
                ReceivedWidgetEvent ring = chromium.await(d -> events.stream()
                        .filter(e -> e.event().type().equals("rc-call-ring-notify")).findFirst().orElse(null));
                assertThat(ring.user()).isEqualTo(ADA);
                assertThat(events).as("the widget's start-up messages came first, from the same page")
                        .anyMatch(e -> e.event().type().equals("rc-login-status-notify"))
                        .allMatch(e -> e.pageKey() != null && e.pageKey().equals(ring.pageKey()));

                frame.emit("{\"type\":\"rc-post-message-request\",\"requestId\":\"m1\",\"path\":\"/contacts/match\","
                        + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}");
                assertThat(frame.awaitResponse("m1").toString()).contains("Ada Lovelace");
                assertThat(bridge.refusals().counts()).isEmpty();
            } finally {
                server.stop(0);
            }
        }
    }

    private static void page(HttpExchange exchange, String tags) throws IOException {
        byte[] page = ("<!DOCTYPE html><html><head><title>Calls</title></head><body><h1>Calls</h1>" + tags
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    /** The endpoint: the request described to the bridge, its answer written back as it is. */
    private static void bridge(HttpExchange exchange, BridgeHandler bridge) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/embeddable4j".length());
        BridgeHandler.Answer answer = bridge.handle(BridgeHandler.Call.builder(exchange.getRequestMethod(), path)
                .headers(exchange.getRequestHeaders()::getFirst)
                .user(ADA) // your sign-in's user
                .address(exchange.getRemoteAddress().getAddress().getHostAddress())
                .body(exchange.getRequestBody())
                .build()).join();
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        boolean empty = answer.body().length == 0;
        exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }
}
