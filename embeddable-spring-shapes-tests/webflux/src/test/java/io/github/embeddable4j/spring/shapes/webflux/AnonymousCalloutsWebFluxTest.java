package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ServiceError;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reactive Spring Security keeps the widget from visitors who have not signed in (the default): the starter's CRM
 * service refuses their call-outs too, while a signed-in user's reach the provider through the bridge.
 */
@SpringBootTest(classes = {WebFluxApplication.class, WebFluxBridgeTest.Listeners.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousCalloutsWebFluxTest {

    @LocalServerPort
    int port;

    @Autowired
    ThirdPartyService service;

    @Autowired
    WebFluxBridgeTest.Listeners listeners;

    @Test
    void anAnonymousCallerIsRefusedAndTheProviderIsNotAsked() throws Exception {
        listeners.matchedBy.clear();
        ServiceAnswer answer = service.answer("/contacts/match", "{\"phoneNumbers\":[\"+16505550101\"]}",
                new Caller(null, "session-of-a-stranger")).get(10, TimeUnit.SECONDS);
        assertThat(answer.error()).isNotNull().extracting(ServiceError::code).isEqualTo(ServiceError.Code.REFUSED);
        assertThat(answer.responseJson()).doesNotContain("Ada Lovelace");
        assertThat(listeners.matchedBy).isEmpty();
    }

    @Test
    void aSignedInUsersCallOutThroughTheBridgeIsAnswered() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = client.send(request("/attribute").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher tag = Pattern.compile("data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(tag.find()).as(page).isTrue();
        String token = tag.group(2).replace("&#x3D;", "=").replace("&#x2B;", "+").replace("&#x2F;", "/");
        HttpResponse<String> match = client.send(request("/embeddable4j/service").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "same-origin").header(tag.group(1), token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"r1\",\"path\":\"/contacts/match\","
                        + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(match.statusCode()).as(match.body()).isEqualTo(200);
        assertThat(match.body()).contains("\"Ada Lovelace\"");
    }

    /** A page's own frame is kept from a visitor who has not signed in, as the filter's widget is: nor is a session made. */
    @Test
    void aPagesOwnFrameIsKeptFromAVisitorWhoHasNotSignedIn() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/inline-phone")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Phone</h1>").doesNotContain("<iframe").doesNotContain("embeddable4j.js");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(request("/inline-phone").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.body()).contains("<iframe").contains("data-frame-id=\"phone\"");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", WebFluxBridgeTest.BASIC);
    }
}
