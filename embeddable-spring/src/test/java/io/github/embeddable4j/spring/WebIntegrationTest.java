package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter in a running application, over real HTTP, behind Spring Security: Thymeleaf pages, the dialect,
 * a JSON API, a static file and a ResponseEntity (both with Content-Length), an error page, the redirect page.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=spring-test", "ringcentral.embeddable.app-server=sandbox",
    "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
    "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect",
    "ringcentral.embeddable.inject.exclude-paths=/iframe",
    "ringcentral.embeddable.inject.injected-header=X-Embeddable-Injected",
    // the pages of this app are public (permitAll): let anonymous visitors have the widget
    "ringcentral.embeddable.inject.anonymous=true",
    // sandbox turns the graduation tracker on, and with it the bridge script; these tests are about the loader alone
    "ringcentral.embeddable.graduation.enabled=false"})
class WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Embeddable embeddable;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        response.headers().firstValueAsLong("Content-Length").ifPresent(length ->
                assertThat(length).as("Content-Length of " + path).isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length));
        return response;
    }

    private String loader() {
        return embeddable.scriptTag(TestApplication.NONCE);
    }

    @Test
    void thymeleafPageGetsTheLoaderWithTheNonceFromTheSecurityChain() throws Exception {
        HttpResponse<String> page = get("/thymeleaf");
        String body = page.body();
        assertThat(body).contains("<li>Ada</li>");
        assertThat(count(body, "adapter.js")).isEqualTo(1);
        assertThat(body.indexOf(loader())).isEqualTo(body.indexOf("</head>") - loader().length());
        assertThat(loader()).contains("nonce=\"" + TestApplication.NONCE + "\"").contains("clientId=spring-test");
        assertThat(page.headers().firstValue("X-Embeddable-Injected")).hasValue("1");
        // Spring Security did its part too, and the app's CSP allows the widget through the starter's CspSources bean.
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-src 'self' https://apps.ringcentral.com").contains("'nonce-" + TestApplication.NONCE + "'"));
    }

    @Test
    void dialectPlacesTheLoaderAndTheFilterDoesNotAddASecond() throws Exception {
        String body = get("/tag").body();
        assertThat(count(body, "adapter.js")).isEqualTo(1);
        assertThat(body).contains(loader());
    }

    /** Without sign in once there is nothing to connect: the dialect's rc:connect link is left out. */
    @Test
    void dialectConnectLinksAreLeftOutWithoutSignInOnce() throws Exception {
        String body = get("/connect-links").body();
        assertThat(body).contains("<title>Connect links</title>").doesNotContain("id=\"here\"", "id=\"there\"", "rc:connect");
    }

    @Test
    void dialectIframeOnAnExcludedPage() throws Exception {
        String body = get("/iframe").body();
        assertThat(body).doesNotContain("adapter.js");
        assertThat(body).contains("<iframe src=\"" + embeddable.appUrl().replace("&", "&amp;") + "\" id=\"phone\"")
                .contains("width=\"100%\" height=\"600\" allow=\"microphone; autoplay\"></iframe>");
    }

    @Test
    void dialectInTheBodyIsTheOnlyLoader() throws Exception {
        // Thymeleaf writes while it renders: the filter has passed </head> before it reaches the tag in <body>.
        String body = get("/tag-body").body();
        assertThat(count(body, "adapter.js")).isEqualTo(1);
        assertThat(body.indexOf(loader())).isGreaterThan(body.indexOf("<body>"));
    }

    @Test
    void dialectIframeOnAPageThatIsNotExcludedIsTheOnlyWidget() throws Exception {
        String body = get("/iframe-page").body();
        assertThat(count(body, "<iframe")).isEqualTo(1);
        assertThat(body).doesNotContain("adapter.js");
    }

    @Test
    void dialectInAnInsertedFragmentIsTheOnlyWidget() throws Exception {
        String iframe = get("/fragment").body();
        assertThat(count(iframe, "<iframe")).isEqualTo(1);
        assertThat(iframe).doesNotContain("adapter.js").contains("class=\"phone\"");
        String loader = get("/fragment-loader").body();
        assertThat(count(loader, "adapter.js")).isEqualTo(1);
        assertThat(loader.indexOf("adapter.js")).isGreaterThan(loader.indexOf("<footer>"));
    }

    @Test
    void aFragmentWithoutTheTagLeavesThePageToTheFilter() throws Exception {
        String body = get("/fragment-other").body();
        assertThat(body).contains("<nav><a href=\"/\">Home</a></nav>");
        assertThat(count(body, "adapter.js")).isEqualTo(1);
        assertThat(body).contains(loader() + "</head>");
    }

    @Test
    void jsonIsUntouched() throws Exception {
        HttpResponse<String> json = get("/api/contacts");
        assertThat(json.body()).matches("\\[\\{(\"name\":\"Ada </head>\",\"phone\":\"\\+16505550101\"|\"phone\":\"\\+16505550101\",\"name\":\"Ada </head>\")\\}\\]");
        assertThat(json.headers().firstValue("X-Embeddable-Injected")).isEmpty();
    }

    @Test
    void staticFileAndResponseEntityKeepWholeBodiesDespiteTheirContentLength() throws Exception {
        String staticBody = get("/static.html").body();
        assertThat(staticBody).endsWith("</html>\n").contains(loader() + "</head>");
        String entity = get("/entity").body();
        assertThat(entity).isEqualTo(HtmlInjection.inject(TestApplication.ENTITY_HTML, loader(), InjectionPoint.HEAD_END));
    }

    /**
     * A copy cached before the widget was added carries the file's date: a browser's navigation, a script's fetch or a
     * proxy revalidating it gets the whole page with the widget, while a script file keeps its 304.
     */
    @Test
    void aStaticPageRevalidatedComesWithTheWidget() throws Exception {
        // any later date than the file's says the same to Spring
        String later = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(1));
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/app.js"))
                .header("Sec-Fetch-Dest", "script").header("If-Modified-Since", later).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).as("Spring's resource handler answers the date").isEqualTo(304);
        HttpResponse<String> fetched = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/static.html"))
                .header("Sec-Fetch-Dest", "empty").header("If-Modified-Since", later).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains(loader() + "</head>");
        HttpResponse<String> navigation = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/static.html"))
                .header("Accept", "text/html,*/*;q=0.8").header("Sec-Fetch-Dest", "document").header("If-Modified-Since", later).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(navigation.statusCode()).isEqualTo(200);
        assertThat(navigation.body()).contains(loader() + "</head>");
    }

    @Test
    void errorPageIsLeftAlone() throws Exception {
        HttpResponse<String> missing = get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("adapter.js");
    }

    @Test
    void redirectPageIsServedWithoutTheWidget() throws Exception {
        HttpResponse<String> page = get("/ringcentral/redirect?code=abc&state=xyz");
        RedirectPage expected = RedirectPage.of(embeddable);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(expected.html());
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
