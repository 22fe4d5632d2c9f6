package io.github.embeddable4j.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The origins the widget's frame ({@code app.html}) may run on, for one configuration. The loader does not frame
 * {@code app.html} next to itself: a built {@code adapter.js} opens the {@code HOSTING_URL} baked in when it was
 * built (the GitHub Pages build, served from apps.ringcentral.com, still frames
 * {@code https://ringcentral.github.io/ringcentral-embeddable/app.html}). So one origin is not enough:
 * <ul>
 *   <li>RingCentral hosting: the loader's origin plus every origin RingCentral serves the widget from, the list
 *       RingCentral's own redirect page posts to ({@link #RINGCENTRAL});</li>
 *   <li>self-hosting: the configured folder's origin;</li>
 *   <li>both: plus the origins added with {@code frameOrigins}.</li>
 * </ul>
 * Everything that must know where the frame is uses this one set: the page's Content-Security-Policy and
 * Permissions-Policy, the redirect page (which posts the login callback to each), and the client glue (which sends
 * commands to the origin of the frame's actual {@code src}, after checking it is in this set, and accepts messages
 * only from that frame's window on that origin).
 *
 * <pre>{@code embeddable.widgetOrigins().allows("https://ringcentral.github.io")  // true for RingCentral hosting}</pre>
 */
public final class WidgetOrigins {

    /** Where RingCentral serves the widget, as RingCentral's stock {@code redirect.js} lists them. */
    public static final List<String> RINGCENTRAL = List.of(
            "https://apps.ringcentral.com", "https://ringcentral.github.io", "https://appconnect.labs.ringcentral.com");

    private final String loaderOrigin;
    private final List<String> origins;

    private WidgetOrigins(String loaderOrigin, List<String> origins) {
        this.loaderOrigin = loaderOrigin;
        this.origins = List.copyOf(origins);
    }

    /** The origins for a hosting, plus extra frame origins (already validated origins). */
    static WidgetOrigins of(Hosting hosting, Collection<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        String loader = hosting.origin();
        all.add(loader);
        if (hosting.isRingCentralHosted()) {
            all.addAll(RINGCENTRAL);
        }
        all.addAll(extra);
        return new WidgetOrigins(loader, new ArrayList<>(all));
    }

    /** The origin the loader ({@code adapter.js}) is served from; the first of {@link #all()}. */
    public String loaderOrigin() {
        return loaderOrigin;
    }

    /** Every origin the frame may have, the loader's first, without duplicates. */
    public List<String> all() {
        return origins;
    }

    /** Whether a frame on this origin (as {@code MessageEvent.origin} or a URL's origin spells it) is the widget. */
    public boolean allows(@Nullable String origin) {
        if (origin == null) {
            return false;
        }
        return origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /**
     * The origin of a frame URL such as {@code https://ringcentral.github.io/ringcentral-embeddable/app.html?...} when
     * it is allowed, else null.
     */
    public @Nullable String originOfAllowedUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                return null;
            }
            String origin = Urls.originOf(uri);
            return allows(origin) ? origin : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The origins separated by spaces, as CSP source lists and the Permissions-Policy write them (quoted there). */
    @Override
    public String toString() {
        return String.join(" ", origins);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof WidgetOrigins w && w.origins.equals(origins) && w.loaderOrigin.equals(loaderOrigin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loaderOrigin, origins);
    }
}
