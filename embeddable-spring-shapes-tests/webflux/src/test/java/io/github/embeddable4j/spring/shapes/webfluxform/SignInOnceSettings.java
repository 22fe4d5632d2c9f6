package io.github.embeddable4j.spring.shapes.webfluxform;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every sign-in-once test of these shapes starts from: its own port, app and stand-in RingCentral. */
public final class SignInOnceSettings {

    private SignInOnceSettings() {
    }

    /**
     * The server's port, the starter's widget ({@code clientId} with the {@code callback} redirect URI) and sign in once
     * against {@code ringCentral}'s authorize endpoint, with a fixed key.
     */
    public static void add(DynamicPropertyRegistry registry, int port, String clientId, String callback,
            MockRingCentral ringCentral) {
        registry.add("server.port", () -> port);
        registry.add("ringcentral.embeddable.client-id", () -> clientId);
        registry.add("ringcentral.embeddable.redirect-uri", () -> callback);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "Y29ubmVjdC1vbi1sb2dpbi13ZWJmbHV4LWtleS1vZi0zMi1ieXRlcw==");
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> ringCentral.url("/restapi/oauth/authorize"));
    }
}
