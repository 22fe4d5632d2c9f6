package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ExternalAuthIdsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theIdIsTheBase64UrlHmacSha256OfTheLabelledUserId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal("embeddable4j externalAuthId\0user-42".getBytes(StandardCharsets.UTF_8));
        assertThat(ExternalAuthIds.withKey(KEY).forAppUser("user-42"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected))
                .matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void stablePerUserAndKeyDistinctAcrossUsersAndKeys() {
        ExternalAuthIds ids = ExternalAuthIds.withKey(KEY);
        assertThat(ids.forAppUser("alice")).isEqualTo(ExternalAuthIds.withKey(KEY.clone()).forAppUser("alice"));
        assertThat(ids.forAppUser("alice")).isNotEqualTo(ids.forAppUser("bob")).doesNotContain("alice");
        assertThat(ExternalAuthIds.withKey(ExternalAuthIds.newKey()).forAppUser("alice")).isNotEqualTo(ids.forAppUser("alice"));
    }

    @Test
    void theKeyIsCopiedAndMasked() {
        byte[] key = KEY.clone();
        ExternalAuthIds ids = ExternalAuthIds.withKey(key);
        String before = ids.forAppUser("alice");
        Arrays.fill(key, (byte) 0);
        assertThat(ids.forAppUser("alice")).isEqualTo(before);
        assertThat(ids.toString()).isEqualTo("ExternalAuthIds[key=***]");
    }

    @Test
    void shortKeysAndMissingUsersAreRefused() {
        assertThatThrownBy(() -> ExternalAuthIds.withKey(new byte[31])).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> ExternalAuthIds.withKey(KEY).forAppUser("")).hasMessageContaining("signed-in");
        assertThatThrownBy(() -> ExternalAuthIds.withKey(KEY).forAppUser(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExternalAuthIds.newKey()).hasSize(32).isNotEqualTo(ExternalAuthIds.newKey());
    }
}
