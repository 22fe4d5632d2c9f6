package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactDirectory;
import io.github.embeddable4j.core.crm.ContactPage;
import io.github.embeddable4j.core.crm.ContactPageRequest;
import io.github.embeddable4j.core.crm.CrmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The widget's Contacts tab, page by page. The widget asks for page {@code "1"}, then for each {@code nextPage} we
 * return, and keeps the last sync token for its next load, when only contacts changed since are sent.
 *
 * <ul>
 *   <li>Pages are keyset pages: {@code nextPage} is {@code after-<last id>-at-<load start>}, so each page is one
 *       bounded query, however large the table, and contacts added during a load are not skipped or repeated.</li>
 *   <li>The sync token is the time the load started (epoch milliseconds, as the widget's docs write it), carried
 *       through the pages; an incremental load sends contacts changed from a minute before that time, so a change
 *       committed while a load ran is sent again rather than missed.</li>
 * </ul>
 */
final class DirectoryPages implements ContactDirectory {

    /** Contacts per page. */
    static final int PAGE_SIZE = 100;
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final Pattern NEXT = Pattern.compile("after-(\\d{1,18})-at-(\\d{1,15})");

    private final ContactRepository contacts;

    DirectoryPages(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public ContactPage contacts(ContactPageRequest request, Caller caller) {
        long after = 0;
        long loadStart = System.currentTimeMillis();
        if (!request.firstPage()) {
            Matcher next = NEXT.matcher(request.page());
            if (!next.matches()) {
                // (not the page token itself: it is the caller's text, and the message is logged)
                throw new CrmException("The contacts page asked for is not one this CRM handed out.");
            }
            after = Long.parseLong(next.group(1));
            loadStart = Long.parseLong(next.group(2));
        }
        Instant since = request.incremental() ? changedSince(request.syncToken()) : null;
        ContactRepository.Slice slice = contacts.page(after, since, PAGE_SIZE);
        List<Contact> page = slice.contacts();
        String token = Long.toString(loadStart);
        if (!slice.more()) {
            return new ContactPage(page, null, token);
        }
        return ContactPage.next(page, "after-" + page.get(page.size() - 1).id() + "-at-" + loadStart, token);
    }

    /** The time an incremental load sends changes from; a token that is not ours means a full load. */
    private static Instant changedSince(String token) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(token)).minus(OVERLAP);
        } catch (NumberFormatException | java.time.DateTimeException notOurs) {
            return null;
        }
    }
}
