package io.github.embeddable4j.core.crm;

/**
 * The contacts shown on the widget's Contacts tab, loaded page by page and then kept up to date with a sync token.
 * With only a directory (no {@link ContactProvider}), the widget searches and matches the loaded contacts itself:
 * enough for a few thousand contacts.
 *
 * <pre>{@code ContactDirectory directory = (request, caller) -> ContactPage.last(acme.contactsOf(caller.userName().orElseThrow()), Instant.now());}</pre>
 *
 * Runs under a deadline a little shorter than the widget's 60 s.
 */
@FunctionalInterface
public interface ContactDirectory {

    /** One page: all contacts, or with {@link ContactPageRequest#syncToken()} only those changed since. */
    ContactPage contacts(ContactPageRequest request, Caller caller);
}
