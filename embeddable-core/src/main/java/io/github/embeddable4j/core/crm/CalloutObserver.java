package io.github.embeddable4j.core.crm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Told of every call-out a {@link ThirdPartyService} answers, for metrics or a log of slow ones:
 * <pre>{@code crm.observe((callout, error, took) -> timer(callout, error).record(took));}</pre>
 * Runs on the thread that completes the answer (a provider's worker, the service's timer, or the transport's thread
 * for an answer made at once): keep it short. What it throws is logged once and does not change the answer.
 */
@FunctionalInterface
public interface CalloutObserver {

    /**
     * One call-out was answered.
     *
     * @param callout the call-out, or null when its path names none
     * @param error   why the widget got an error answer (the code it reads as {@code error.code}), or null when a
     *                provider answered
     * @param took    from the call-out reaching the service to its answer
     */
    void answered(@Nullable Callout callout, ServiceError.@Nullable Code error, Duration took);
}
