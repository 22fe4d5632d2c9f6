package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Connect RingCentral" (sign in once, on here with a test client ID): a signed-in user's pages carry the button,
 * and it leads to the connect endpoint, which sends the browser to RingCentral's authorize page for this app, with
 * this application's callback as redirect URI (derived from server.port by application.properties), PKCE and the
 * server's state. The rest of the flow, against a mock authorization server, is the starter's SignInOnceTest.
 */
class ConnectRingCentralTest extends RunningCrm {

    @Test
    void theButtonLeadsToRingCentralsAuthorizePageForThisApp() throws Exception {
        HeadlessChromium chromium = chromium();
        open("/calls");
        assertThat(chromium.script("var a = document.getElementById('connect-ringcentral'); return a && a.getAttribute('href')"))
                .isEqualTo("/ringcentral/connect?return=%2Fcalls");
        assertThat(chromium.script("return document.getElementById('connect-off')")).isNull();

        SignedInClient grace = new SignedInClient(PORT).signIn("grace", "hopper");
        String button = grace.get("/calls").body().replaceAll("(?s).*id=\"connect-ringcentral\" class=\"button\" href=\"([^\"]+)\".*", "$1");
        HttpResponse<String> connect = grace.get(button.replace("&amp;", "&"));
        assertThat(connect.statusCode()).isEqualTo(302);
        URI authorize = URI.create(connect.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getScheme() + "://" + authorize.getHost() + authorize.getPath())
                .isEqualTo("https://platform.devtest.ringcentral.com/restapi/oauth/authorize");
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", url("/ringcentral/redirect"))
                .containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
        assertThat(query.get("state")).startsWith("e4j.");

        // Connecting needs a signed-in user of the application.
        HttpResponse<String> anonymous = new SignedInClient(PORT).get("/ringcentral/connect?return=%2F");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue(url("/login"));

        // The widget's own redirect page at the same path is open to its login popup and single sign-on frame,
        // which come without the session cookie.
        HttpResponse<String> popup = new SignedInClient(PORT).get("/ringcentral/redirect?code=c&state=widget-own");
        assertThat(popup.statusCode()).isEqualTo(200);
        assertThat(popup.body()).contains("postMessage");
        // The application's pages cut off a window of another site that opened them (its opener policy), and the
        // redirect page keeps its own, which Spring Security leaves as it is: otherwise the popup lost the widget.
        assertThat(grace.get("/calls").headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin-allow-popups");
        assertThat(popup.headers().allValues("Cross-Origin-Opener-Policy")).containsExactly("unsafe-none");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
