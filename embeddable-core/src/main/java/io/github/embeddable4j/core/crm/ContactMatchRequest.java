package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget wants the contacts for these numbers, to show a caller's name (body
 * {@code {phoneNumbers, callerIds, triggerFrom}}). The numbers are mostly E.164; internal calls bring extension
 * numbers such as {@code 101}. Answer keyed by the numbers as given, or by their E.164 form: {@link ThirdPartyService}
 * maps E.164 keys back to the widget's strings.
 *
 * @param phoneNumbers the numbers to match
 * @param callerIds    the caller-id name RingCentral has for some numbers (number → name)
 * @param manual       true when the user asked to refresh the match ({@code triggerFrom: 'manual'})
 * @param json         the body as received
 * @param extra        body fields not modelled here
 */
public record ContactMatchRequest(List<String> phoneNumbers, Map<String, String> callerIds, boolean manual, String json,
        Map<String, @Nullable Object> extra) {

    public ContactMatchRequest {
        phoneNumbers = List.copyOf(Objects.requireNonNull(phoneNumbers, "phoneNumbers"));
        callerIds = callerIds == null ? Map.of() : Map.copyOf(callerIds);
        extra = extra == null ? Map.of() : extra;
    }
}
