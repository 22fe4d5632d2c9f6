package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.EventBatch;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.graduation.FileGraduationStore;
import io.github.embeddable4j.core.graduation.GraduationCounter;
import io.github.embeddable4j.core.graduation.GraduationScope;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.io.StringReader;
import java.lang.ref.SoftReference;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No JSON work of core leaves a buffer in the calling thread. Jackson's default pool keeps one per thread; in a servlet
 * container those threads outlive a redeployed application, and the buffer's class kept the old application's class
 * loader alive (a trial on standalone Tomcat: "Find leaks" listed every redeployed copy).
 */
class JsonBuffersTest {

    @Test
    void coresJsonWorkLeavesNoBufferInTheThread(@TempDir Path dir) throws Exception {
        Field field = Class.forName("com.fasterxml.jackson.core.util.BufferRecyclers").getDeclaredField("_recyclerRef");
        field.setAccessible(true);
        ThreadLocal<?> perThread = (ThreadLocal<?>) field.get(null);

        AtomicReference<Object> left = new AtomicReference<>("not run");
        AtomicReference<Object> control = new AtomicReference<>("not run");
        Thread work = new Thread(() -> {
            try {
                EmbeddableConfig.fromJson(new StringReader("{\"clientId\":\"abc\",\"appServer\":\"sandbox\"}"));
                WidgetEvents.parse("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"1\"}}");
                byte[] batch = "{\"tab\":\"0123456789abcdef\",\"events\":[{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}]}"
                        .getBytes(StandardCharsets.UTF_8);
                EventBatch.parse(batch, batch.length, BridgeLimits.defaults());
                try (ThirdPartyService crm = ThirdPartyService.builder("acme").contacts(new ContactProvider() {
                    @Override
                    public List<Contact> search(ContactSearchRequest r, Caller caller) {
                        return List.of(Contact.of("1", "Ada Lovelace"));
                    }

                    @Override
                    public Map<String, List<Contact>> match(ContactMatchRequest r, Caller caller) {
                        return Map.of();
                    }
                }).build()) {
                    crm.answer("/contacts/search", "{\"searchString\":\"ada\"}", Caller.anonymous()).get(5, TimeUnit.SECONDS);
                    crm.descriptor();
                }
                FileGraduationStore store = new FileGraduationStore(dir.resolve("counts.json"));
                store.record(new GraduationScope("abc", AppServer.SANDBOX), GraduationCounter.values()[0], "k");
                store.counts(new GraduationScope("abc", AppServer.SANDBOX));
                left.set(perThread.get());
                // The control: Jackson's default pool, used the same way, does leave one (so the probe works).
                com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("a", 1));
                control.set(perThread.get());
            } catch (Exception e) {
                left.set(e);
            }
        });
        work.start();
        work.join(20_000);
        assertThat(left.get()).as("a buffer (or an error) left in the thread").isNull();
        assertThat(control.get()).as("the probe sees Jackson's default per-thread buffer").isInstanceOf(SoftReference.class);
    }
}
