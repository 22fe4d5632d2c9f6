package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.SessionUserAttributes;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The bridges' rule for an application's own sign-in: the request's principal (the container's or Spring Security's)
 * names the user of its events and call-outs; only where it names nobody is the application's resolver asked. Its
 * blank answer is nobody, and one that throws (a user store that is down) makes the request nobody's, not refused,
 * said once per bridge. One rule, so the servlet and WebFlux bridges cannot drift apart.
 */
@Internal("embeddable4j's bridges (servlet and WebFlux)")
public final class AppUserLookup {

    private final String resolverType;
    private final String loggerName;
    private final AtomicBoolean failureSaid = new AtomicBoolean();

    /**
     * A lookup for one bridge.
     *
     * @param resolverType the resolver's type as users know it, for the log ({@code AppUserResolver})
     * @param loggerName   the bridge's logger
     */
    public AppUserLookup(String resolverType, String loggerName) {
        this.resolverType = resolverType;
        this.loggerName = loggerName;
    }

    /** The user the resolver's answer names; null for none or a blank id. */
    public @Nullable Principal named(@Nullable String id) {
        return id == null || id.isBlank() ? null : SessionUserAttributes.principal(id);
    }

    /** The resolver threw: the request is nobody's; said once per bridge, with the failure. */
    public void failed(Throwable failure) {
        if (failureSaid.compareAndSet(false, true)) {
            // looked up at each use: a copy in a server's lib folder serves several applications (see SessionUserAttributes)
            System.getLogger(loggerName).log(System.Logger.Level.WARNING, "RingCentral Embeddable bridge: the " + resolverType
                    + " failed, so events and call-outs name nobody while it fails (said once)", failure);
        }
    }
}
