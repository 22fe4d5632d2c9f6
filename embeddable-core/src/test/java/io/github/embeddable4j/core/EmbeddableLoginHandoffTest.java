package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.PkcePair;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class EmbeddableLoginHandoffTest {

    private static final String LATEST = "https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/";
    private static final String REDIRECT = "https://crm.example.com/rc/callback";
    private static final String VERIFIER = PkcePair.generate().verifier();
    private static final LoginHandoff HANDOFF = LoginHandoff.of("c0de/+=", VERIFIER, REDIRECT, "ext-Id_1");
    private static final String HANDOFF_QUERY = "redirectUri=https%3A%2F%2Fcrm.example.com%2Frc%2Fcallback"
            + "&authorizationCode=c0de%2F%2B%3D&authorizationCodeVerifier=" + VERIFIER + "&externalAuthId="
            + HANDOFF.widgetExternalAuthId();

    private static Embeddable embeddable(EmbeddableConfig.Builder b) {
        return Embeddable.of(b.clientId("abc").redirectUri(REDIRECT).build());
    }

    @Test
    void theLoaderUrlCarriesTheHandoffOnceAfterTheConfiguration() {
        Embeddable e = embeddable(EmbeddableConfig.builder().disableMessages(true).zIndex(10));
        assertThat(e.adapterUrl()).isEqualTo(LATEST + "adapter.js?clientId=abc&redirectUri=https%3A%2F%2Fcrm.example.com%2Frc%2Fcallback"
                + "&disableMessages=1&zIndex=10");
        assertThat(e.adapterUrlWithLoginHandoff(HANDOFF))
                .isEqualTo(LATEST + "adapter.js?clientId=abc&disableMessages=1&zIndex=10&" + HANDOFF_QUERY);
        assertThat(e.appUrlWithLoginHandoff(HANDOFF)).isEqualTo(LATEST + "app.html?clientId=abc&disableMessages=1&" + HANDOFF_QUERY);
        // The plain forms are unchanged by a handoff render: nothing is kept.
        assertThat(e.adapterUrl()).doesNotContain("authorizationCode");
        assertThat(e.scriptTag()).doesNotContain("authorizationCode");
    }

    /**
     * The widget skips a code whose externalAuthId equals the last one it logged in with, which it keeps and clears
     * neither at a logout nor at a login made in its own popup (its OAuth module, an audit of its source): with the
     * user's id alone, the page of a user who had connected before could leave the widget on another user's restored
     * login, its code unspent in the URL. Each sign-in's id is the user's, tagged by its code, so it is always new.
     */
    @Test
    void everySignInGivesTheWidgetANewExternalAuthIdOfTheSameUser() {
        Embeddable e = embeddable(EmbeddableConfig.builder());
        LoginHandoff next = LoginHandoff.of("an0ther-code", VERIFIER, REDIRECT, "ext-Id_1");
        String first = HANDOFF.widgetExternalAuthId();
        String second = next.widgetExternalAuthId();
        assertThat(first).matches("ext-Id_1\\.[A-Za-z0-9_-]{11}").isNotEqualTo(second);
        assertThat(second).startsWith("ext-Id_1.");
        assertThat(first).as("one sign-in, one id").isEqualTo(LoginHandoff.of("c0de/+=", VERIFIER, REDIRECT, "ext-Id_1")
                .widgetExternalAuthId());
        assertThat(HANDOFF.externalAuthId()).as("the user's, for the server's checks").isEqualTo("ext-Id_1");
        String url = e.adapterUrlWithLoginHandoff(next);
        assertThat(url.substring(url.indexOf("&externalAuthId=") + "&externalAuthId=".length()).split("&")[0])
                .as("the URL's id is this sign-in's").isEqualTo(second);
        assertThat(first).doesNotContain("c0de");
    }

    @Test
    void tagsCarryTheNonceAndEscapeTheUrl() {
        Embeddable e = embeddable(EmbeddableConfig.builder());
        String url = e.adapterUrlWithLoginHandoff(HANDOFF).replace("&", "&amp;");
        assertThat(e.scriptTagWithLoginHandoff("n\"1", HANDOFF))
                .isEqualTo("<script src=\"" + url + "\" nonce=\"n&quot;1\" async=\"\"></script>");
        assertThat(e.scriptTagWithLoginHandoff(null, HANDOFF)).isEqualTo("<script src=\"" + url + "\" async=\"\"></script>");
        assertThat(e.iframeTagWithLoginHandoff(IframeOptions.defaults(), HANDOFF))
                .isEqualTo(e.iframeTag().replace(e.appUrl().replace("&", "&amp;"), e.appUrlWithLoginHandoff(HANDOFF).replace("&", "&amp;")));
    }

    @Test
    void theHandoffReplacesStaticLoginParameters() {
        Embeddable e = embeddable(EmbeddableConfig.builder().externalAuthId("static-id").allowSecretsInMarkup(true)
                .authorizationCode("old-code").authorizationCodeVerifier(VERIFIER));
        String url = e.adapterUrlWithLoginHandoff(HANDOFF);
        assertThat(url).doesNotContain("static-id").doesNotContain("old-code");
        for (String name : List.of("redirectUri=", "authorizationCode=", "authorizationCodeVerifier=", "externalAuthId=")) {
            assertThat(url.split("[?&]" + name, -1)).as(name).hasSize(2); // exactly once
        }
    }

    @Test
    void aCodeIssuedForAnotherRedirectUriIsRefused() {
        Embeddable e = Embeddable.of(EmbeddableConfig.builder().clientId("abc").redirectUri("https://crm.example.com/other").build());
        assertThatThrownBy(() -> e.scriptTagWithLoginHandoff(null, HANDOFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OAU-109")
                .hasMessageContaining(REDIRECT).hasMessageContaining("https://crm.example.com/other")
                .hasMessageNotContaining("c0de");
        assertThatThrownBy(() -> Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()).adapterUrlWithLoginHandoff(HANDOFF))
                .hasMessageContaining("redirect.html");
    }

    @Test
    void renderingWithAHandoffNeverLogsIt() {
        try (LoggedRecords log = new LoggedRecords(Embeddable.class)) {
            // With a legacy secret in the configuration a warning is logged per render: it must not carry the handoff.
            Embeddable e = embeddable(EmbeddableConfig.builder().allowSecretsInMarkup(true).clientSecret("s3cret"));
            e.scriptTagWithLoginHandoff("n", HANDOFF);
            e.iframeTagWithLoginHandoff(IframeOptions.defaults(), HANDOFF);
            assertThat(log.records()).isNotEmpty();
            for (LogRecord r : log.records()) {
                String text = r.getMessage() + " " + java.util.Arrays.toString(r.getParameters());
                assertThat(text).doesNotContain("c0de").doesNotContain(VERIFIER).doesNotContain("ext-Id_1");
            }
        }
    }
}
