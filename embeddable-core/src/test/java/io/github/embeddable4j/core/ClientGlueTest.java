package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientGlueTest {

    @Test
    void theVersionIsAHashOfTheScriptSoEveryChangeOfItChangesIt() {
        byte[] script = ClientGlue.bytes();
        assertThat(new String(script, StandardCharsets.UTF_8)).contains("window.embeddable4j");
        assertThat(ClientGlue.version()).matches("[A-Za-z0-9_-]{22}").isEqualTo(ClientGlue.hash(script));
        byte[] changed = script.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(ClientGlue.hash(changed)).isNotEqualTo(ClientGlue.version());
    }

    @Test
    void theScriptIsInTheJarButNotWhereServersPublishStaticFiles() {
        assertThat(ClientGlue.class.getResource(ClientGlue.RESOURCE)).isNotNull();
        // not where servers publish static files by themselves, ahead of the bridge (Quarkus did)
        assertThat(ClientGlue.class.getResource("/META-INF/resources" + ClientGlue.PATH)).isNull();
    }
}
