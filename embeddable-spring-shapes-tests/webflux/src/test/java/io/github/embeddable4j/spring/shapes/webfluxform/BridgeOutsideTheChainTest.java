package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A security chain for part of the site only ({@code securityMatcher}): the bridge's path is outside it, so its
 * requests name no principal. The signed-in user is then read from the session Spring Security keeps, so the CRM,
 * which answers signed-in users only, answers them (a review: every call-out of theirs was refused), and still refuses
 * a visitor who has not signed in.
 */
@SpringBootTest(classes = {FormLoginApplication.class, BridgeOutsideTheChainTest.Crm.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "test.chain-paths=/inbox,/login,/logout")
class BridgeOutsideTheChainTest {

    private static final String SEARCH = "{\"requestId\":\"s1\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"Ada\"}}";

    @Configuration
    static class Crm {
        final List<String> searchedBy = new CopyOnWriteArrayList<>();

        @Bean
        ContactProvider contacts() {
            Contact ada = Contact.of("1", "Ada Lovelace", ContactPhone.of("+16505550101"));
            return new ContactProvider() {
                @Override
                public List<Contact> search(ContactSearchRequest request, Caller caller) {
                    searchedBy.add(caller.userName().orElse("nobody"));
                    return List.of(ada);
                }

                @Override
                public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                    return Map.of();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Crm crm;

    @Test
    void aSignedInUsersCallOutIsAnsweredAndAStrangersRefused() throws Exception {
        FormLoginBrowser ada = new FormLoginBrowser(port);
        assertThat(ada.signIn("ada").statusCode()).isEqualTo(302);
        assertThat(ada.navigate("/inbox").body()).contains("adapter.js");
        HttpResponse<String> search = ada.postJson("/embeddable4j/service", SEARCH);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).contains("Ada Lovelace");
        assertThat(crm.searchedBy).containsExactly("ada");

        FormLoginBrowser stranger = new FormLoginBrowser(port);
        stranger.navigate("/login"); // a session of its own, signed in to nothing
        HttpResponse<String> refused = stranger.postJson("/embeddable4j/service", SEARCH);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        assertThat(refused.body()).contains("\"code\":\"refused\"").doesNotContain("Ada Lovelace");
        assertThat(crm.searchedBy).containsExactly("ada");
    }
}
