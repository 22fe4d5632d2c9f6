package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A session attribute read as the signed-in user. A trial kept its own user object there: events, call-outs and sign
 * in once named nobody, and nothing said why. Now the first such value of each type says so, once.
 */
class SessionUserAttributesTest {

    record AppUser(String id) {
    }

    @Test
    void aStringOrAPrincipalNamesTheUserAndAnotherTypeIsNobodyWithOneWarning() {
        try (LoggedRecords log = new LoggedRecords(SessionUserAttributes.class)) {
            List<LogRecord> records = log.records();
            assertThat(SessionUserAttributes.nameOf("user", "ada")).isEqualTo("ada");
            Principal grace = () -> "grace";
            assertThat(SessionUserAttributes.nameOf("user", grace)).isEqualTo("grace");
            assertThat(SessionUserAttributes.nameOf("user", null)).isNull();
            assertThat(records).isEmpty();

            assertThat(SessionUserAttributes.nameOf("test-user", new AppUser("ada"))).isNull();
            assertThat(SessionUserAttributes.nameOf("test-user", new AppUser("bob"))).isNull();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                        .contains("'test-user' holds a " + AppUser.class.getName())
                        .contains("neither a String nor a java.security.Principal").doesNotContain("ada");
            });
            assertThat(SessionUserAttributes.nameOf("test-user", 42)).isNull(); // another type: said too
            assertThat(records).hasSize(2);
        }
    }
}
