package io.github.embeddable4j.core.crm;

import io.github.embeddable4j.core.message.WidgetCommand;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ThirdPartyService} answers to one call-out, for transports that do more than relay the response:
 * <ol>
 *   <li>post {@link #envelope(String) envelope(requestId)} (the {@code rc-post-message-response}) to the widget;</li>
 *   <li>post each of {@link #followUps()} (such as an authorization status update, or an alert telling the user a
 *       log failed);</li>
 *   <li>open {@link #openUrl()} in the user's browser, when present (a contact or activity page, an OAuth start).</li>
 * </ol>
 * The response JSON also carries {@code openUrl} (the widget ignores it), so a relay that sees only the response can
 * still open it.
 *
 * @param callout      the call-out answered, or null for an unknown path
 * @param responseJson the {@code response} value, as JSON text (always valid JSON)
 * @param error        why the provider's answer is missing, or null when it succeeded
 * @param openUrl      a page to open for the user, or null
 * @param followUps    commands to post to the widget after the response
 */
public record ServiceAnswer(@Nullable Callout callout, String responseJson, @Nullable ServiceError error,
        @Nullable URI openUrl, List<WidgetCommand> followUps) {

    public ServiceAnswer {
        Objects.requireNonNull(responseJson, "responseJson");
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    /** Whether the provider answered. */
    public boolean ok() {
        return error == null;
    }

    /** The error, when the provider did not answer. */
    public Optional<ServiceError> failure() {
        return Optional.ofNullable(error);
    }

    /** The {@code rc-post-message-response} message for the widget's request id. */
    public WidgetCommand envelope(String requestId) {
        return WidgetCommand.postMessageResponse(requestId, responseJson);
    }
}
