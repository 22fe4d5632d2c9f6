package io.github.embeddable4j.core.crm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of contacts for the widget's Contacts tab. The widget keeps asking while {@code nextPage} is not null, then
 * keeps {@code syncToken} and sends it back on its next load, when you return only changes (deleted contacts as
 * {@link Contact#deleted(String)}).
 *
 * <pre>{@code return ContactPage.last(contacts, Instant.now());}</pre>
 *
 * @param contacts  the contacts of this page
 * @param nextPage  what the widget sends as {@code page} for the next page, or null when this is the last
 * @param syncToken a token for the next incremental load (commonly the time of this load), or null to always load all
 */
public record ContactPage(List<Contact> contacts, @Nullable String nextPage, @Nullable String syncToken) {

    public ContactPage {
        contacts = List.copyOf(Objects.requireNonNull(contacts, "contacts"));
    }

    /** The last (or only) page, with the time of this load as the sync token (epoch milliseconds, as the widget's docs do). */
    public static ContactPage last(List<Contact> contacts, Instant loadedAt) {
        return new ContactPage(contacts, null, Long.toString(loadedAt.toEpochMilli()));
    }

    /** The last page, without a sync token: the widget loads everything every time. */
    public static ContactPage last(List<Contact> contacts) {
        return new ContactPage(contacts, null, null);
    }

    /** A page with more to come. */
    public static ContactPage next(List<Contact> contacts, String nextPage, @Nullable String syncToken) {
        return new ContactPage(contacts, Objects.requireNonNull(nextPage, "nextPage"), syncToken);
    }
}
