package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTokenResolverTest {

    /** A token printed (a log line, a debugger) shows its header's name, never its value (a log audit). */
    @Test
    void aTokensTextHasNoValue() {
        CsrfTokenResolver.Token token = new CsrfTokenResolver.Token("X-CSRF-TOKEN", "s3cr3t-token");
        assertThat(token).hasToString("Token[headerName=X-CSRF-TOKEN, value=****]");
        assertThat(token.value()).isEqualTo("s3cr3t-token");
    }
}
