package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.spring.app.AdaContacts;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Spring Security keeps the widget from visitors who have not signed in, their CRM call-outs are refused too:
 * a phone placed by something else than the filter (a Vaadin layout around the sign-in view, a trial) answered an
 * anonymous visitor's contact search with every contact. {@code inject.anonymous=true} answers everyone, and an
 * application without Spring Security (only anonymous callers) is answered as before.
 */
class AnonymousCalloutsTest {

    private static final String SEARCH = "{\"requestId\":\"a1\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"Ada\"}}";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Configuration
    static class Crm {
        @Bean
        ContactProvider contacts() {
            return new AdaContacts();
        }
    }

    /** An anonymous visitor's search, through the bridge, with the CSRF token Spring Security's sign-in page hands out. */
    static HttpResponse<String> anonymousSearch(int port) throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port);
        Matcher token = CSRF.matcher(visitor.get("/login").body());
        assertThat(token.find()).isTrue();
        return search(visitor, port, "X-CSRF-TOKEN", token.group(1));
    }

    /** The visitor's search through the bridge, as the page's script posts it, with these headers. */
    static HttpResponse<String> search(SecuredApplicationTest.Visitor visitor, int port, String... headers) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/service"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(SEARCH));
        for (int i = 0; i < headers.length; i += 2) {
            post.header(headers[i], headers[i + 1]);
        }
        return visitor.client().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @SpringBootTest(classes = {SecuredApplication.class, Crm.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "test.permit=/login,/embeddable4j/service")
    class WithSpringSecurity {

        @LocalServerPort
        int port;

        @Test
        void anAnonymousVisitorsSearchReachesTheServiceAndIsRefused() throws Exception {
            HttpResponse<String> search = anonymousSearch(port);
            // past Spring Security (permitted, CSRF accepted): the service itself answered, for this request id
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(search.body()).contains("\"responseId\":\"a1\"").contains("\"code\":\"refused\"")
                    .contains("nobody is signed in").doesNotContain("Ada Lovelace");
        }

        @Test
        void aSignedInUsersSearchIsAnswered(@Autowired ThirdPartyService service) throws Exception {
            ServiceAnswer answer = service.answer("/contacts/search", "{\"searchString\":\"Ada\"}",
                    new Caller(() -> SecuredApplication.USER, "s1")).get(10, TimeUnit.SECONDS);
            assertThat(answer.ok()).isTrue();
            assertThat(answer.responseJson()).contains("Ada Lovelace");
        }
    }

    @Nested
    @SpringBootTest(classes = {SecuredApplication.class, Crm.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"test.permit=/login,/embeddable4j/service", "ringcentral.embeddable.inject.anonymous=true"})
    class AnonymousVisitorsWanted {

        @LocalServerPort
        int port;

        @Test
        void anAnonymousVisitorsSearchIsAnswered() throws Exception {
            HttpResponse<String> search = anonymousSearch(port);
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(search.body()).contains("Ada Lovelace").doesNotContain("refused");
        }
    }

    /**
     * A chain for part of the site only: the bridge's path is outside it, so its requests name no principal; the
     * signed-in user is read from the session Spring Security keeps (a review: every call-out of theirs was refused).
     */
    @Nested
    @SpringBootTest(classes = {SecuredApplication.class, Crm.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"test.chain-paths=/,/login,/logout", "test.permit=/login"})
    class BridgeOutsideTheChain {

        @LocalServerPort
        int port;

        @Test
        void aSignedInUsersSearchIsAnsweredAndAStrangersRefused() throws Exception {
            SecuredApplicationTest.Visitor ada = new SecuredApplicationTest.Visitor(port);
            ada.signIn();
            assertThat(ada.get("/").body()).contains("adapter.js");
            HttpResponse<String> search = search(ada, port);
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(search.body()).contains("Ada Lovelace");

            SecuredApplicationTest.Visitor stranger = new SecuredApplicationTest.Visitor(port);
            stranger.get("/login"); // a session of its own, signed in to nothing
            HttpResponse<String> refused = search(stranger, port);
            assertThat(refused.body()).contains("\"code\":\"refused\"").doesNotContain("Ada Lovelace");
        }
    }

    /** {@code service.signed-in-only=false}: everyone is answered, without giving every page the widget. */
    @Nested
    @SpringBootTest(classes = {SecuredApplication.class, Crm.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"test.permit=/login,/embeddable4j/service", "ringcentral.embeddable.service.signed-in-only=false"})
    class SwitchedOff {

        @LocalServerPort
        int port;

        @Test
        void anAnonymousVisitorsSearchIsAnsweredAndTheSignInPageHasNoWidget() throws Exception {
            HttpResponse<String> search = anonymousSearch(port);
            assertThat(search.body()).contains("Ada Lovelace").doesNotContain("refused");
            assertThat(new SecuredApplicationTest.Visitor(port).get("/login").body()).doesNotContain("adapter.js");
        }
    }

    /**
     * No Spring Security: every caller is answered, with an own sign-in ({@code inject.anonymous=false}) too, whose user
     * the Vaadin component does not see through an AppUserResolver (a trial: every signed-in user was refused).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ringcentral.embeddable.enabled=true",
        "ringcentral.embeddable.inject.anonymous=false"})
    void withoutSpringSecurityEveryCallerIsAnswered(String property) {
        new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(EmbeddableAutoConfiguration.class))
                .withUserConfiguration(Crm.class).withPropertyValues(property)
                .run(context -> {
                    ServiceAnswer answer = context.getBean(ThirdPartyService.class).answer("/contacts/search",
                            "{\"searchString\":\"Ada\"}", Caller.anonymous()).get(10, TimeUnit.SECONDS);
                    assertThat(answer.ok()).isTrue();
                    assertThat(answer.responseJson()).contains("Ada Lovelace");
                });
    }
}
