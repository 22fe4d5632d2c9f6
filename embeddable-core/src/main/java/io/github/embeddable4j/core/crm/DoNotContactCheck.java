package io.github.embeddable4j.core.crm;

/**
 * Checks numbers against your do-not-contact list before the widget places a call or sends an SMS (widget 2.0 and
 * later).
 *
 * <pre>{@code DoNotContactCheck dnc = (request, caller) -> request.phoneNumbers().stream().anyMatch(optOuts::contains) ? DoNotContactDecision.block("This number opted out.") : DoNotContactDecision.allow();}</pre>
 *
 * The widget waits only 3 s for this answer, so the check must be fast (about 2.5 s here); when it fails,
 * {@link ThirdPartyService.Builder#whenDoNotContactCheckFails} decides what the user sees (by default a warning they can
 * override).
 */
@FunctionalInterface
public interface DoNotContactCheck {

    /** Whether the recipients may be contacted. */
    DoNotContactDecision check(DoNotContactRequest request, Caller caller);
}
