package io.github.embeddable4j.core;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which reports of a widget frame on an origin that is not allowed get a warning in the log. The reports come from
 * pages, so from anyone: a value that is not an http(s) origin is no report (it could forge log lines), each origin is
 * said once, and at most {@value #PER_WINDOW} are said per {@value #WINDOW_MINUTES} minutes. The budget starts over
 * after that, so a page sending made-up origins delays the warning about a real one, but cannot silence it until a
 * restart (a lifetime cap could). Running out of budget is said itself, once per window, so that the silence that
 * follows is not read as "no more such frames".
 *
 * <pre>{@code if (warnings.shouldSay(origin)) log().log(WARNING, "the widget frame runs on " + origin + ...);}</pre>
 */
@Internal("embeddable4j's bridge and Vaadin component, which hear of rejected frames")
public final class FrameOriginWarnings {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(FrameOriginWarnings.class.getName());
    }

    static final int PER_WINDOW = 100;
    static final int WINDOW_MINUTES = 10;
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.:\\[\\]-]{1,253}");

    private final Clock clock;
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private long windowStart = Long.MIN_VALUE;
    private boolean spentSaid;

    public FrameOriginWarnings() {
        this(Clock.systemUTC());
    }

    FrameOriginWarnings(Clock clock) {
        this.clock = clock;
    }

    /** Whether the text is an http(s) origin as a page reports one: a scheme, a host and perhaps a port, nothing else. */
    public static boolean isOrigin(String text) {
        return ORIGIN.matcher(text).matches();
    }

    /** Whether to log a warning for this reported origin now: an origin, not said before in this window, in budget. */
    public synchronized boolean shouldSay(String origin) {
        if (!isOrigin(origin)) {
            return false;
        }
        long now = clock.millis();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= WINDOW_MINUTES * 60_000L) {
            windowStart = now;
            said.clear();
            spentSaid = false;
        }
        if (said.size() < PER_WINDOW) {
            return said.add(origin);
        }
        if (!spentSaid && !said.contains(origin)) {
            spentSaid = true;
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: pages have reported the widget frame on "
                    + PER_WINDOW + " origins that are not allowed in " + WINDOW_MINUTES + " minutes; more are not logged"
                    + " until " + WINDOW_MINUTES + " minutes after the first. Pages send these reports, so anyone can make"
                    + " them up: so many is more likely made-up reports than frames on that many origins.");
        }
        return false;
    }
}
