package io.github.embeddable4j.core.crm;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The user typed in the dialer's "To" field (body {@code {searchString}}). The widget keeps only results whose name
 * or one of whose numbers contains the typed text, so return contacts that do.
 *
 * @param searchString what the user typed (never empty)
 * @param json         the body as received
 * @param extra        body fields not modelled here
 */
public record ContactSearchRequest(String searchString, String json, Map<String, @Nullable Object> extra) {

    public ContactSearchRequest {
        Objects.requireNonNull(searchString, "searchString");
        extra = extra == null ? Map.of() : extra;
    }
}
