package io.github.embeddable4j.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The opaque keys of sessions and page loads. They are kept (the graduation tracker stores them across restarts), so
 * they must stay what they were: the first 16 bytes of SHA-256 of a tagged source, URL-safe base64. Each hash uses a
 * copy of one digest made once (looking a digest up by name took most of a hash's time), so copies must not mix.
 */
class ReceivedWidgetEventKeysTest {

    @Test
    void keysAreTheTaggedSourcesSha256() throws Exception {
        assertThat(ReceivedWidgetEvent.sessionKeyOf("session-1")).isEqualTo(expected("session:session-1"));
        assertThat(ReceivedWidgetEvent.tabKeyOf("0123456789abcdef")).isEqualTo(expected("tab:0123456789abcdef"));
        assertThat(ReceivedWidgetEvent.pageKeyOf("s", "ui-3")).isEqualTo(expected("page:s:ui-3"));
        assertThat(ReceivedWidgetEvent.sessionKeyOf("session-1")).hasSize(22).doesNotContain("session");
    }

    @Test
    void hashingOnManyThreadsAtOnceGivesEachItsOwnKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(t -> pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String tab = "tab-" + t + "-" + i;
                    if (!ReceivedWidgetEvent.tabKeyOf(tab).equals(expected("tab:" + tab))) {
                        return false;
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String expected(String source) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }
}
