package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.CallLogMatcher;
import io.github.embeddable4j.core.crm.CallLogger;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactDirectory;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.CrmException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CRM as the widget's third-party service: the starter registers these beans with the widget (contact search
 * and match, the Contacts tab, call logging and which calls are logged) and relays the widget's call-outs to them.
 *
 * <p>Scoping: contacts belong to the whole team, so every signed-in user sees all of them; call logs belong to the
 * user who logged them ({@code logged_by}), so each user's widget shows the calls that user logged. The call-outs come
 * through Spring Security, so {@link Caller#userName()} is the signed-in user.
 */
@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    /** Search results at most, per dialer search. */
    static final int SEARCH_LIMIT = 25;

    // README: crm-in-ten-lines
    @Bean
    ContactProvider contacts(ContactRepository contacts) {
        return new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return contacts.search(request.searchString(), SEARCH_LIMIT);
            }
            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return contacts.match(request.phoneNumbers());   // by normalised number, indexed
            }
        };
    }

    @Bean
    CallLogger callLogger(CallLogRepository calls) {
        return (request, caller) -> calls.log(caller.userName().orElseThrow(
                () -> new CrmException("Sign in to the CRM to log calls.")), request);
    }
    // README: end

    @Bean
    ContactDirectory contactDirectory(ContactRepository contacts) {
        return new DirectoryPages(contacts);
    }

    @Bean
    CallLogMatcher callLogMatcher(CallLogRepository calls) {
        return (request, caller) -> calls.logsOf(user(caller), request.sessionIds());
    }

    /** The signed-in user; call-outs without one (none pass Spring Security) get an error answer. */
    private static String user(Caller caller) {
        return caller.userName().orElseThrow(() -> new CrmException("Sign in to the CRM to see which calls are logged."));
    }
}
