package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.spring.app.TestApplication;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Widget events in a Spring application: the bridge script is on pages when something listens, its batches come back
 * as {@link WidgetApplicationEvent}s to {@code @EventListener} methods (with the signed-in user when Spring Security is
 * there, CSRF token included), and an application that listens to nothing gets no bridge at all.
 */
class WidgetEventsTest {

    static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\",\"direction\":\"Inbound\"}}";
    static final String ROUTE = "{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}";

    /** An application's listener: call events only. */
    @Configuration
    static class CallListener {
        final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> calls = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event);
        }
    }

    static HttpResponse<String> post(HttpClient client, int port, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The app's Thymeleaf page, as a visitor gets it. */
    static String page(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/thymeleaf")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void await(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (list.size() < size && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Nested
    @SpringBootTest(classes = {TestApplication.class, CallListener.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class Unsecured {

        @LocalServerPort
        int port;

        @Autowired
        CallListener listener;

        @Test
        void eventListenersGetTheTypesTheyDeclare() throws Exception {
            listener.calls.clear(); // the context, and its listener, are shared with the other test
            HttpClient client = HttpClient.newHttpClient();
            String page = page(client, port);
            assertThat(page).contains("src=\"/embeddable4j/embeddable4j.js\"").contains("data-endpoint=\"/embeddable4j/events\"")
                    .contains("nonce=\"" + TestApplication.NONCE + "\" defer=\"\"></script>").doesNotContain("data-csrf-token");
            HttpResponse<String> response = post(client, port, "{\"events\":[" + RING + "," + ROUTE + "]}", "Sec-Fetch-Site", "same-origin");
            assertThat(response.statusCode()).isEqualTo(202);
            await(listener.calls, 1);
            Thread.sleep(200);
            assertThat(listener.calls).singleElement().satisfies(e -> {
                assertThat(e.getEvent().call().from()).isEqualTo("+16505550101");
                assertThat(e.getUser()).isNull();
                assertThat(e.getUserName()).isEmpty();
            });
        }

        @Autowired
        WidgetEventDispatcher dispatcher;

        /** The docs' way to test a listener without the bridge: the event handed to the dispatcher bean. */
        @Test
        void anEventHandedToTheDispatcherBeanReachesTheListenerWithItsUser() throws Exception {
            listener.calls.clear();
            assertThat(dispatcher.dispatch(new io.github.embeddable4j.core.event.ReceivedWidgetEvent(
                    io.github.embeddable4j.core.message.WidgetEvents.parse(
                            "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}"),
                    null, () -> "alice", java.time.Instant.now(),
                    io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.HTTP))).isTrue();
            await(listener.calls, 1);
            assertThat(listener.calls).singleElement().satisfies(e -> {
                assertThat(e.getUser().getName()).isEqualTo("alice");
                assertThat(e.getUserName()).hasValue("alice");
            });
        }
    }

    /** An application's own sign-in, which keeps its user in the session: the AppUserResolver bean names it. */
    @Configuration
    static class OwnSignIn {
        @Bean
        io.github.embeddable4j.servlet.AppUserResolver appUsers() {
            return io.github.embeddable4j.servlet.AppUserResolver.sessionAttribute("user");
        }

        @Bean
        org.springframework.boot.web.servlet.ServletRegistrationBean<jakarta.servlet.http.HttpServlet> signIn() {
            return new org.springframework.boot.web.servlet.ServletRegistrationBean<>(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void doPost(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
                    request.getSession().setAttribute("user", "carol");
                    response.setStatus(204);
                }
            }, "/own-sign-in");
        }
    }

    /**
     * The AppUserResolver bean that sign in once uses names the user of events too (a trial of a multi-tenant app with
     * its own sign-in found its events with no user: the starter's bridge knew only the request's principal).
     */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, CallListener.class, OwnSignIn.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class WithAnAppUserResolverBean {

        @LocalServerPort
        int port;

        @Autowired
        CallListener listener;

        @Test
        void theResolversUserComesWithTheEvent() throws Exception {
            listener.calls.clear();
            HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            assertThat(post(client, port, "{\"events\":[" + RING + "]}", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(202);
            await(listener.calls, 1);
            assertThat(listener.calls).singleElement().satisfies(e -> assertThat(e.getUser()).as("nobody signed in yet").isNull());

            listener.calls.clear();
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/own-sign-in"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            assertThat(post(client, port, "{\"events\":[" + RING + "]}", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(202);
            await(listener.calls, 1);
            assertThat(listener.calls).singleElement().satisfies(e -> assertThat(e.getUser().getName()).isEqualTo("carol"));
        }
    }

    @Nested
    @SpringBootTest(classes = {SecuredApplication.class, CallListener.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class Secured {

        @LocalServerPort
        int port;

        @Autowired
        CallListener listener;

        @Test
        void theSignedInUserComesWithTheEventAndTheCsrfTokenFromThePageIsAccepted() throws Exception {
            SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port);
            visitor.signIn();
            String page = visitor.get("/").body();
            Matcher tag = Pattern.compile("data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
            assertThat(tag.find()).as(page).isTrue();
            // Without the token, Spring Security refuses the POST: the protection is really on.
            assertThat(post(visitor.client(), port, "{\"events\":[" + RING + "]}", "Sec-Fetch-Site", "same-origin")
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> ok = post(visitor.client(), port, "{\"events\":[" + RING + "]}", "Sec-Fetch-Site", "same-origin",
                    tag.group(1), tag.group(2).replace("&#x3D;", "=").replace("&#61;", "="));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            await(listener.calls, 1);
            assertThat(listener.calls).singleElement().satisfies(e -> {
                assertThat(e.getUser().getName()).isEqualTo(SecuredApplication.USER);
                assertThat(e.getSessionKey()).isNotBlank();
            });
        }
    }

    /**
     * Behind a proxy that rewrites Host (nginx's default) and says the public address in X-Forwarded-* headers, which
     * Tomcat trusts from a local proxy ({@code server.forward-headers-strategy=native}). A browser without
     * Sec-Fetch-Site (older Safari and Firefox) sends only an Origin, the public one.
     */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, CallListener.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"ringcentral.embeddable.inject.anonymous=true", "server.forward-headers-strategy=native"})
    class BehindAProxy {

        @LocalServerPort
        int port;

        @Autowired
        CallListener listener;

        @Test
        void anOriginThatIsThePublicAddressTheServerResolvedIsSameOrigin() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            String[] proxy = {"X-Forwarded-Host", "crm.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"};
            // The attack first: another site's page, through the same proxy, reaches the check and is refused.
            HttpResponse<String> evil = post(client, port, "{\"events\":[" + RING + "]}", with(proxy, "Origin", "https://evil.example"));
            assertThat(evil.statusCode()).isEqualTo(403);
            assertThat(evil.body()).contains("\"cross-origin\"");
            HttpResponse<String> ok = post(client, port, "{\"events\":[" + RING + "]}", with(proxy, "Origin", "https://crm.example.com"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            await(listener.calls, 1);
            assertThat(listener.calls).hasSize(1);
        }

        private String[] with(String[] headers, String... more) {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
            System.arraycopy(more, 0, all, headers.length, more.length);
            return all;
        }
    }

    /**
     * Published by a proxy under a prefix it strips (X-Forwarded-Prefix, Spring's forwarded-header filter): the event
     * script's URLs carry the prefix the request resolved to, as Spring's own links do (a trial behind nginx got
     * /embeddable4j/..., outside /crm, and no event, call-out or sign-out reached the widget).
     */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, CallListener.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"ringcentral.embeddable.inject.anonymous=true", "server.forward-headers-strategy=framework"})
    class BehindAProxyUnderAPrefix {

        @LocalServerPort
        int port;

        @Test
        void theEventScriptsUrlsCarryTheForwardedPrefix() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/thymeleaf", "/tag"}) { // the filter's page, the dialect's tag
                HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-Prefix", "/crm").header("X-Forwarded-Host", "crm.example.com")
                        .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(proxied.body()).as(path).contains("src=\"/crm/embeddable4j/embeddable4j.js\"")
                        .contains("data-endpoint=\"/crm/embeddable4j/events\"");
            }
            // Directly, without the proxy, the same application's page points at its own paths.
            assertThat(page(client, port)).contains("src=\"/embeddable4j/embeddable4j.js\"")
                    .contains("data-endpoint=\"/embeddable4j/events\"");
        }
    }

    /** A listener that fails on every call event, called before the others. */
    @Configuration
    static class FailingListener {
        final List<String> calledWith = new CopyOnWriteArrayList<>();

        @EventListener
        @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calledWith.add(event.getEvent().type());
            throw new IllegalStateException("CRM down");
        }
    }

    /**
     * A WebFlux trial: Spring calls the {@code @EventListener} methods of one publication in turn, and one that threw
     * ended it, so the others never got the event. Now the others run; the failure is still the dispatcher's to log
     * and count.
     */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, FailingListener.class, CallListener.class, EveryEventListener.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class OneListenerFails {

        @Autowired
        FailingListener failing;

        @Autowired
        CallListener calls;

        @Autowired
        EveryEventListener every;

        @Autowired
        WidgetEventDispatcher dispatcher;

        @Autowired
        org.springframework.context.ApplicationEventPublisher publisher;

        @Test
        void theOthersStillGetTheEventAndTheFailureIsCounted() throws Exception {
            failing.calledWith.clear();
            calls.calls.clear();
            every.types.clear();
            long failedBefore = dispatcher.stats().failed();
            assertThat(dispatcher.dispatch(new io.github.embeddable4j.core.event.ReceivedWidgetEvent(
                    io.github.embeddable4j.core.message.WidgetEvents.parse(RING), null, () -> "alice", java.time.Instant.now(),
                    io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.HTTP))).isTrue();
            await(every.types, 1);
            await(calls.calls, 1);
            assertThat(failing.calledWith).as("the failing listener ran first").containsExactly("rc-call-ring-notify");
            assertThat(calls.calls).hasSize(1);
            assertThat(every.types).containsExactly("rc-call-ring-notify");
            long end = System.nanoTime() + 5_000_000_000L;
            while (dispatcher.stats().failed() == failedBefore && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatcher.stats().failed() - failedBefore).isEqualTo(1);
        }

        /** An event the application publishes itself (a test of its listeners) fails as Spring's events do. */
        @Test
        void anEventTheApplicationPublishesFailsAsSpringsDo() {
            WidgetApplicationEvent<WidgetEvent> event = new WidgetApplicationEvent<>(new io.github.embeddable4j.core.event.ReceivedWidgetEvent(
                    io.github.embeddable4j.core.message.WidgetEvents.parse(RING), null, () -> "alice", java.time.Instant.now(),
                    io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.HTTP));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.publishEvent(event))
                    .isInstanceOf(IllegalStateException.class).hasMessage("CRM down");
        }
    }

    /** A listener of every widget event, as a Java developer writes it first: the root type as the type argument. */
    @Configuration
    static class EveryEventListener {
        final List<String> types = new CopyOnWriteArrayList<>();

        @EventListener
        void onAny(WidgetApplicationEvent<WidgetEvent> event) {
            types.add(event.getEvent().type());
        }
    }

    /** Spring matches generics invariantly, and each event has its concrete type: the starter makes this one match. */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, EveryEventListener.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class ListenerOfEveryEvent {

        @LocalServerPort
        int port;

        @Autowired
        EveryEventListener listener;

        @Test
        void getsEveryEvent() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(page(client, port)).contains("data-endpoint=\"/embeddable4j/events\"");
            assertThat(post(client, port, "{\"events\":[" + RING + "," + ROUTE + "]}", "Sec-Fetch-Site", "same-origin")
                    .statusCode()).isEqualTo(202);
            await(listener.types, 2);
            assertThat(listener.types).containsExactly("rc-call-ring-notify", "rc-route-changed-notify");
        }
    }

    /** An application bean that needs the dispatcher at start-up, before Spring has looked for listener methods. */
    @Configuration
    static class NeedsTheDispatcherAtStartUp {
        final WidgetEventDispatcher dispatcher;

        NeedsTheDispatcherAtStartUp(WidgetEventDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }
    }

    @Nested
    @SpringBootTest(classes = {TestApplication.class, CallListener.class, NeedsTheDispatcherAtStartUp.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class DispatcherMadeEarly {

        @LocalServerPort
        int port;

        @Autowired
        NeedsTheDispatcherAtStartUp early;

        @Autowired
        CallListener listener;

        @Test
        void theListenerMethodIsFoundAllTheSame() throws Exception {
            assertThat(early.dispatcher.hasListeners()).isTrue();
            HttpClient client = HttpClient.newHttpClient();
            String page = page(client, port);
            assertThat(page).contains("src=\"/embeddable4j/embeddable4j.js\"");
            assertThat(post(client, port, "{\"events\":[" + RING + "]}", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(202);
            await(listener.calls, 1);
            assertThat(listener.calls).hasSize(1);
        }
    }

    /** A listener written as an ApplicationListener bean (of the payload) rather than an {@code @EventListener} method. */
    static class RouteListener implements ApplicationListener<PayloadApplicationEvent<WidgetApplicationEvent<?>>> {
        final List<String> types = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<WidgetApplicationEvent<?>> event) {
            types.add(event.getPayload().getEvent().type());
        }
    }

    @Configuration
    static class RouteListenerConfiguration {
        @Bean
        RouteListener routeListener() {
            return new RouteListener();
        }
    }

    @Nested
    @SpringBootTest(classes = {TestApplication.class, RouteListenerConfiguration.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class ApplicationListenerBean {

        @LocalServerPort
        int port;

        @Autowired
        RouteListener listener;

        @Test
        void getsTheEventsToo() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            String page = page(client, port);
            assertThat(page).contains("data-endpoint=\"/embeddable4j/events\"");
            assertThat(post(client, port, "{\"events\":[" + ROUTE + "]}", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(202);
            await(listener.types, 1);
            assertThat(listener.types).containsExactly("rc-route-changed-notify");
        }
    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"ringcentral.embeddable.inject.anonymous=true"})
    class NobodyListens {

        @LocalServerPort
        int port;

        @Autowired
        WidgetEventDispatcher dispatcher;

        @Test
        void noBridgeAndNoEndpoint() throws Exception {
            assertThat(dispatcher.hasListeners()).isFalse();
            HttpClient client = HttpClient.newHttpClient();
            String page = page(client, port);
            assertThat(page).contains("adapter.js").doesNotContain("embeddable4j.js");
            assertThat(post(client, port, "{}", "Sec-Fetch-Site", "same-origin").statusCode()).isIn(403, 404);
            // the script stays where the Vaadin component loads it from
            HttpResponse<String> glue = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/embeddable4j/embeddable4j.js")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(glue.statusCode()).isEqualTo(200);
            assertThat(glue.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        }
    }
}
