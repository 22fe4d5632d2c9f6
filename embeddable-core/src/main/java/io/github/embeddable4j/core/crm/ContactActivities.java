package io.github.embeddable4j.core.crm;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Your CRM's activities for a contact, listed on the contact's page in the widget; clicking one can open it in your
 * application.
 *
 * <pre>{@code ContactActivities activities = (contact, caller) -> acme.activitiesOf(contact.id()).stream().map(Acme::toActivity).toList();}</pre>
 *
 * Both run under a deadline a little shorter than the widget's 3 s.
 */
@FunctionalInterface
public interface ContactActivities {

    /** The activities of the contact, newest first. */
    List<Activity> activities(Contact contact, Caller caller);

    /**
     * The user clicked an activity.
     *
     * @return a page to open in the user's browser (absolute {@code http(s)} or a path starting with {@code /}), or
     *         empty (the default) to do nothing
     */
    default Optional<URI> open(Activity activity, Caller caller) {
        return Optional.empty();
    }
}
