package io.github.embeddable4j.core.crm;

import java.net.URI;
import java.util.Optional;

/**
 * "View contact details" on a matched contact opens it in your application instead of the widget. The server cannot
 * open a page itself: return the page's URL and the transport opens it in the user's browser.
 *
 * <pre>{@code ContactViewer viewer = (contact, caller) -> Optional.of(URI.create("/crm/contacts/" + contact.id()));}</pre>
 *
 * Runs under a deadline a little shorter than the widget's 3 s.
 */
@FunctionalInterface
public interface ContactViewer {

    /**
     * The page showing the contact: an absolute {@code http(s)} URL or a path starting with {@code /}; empty for none.
     */
    Optional<URI> view(Contact contact, Caller caller);
}
