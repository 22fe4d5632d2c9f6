package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-out mark on a page whose template places the widget itself (the Thymeleaf dialect's {@code <rc:embeddable/>},
 * which takes the login handoff and then asks {@link io.github.embeddable4j.servlet.EmbeddableFilter#bridgeTag} for
 * the bridge script). The rules the filter's own pages follow (docs/sign-in-once.md): a page that carries a new login
 * logs nothing out (a logout sent then would log the new user out) and ends the mark once the widget reports that
 * login, and a page a script fetched does not use it up (nothing runs it: the next page the browser loads takes it).
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TemplateTagSignOutMarkTest.Placed.class)
class TemplateTagSignOutMarkTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("template-tag", CALLBACK);
    static final String KEY = "c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "template-tag");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> KEY);
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    /** A page whose template places the loader itself (templates/tag-body.html: {@code <rc:embeddable/>}). */
    @org.springframework.stereotype.Controller
    static class Placed {
        @GetMapping("/placed")
        String placed() {
            return "tag-body";
        }
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    /** Signed in, signed out (the mark is set), signed in again. */
    private static SecuredApplicationTest.Visitor markedAndSignedInAgain() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        HttpResponse<String> out = signOut(visitor, visitor.get("/").body());
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        visitor.signIn();
        return visitor;
    }

    /** The set-up's control: without anything in between, the next page logs the widget out. */
    @Test
    void controlTheNextPageLogsTheWidgetOut() throws Exception {
        SecuredApplicationTest.Visitor visitor = markedAndSignedInAgain();
        assertThat(visitor.get("/").body()).contains("data-logout=\"1\"");
    }

    /**
     * The next user connects right after the previous one signed out and comes back to a template-placed widget: as on
     * the filter's pages (SignInOnceTest.aPageThatCarriesALoginDoesNotAlsoLogTheWidgetOut), the page that carries the
     * new login must not also tell the widget to log out.
     */
    @Test
    void aTemplatePageThatCarriesALoginDoesNotAlsoLogTheWidgetOut() throws Exception {
        SecuredApplicationTest.Visitor visitor = markedAndSignedInAgain();
        String authorize = visitor.get("/ringcentral/connect?return=/placed").headers().firstValue("Location").orElseThrow();
        String callback = visitor.client().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        visitor.client().send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());

        String placed = visitor.get("/placed").body();
        assertThat(placed).contains("authorizationCode=");
        assertThat(placed).as("a page carrying the new login ends the mark at that login").doesNotContain("data-logout=\"1\"")
                .contains("data-logout=\"login\"");
        assertThat(visitor.get("/placed").body()).as("left before its widget used the code: the next page logs out")
                .contains("data-logout=\"1\"");
    }

    /**
     * A template page a script fetched ({@code fetch()}, Turbo: {@code Sec-Fetch-Mode: cors}) runs nothing: as on the
     * filter's pages (SignInOnceTest.signingOutMarksTheWidgetForLogout), it leaves the mark for the next page loaded.
     */
    @Test
    void aTemplatePageAScriptFetchedLeavesTheMarkForTheNextPage() throws Exception {
        SecuredApplicationTest.Visitor visitor = markedAndSignedInAgain();
        HttpResponse<String> fetched = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                + "/placed")).header("Accept", "text/html").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(visitor.get("/").body()).as("the next page the browser loads logs the widget out (the fetched page"
                + " cleared it with " + fetched.headers().allValues("Set-Cookie") + ")")
                .contains("data-logout=\"1\"");
    }

    /**
     * A HEAD request runs as GET would, its body discarded: the filter spends neither a login nor the mark on it
     * (EmbeddableFilter: "No login handoff is spent on it"; InjectingResponseWrapper gets no flow for HEAD). A
     * template-placed widget's page must not either: the HEAD response's body, with its data-logout, goes nowhere.
     */
    @Test
    void aHeadRequestOfATemplatePageLeavesTheMarkForTheNextPage() throws Exception {
        SecuredApplicationTest.Visitor visitor = markedAndSignedInAgain();
        HttpResponse<String> head = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                + "/placed")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(visitor.get("/").body()).as("the next page the browser loads logs the widget out (HEAD cleared it"
                + " with " + head.headers().allValues("Set-Cookie") + ")").contains("data-logout=\"1\"");
    }

    private static HttpResponse<String> signOut(SecuredApplicationTest.Visitor visitor, String page) throws Exception {
        Matcher csrf = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        return visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + MockRingCentral.enc(csrf.group(1).replace("&#x3D;", "="))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
