package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

final class CrmTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Caller ADA = new Caller(() -> "ada@example.com", "sess-1");

    private CrmTestSupport() {
    }

    /** A contact provider whose search finds nothing and whose match answers {@code answer}. */
    static ContactProvider matching(Map<String, List<Contact>> answer) {
        return new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return answer;
            }
        };
    }

    /** JSON with single quotes, for readable test bodies. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The future did not complete normally", e);
        }
    }
}
