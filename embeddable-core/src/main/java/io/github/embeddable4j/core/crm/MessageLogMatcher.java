package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;

/**
 * Tells the widget which conversations your CRM has logged. Goes with a {@link MessageLogger}.
 *
 * <pre>{@code MessageLogMatcher matcher = (request, caller) -> acme.messageLogsFor(request.conversationLogIds());}</pre>
 *
 * Runs under a deadline a little shorter than the widget's 30 s.
 */
@FunctionalInterface
public interface MessageLogMatcher {

    /** The logs of each conversation, keyed by conversation log id; ids you leave out count as "not logged". */
    Map<String, List<LogEntity>> match(MessageLogMatchRequest request, Caller caller);
}
