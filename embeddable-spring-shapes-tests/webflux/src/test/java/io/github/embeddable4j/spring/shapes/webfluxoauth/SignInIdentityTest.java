package io.github.embeddable4j.spring.shapes.webfluxoauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.SignInIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

/**
 * With several identity providers, {@code sub} is unique per issuer only: two people with the subject 4242 at two
 * providers are two sign-ins to sign in once (a review's second person, signed in over the first one's session, kept
 * the first one's RingCentral login). Read through reflection in the starter, which does not depend on this module's
 * spring-security-oauth2-client: here it is on the class path.
 */
class SignInIdentityTest {

    private static OAuth2AuthenticationToken at(String registration, String subject) {
        DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_USER"), Map.of("sub", subject), "sub");
        return new OAuth2AuthenticationToken(user, List.of(), registration);
    }

    @Test
    void theSameSubjectAtAnotherProviderIsAnotherPerson() {
        assertThat(at("github", "4242").getName()).as("what was compared before").isEqualTo(at("gitlab", "4242").getName());
        assertThat(SignInIdentity.of(at("github", "4242"))).isEqualTo("github 4242")
                .isNotEqualTo(SignInIdentity.of(at("gitlab", "4242"))).isEqualTo(SignInIdentity.of(at("github", "4242")));
    }
}
