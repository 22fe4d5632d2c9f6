package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;

/**
 * Your CRM's contacts in the widget: search results in the dialer and caller names (contact match) in calls,
 * history and messages. Register with {@link ThirdPartyService.Builder#contacts(ContactProvider)}; add a
 * {@link ContactDirectory} for the Contacts tab and a {@link ContactViewer} for "View contact details".
 *
 * <pre>{@code
 * class AcmeContacts implements ContactProvider {
 *     public List<Contact> search(ContactSearchRequest request, Caller caller) {
 *         return acme.findByName(caller.userName().orElseThrow(), request.searchString()).stream().map(Acme::toContact).toList();
 *     }
 *     public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
 *         return indexFor(caller).match(request.phoneNumbers());   // a PhoneNumberIndex
 *     }
 * }
 * }</pre>
 *
 * Methods run on {@link ThirdPartyService}'s worker threads, under a deadline a little shorter than the widget's
 * (30 s for both); throw {@link CrmException} for a failure the user should read about.
 */
public interface ContactProvider {

    /** Contacts whose name or number contains what the user typed. */
    List<Contact> search(ContactSearchRequest request, Caller caller);

    /**
     * The contacts for each number, keyed by the number as the widget sent it or by its E.164 form (see
     * {@link PhoneNumberIndex#match}); numbers you leave out count as "no match".
     */
    Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller);
}
