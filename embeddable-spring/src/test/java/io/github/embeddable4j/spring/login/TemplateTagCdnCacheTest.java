package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A page carrying the one-time code is no-store for CDNs too (docs/security.md), whether the filter placed the widget
 * or the page's template did ({@code <rc:embeddable/>}, where the dialect takes the handoff): a review found the
 * template's page kept its {@code CDN-Cache-Control} and {@code Surrogate-Control}, so a CDN told to keep the page
 * would serve one visitor's code to the next.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TemplateTagCdnCacheTest.Pages.class)
class TemplateTagCdnCacheTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "template-cdn");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> TemplateTagSignOutMarkTest.KEY);
        // never asked: the test reads the state from the connect redirect and answers the callback as RingCentral would
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> "http://localhost:9/restapi/oauth/authorize");
    }

    /** The same page for every visitor, which the application lets its CDN keep. */
    @org.springframework.stereotype.Controller
    static class Pages {
        private static void cdnHeaders(HttpServletResponse response) {
            response.setHeader("Cache-Control", "public, max-age=60");
            response.setHeader("CDN-Cache-Control", "public, max-age=600");
            response.setHeader("Surrogate-Control", "max-age=600");
        }

        @GetMapping("/cdn-placed")
        String placed(HttpServletResponse response) {
            cdnHeaders(response);
            return "tag-body"; // <rc:embeddable/> in its body
        }

        @GetMapping(value = "/cdn-filtered", produces = "text/html")
        @ResponseBody
        String filtered(HttpServletResponse response) {
            cdnHeaders(response);
            return "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cdn-filtered", "/cdn-placed"})
    void thePageCarryingTheCodeIsNoStoreForCdnsToo(String path) throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        assertThat(visitor.get(path).headers().firstValue("CDN-Cache-Control")).as("without a code, the application's own")
                .hasValue("public, max-age=600");
        String authorize = visitor.get("/ringcentral/connect?return=" + path).headers().firstValue("Location").orElseThrow();
        String state = URI.create(authorize).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        HttpResponse<String> callback = visitor.get("/ringcentral/redirect?code=the-code&state=" + state);
        assertThat(callback.statusCode()).isEqualTo(303);
        HttpResponse<String> page = visitor.get(callback.headers().firstValue("Location").orElseThrow());
        assertThat(page.body()).contains("authorizationCode=the-code");
        for (String header : new String[] {"Cache-Control", "CDN-Cache-Control", "Surrogate-Control"}) {
            assertThat(page.headers().firstValue(header)).as(header + " of the page with the code").hasValue("no-store");
        }
    }
}
