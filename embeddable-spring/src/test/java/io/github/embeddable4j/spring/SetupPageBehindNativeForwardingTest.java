package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Where the server itself takes the request's address from forwarded headers, the setup page cannot tell this machine
 * either (a security review). Tomcat's RemoteIpValve trusts {@code X-Forwarded-For} from any loopback or
 * private-network address: it skips every such entry from the right, makes the first other one (or the leftmost, a
 * visitor's own "127.0.0.1") the remote address, and removes the header. A visitor on the office network, a VPN or
 * another pod sends "X-Forwarded-For: 127.0.0.1" through a proxy on the same host, which appends the visitor's private
 * address, and the application saw a loopback request with no forwarding header. Boot turns the valve on for
 * {@code server.forward-headers-strategy=native}, and by itself on a cloud platform (Kubernetes) when no strategy is set.
 */
class SetupPageBehindNativeForwardingTest {

    /** The start-up line says what to do in a sentence of its own (a trial read "... to nobody (set ...role) only."). */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theWarningSaysWhoGetsThePageAndHowToChangeIt(org.springframework.boot.test.system.CapturedOutput output) {
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("server.forward-headers-strategy", "framework");
        EmbeddableProperties properties = new EmbeddableProperties();
        assertThat(EmbeddableAutoConfiguration.setupPageSameMachine(environment, properties,
                new org.springframework.beans.factory.support.DefaultListableBeanFactory())).isFalse();
        properties.getSetupPage().setRole("OPS");
        assertThat(EmbeddableAutoConfiguration.setupPageSameMachine(environment, properties,
                new org.springframework.beans.factory.support.DefaultListableBeanFactory())).isFalse();
        assertThat(output.getOut()).contains("the setup page cannot tell this machine and is served to nobody; set"
                + " ringcentral.embeddable.setup-page.role to serve it to signed-in users in that role.")
                .contains("is served to users in the role OPS only.").doesNotContain("(set ").doesNotContain("role) only");
    }

    /** What nginx's $proxy_add_x_forwarded_for sends for a visitor at 10.20.30.40 who wrote X-Forwarded-For: 127.0.0.1. */
    static final String LAN_VISITOR = "127.0.0.1, 10.20.30.40";

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.setup-page.enabled=true",
        "ringcentral.embeddable.inject.anonymous=true", "server.forward-headers-strategy=native"})
    class Native {
        @LocalServerPort
        int port;

        @Test
        void aVisitorOnThePrivateNetworkThroughTheSameHostProxyIsRefused() throws Exception {
            assertThat(get(port, "127.0.0.1, 203.0.113.9").statusCode()).as("a public visitor: the valve stops there").isEqualTo(404);
            assertThat(get(port, LAN_VISITOR).statusCode()).isEqualTo(404);
            assertThat(get(port, null).statusCode()).as("this machine cannot be told here").isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.setup-page.enabled=true",
        "ringcentral.embeddable.inject.anonymous=true", "spring.main.cloud-platform=kubernetes"})
    class OnKubernetes {
        @LocalServerPort
        int port;

        @Test
        void anotherPodIsRefused() throws Exception {
            assertThat(get(port, "127.0.0.1, 10.244.1.17").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.setup-page.enabled=true",
        "ringcentral.embeddable.inject.anonymous=true", "spring.main.cloud-platform=kubernetes",
        "server.forward-headers-strategy=none"})
    class OnKubernetesWithForwardingOff {
        @LocalServerPort
        int port;

        @Test
        void thisMachineSeesThePageAndTheForgedEntryIsSeenForWhatItIs() throws Exception {
            assertThat(get(port, null).statusCode()).isEqualTo(200);
            assertThat(get(port, LAN_VISITOR).statusCode()).isEqualTo(404);
        }
    }

    /**
     * The application declares Spring's {@code ForwardedHeaderFilter} itself (as Spring's docs show, rather than the
     * property): the request's address is then the first {@code X-Forwarded-For} entry, whoever wrote it. A review's
     * client on another machine (connected to this one's own network address) sent "127.0.0.1" and got the page. The
     * starter now reads the bean's type and treats it as the property: this machine cannot be told.
     */
    @Nested
    @SpringBootTest(classes = {TestApplication.class, OwnForwardedHeaderFilter.Forwarding.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.setup-page.enabled=true",
        "ringcentral.embeddable.inject.anonymous=true"})
    class OwnForwardedHeaderFilter {
        @LocalServerPort
        int port;

        @org.springframework.context.annotation.Configuration
        static class Forwarding {
            @org.springframework.context.annotation.Bean
            org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.ForwardedHeaderFilter>
                    forwardedHeaderFilter() {
                var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                        new org.springframework.web.filter.ForwardedHeaderFilter());
                registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
                return registration;
            }
        }

        @Test
        void aForwardedForOfThisMachineFromAnyoneIsRefused() throws Exception {
            assertThat(get(port, "203.0.113.9").statusCode()).as("the header is the address: a loopback connection"
                    + " naming another client is refused, so one naming 127.0.0.1 would be taken as this machine").isEqualTo(404);
            assertThat(get(port, "127.0.0.1").statusCode()).isEqualTo(404);
            assertThat(get(port, null).statusCode()).as("this machine cannot be told here").isEqualTo(404);
        }
    }

    static HttpResponse<String> get(int port, @Nullable String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/embeddable4j/setup"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
