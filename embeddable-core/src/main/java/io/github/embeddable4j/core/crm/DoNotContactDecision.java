package io.github.embeddable4j.core.crm;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a do-not-contact check: allow, warn (the user may go on after confirming) or block. The widget shows
 * {@code message} in its "Do Not Call" / "Do Not Contact" dialog (its own default text when null).
 *
 * <pre>{@code return acme.isBlocked(number) ? DoNotContactDecision.block("Opted out on 2 May.") : DoNotContactDecision.allow();}</pre>
 *
 * @param listed  true when the number is on the list (the widget's {@code result})
 * @param message the sentence shown, or null
 * @param block   true to refuse outright ({@code mode: 'restrict'}); false lets the user override
 */
public record DoNotContactDecision(boolean listed, @Nullable String message, boolean block) {

    private static final DoNotContactDecision ALLOW = new DoNotContactDecision(false, null, false);

    public DoNotContactDecision {
        if (!listed && block) {
            throw new IllegalArgumentException("Only a listed number can be blocked");
        }
    }

    /** Not listed: the call or message goes ahead. */
    public static DoNotContactDecision allow() {
        return ALLOW;
    }

    /** Listed, but the user may confirm and go on. */
    public static DoNotContactDecision warn(String message) {
        return new DoNotContactDecision(true, message, false);
    }

    /** Listed, and the call or message is refused. */
    public static DoNotContactDecision block(String message) {
        return new DoNotContactDecision(true, message, true);
    }

    /** {@code {result, message?, mode?}}, the {@code data} of the answer. */
    com.fasterxml.jackson.databind.node.ObjectNode toTree() {
        var o = CrmJson.NODES.objectNode().put("result", listed);
        if (message != null) {
            o.put("message", message);
        }
        if (block) {
            o.put("mode", "restrict");
        }
        return o;
    }

    /** What to answer when the check itself fails (the provider threw, timed out, or the body was bad). */
    public enum OnFailure {
        /**
         * The user sees the widget's dialog saying the list could not be checked and decides (the default): a failing
         * check neither silently lets a listed number through nor stops all calling. Only an answer can say so: the
         * page gives this decision itself when the application refuses the check before the service sees it (its
         * security, its rate), from what the service's registration sent it; when no answer at all reaches the widget
         * within its 3 s (the server never reached since the page loaded, a call-out lost), the widget goes on with
         * the call, whatever this says.
         */
        WARN,
        /** Go on as if the number were not listed (what the widget itself does when a check fails or times out). */
        ALLOW,
        /** Refuse the call or message: for regulated teams, where contacting a listed number is worse than not calling. */
        BLOCK;

        DoNotContactDecision decision(String message) {
            Objects.requireNonNull(message, "message");
            return switch (this) {
                case WARN -> warn(message);
                case ALLOW -> allow();
                case BLOCK -> block(message);
            };
        }
    }
}
