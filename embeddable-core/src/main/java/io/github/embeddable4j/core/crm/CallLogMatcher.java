package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;

/**
 * Tells the widget which calls your CRM has logged, so it shows them as logged (with their note) instead of offering
 * "Log" again. Goes with a {@link CallLogger}.
 *
 * <pre>{@code CallLogMatcher matcher = (request, caller) -> acme.logsFor(request.sessionIds());   // Map<sessionId, List<LogEntity>>}</pre>
 *
 * Runs under a deadline a little shorter than the widget's 30 s.
 */
@FunctionalInterface
public interface CallLogMatcher {

    /** The logs of each call, keyed by session id; calls you leave out count as "not logged". */
    Map<String, List<LogEntity>> match(CallLogMatchRequest request, Caller caller);
}
