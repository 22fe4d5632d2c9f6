package io.github.embeddable4j.core.crm;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks for a page of contacts for its Contacts tab (body {@code {page, syncTimestamp, type}}). It asks for
 * page 1 when it loads, then for each {@link ContactPage#nextPage()} you return; {@code syncToken} is the token you
 * returned last time (null the first time): with one, return only contacts changed since.
 *
 * @param page           {@code "1"} first, then the next-page value you returned (never null: a request without one
 *                       is for the first page, {@code "1"})
 * @param syncToken      your last {@link ContactPage#syncToken()}, or null for a full load
 * @param triggeredByApi true when your application asked for the sync ({@code rc-adapter-sync-third-party-contacts})
 * @param json           the body as received
 * @param extra          body fields not modelled here
 */
public record ContactPageRequest(String page, @Nullable String syncToken, boolean triggeredByApi, String json,
        Map<String, @Nullable Object> extra) {

    public ContactPageRequest {
        page = page == null ? "1" : page;
        extra = extra == null ? Map.of() : extra;
    }

    /** Whether this is the first page of a load. */
    public boolean firstPage() {
        return "1".equals(page);
    }

    /** Whether only changes since {@link #syncToken()} are wanted. */
    public boolean incremental() {
        return syncToken != null;
    }
}
