package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkcePairTest {

    @Test
    void theChallengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
        PkcePair pair = PkcePair.ofVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(pair.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(pair.challengeMethod()).isEqualTo("S256");
    }

    @Test
    void generatedVerifiersAre32RandomBytesInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PkcePair pair = PkcePair.generate();
            assertThat(pair.verifier()).matches("[A-Za-z0-9_-]{43}");
            assertThat(pair.challenge()).isEqualTo(PkcePair.s256Challenge(pair.verifier())).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(pair.verifier())).isTrue();
        }
    }

    @Test
    void toStringMasksTheVerifier() {
        PkcePair pair = PkcePair.generate();
        assertThat(pair.toString()).doesNotContain(pair.verifier()).contains(pair.challenge()).contains("***");
    }

    @Test
    void malformedVerifiersAreRefused() {
        assertThatThrownBy(() -> PkcePair.ofVerifier("short")).hasMessageContaining("43 to 128");
        assertThatThrownBy(() -> PkcePair.ofVerifier("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PkcePair.ofVerifier("a".repeat(42) + "+")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PkcePair.ofVerifier("a".repeat(128)).verifier()).hasSize(128);
    }
}
