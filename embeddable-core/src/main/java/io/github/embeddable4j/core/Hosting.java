package io.github.embeddable4j.core;

import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the widget's files ({@code adapter.js}, {@code app.html}, {@code redirect.html}) are loaded from.
 * All three live in one folder; the default redirect URI is that folder's {@code redirect.html}, because the
 * widget only accepts a redirect URI from the folder it was loaded from.
 *
 * <pre>{@code Hosting pinned = Hosting.version("2.3.1");}</pre>
 */
public final class Hosting {

    /** How the folder was chosen. */
    public enum Kind {
        /** {@code .../ringcentral-embeddable/latest/}, the default and what RingCentral's docs recommend. */
        LATEST,
        /** A major-version channel such as {@code 2.x}. */
        CHANNEL,
        /** A pinned release such as {@code 2.3.1}. */
        VERSION,
        /** The legacy build on {@code ringcentral.github.io}. */
        GITHUB_PAGES,
        /** A copy served from the application's own server or CDN. */
        SELF_HOSTED
    }

    static final String APPS_BASE = "https://apps.ringcentral.com/integration/ringcentral-embeddable/";
    static final String GITHUB_PAGES_BASE = "https://ringcentral.github.io/ringcentral-embeddable/";
    /** What {@code latest} served when the reference was read (package.json 2.3.1); only used for version-specific warnings. */
    static final int LATEST_MAJOR = 2;

    // at most nine digits a part: every part then fits an int (a longer one is no release: refused with the fix)
    private static final Pattern CHANNEL = Pattern.compile("([1-9][0-9]{0,8})\\.x");
    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z.-]+)?");
    private static final Hosting LATEST = new Hosting(Kind.LATEST, "latest", APPS_BASE + "latest/", LATEST_MAJOR);
    private static final Hosting GITHUB_PAGES = new Hosting(Kind.GITHUB_PAGES, "github-pages", GITHUB_PAGES_BASE, LATEST_MAJOR);

    private final Kind kind;
    private final String label;
    private final String baseUrl;
    private final int major;

    private Hosting(Kind kind, String label, String baseUrl, int major) {
        this.kind = kind;
        this.label = label;
        this.baseUrl = baseUrl;
        this.major = major;
    }

    /** The {@code latest} folder on apps.ringcentral.com (the default). */
    public static Hosting latest() {
        return LATEST;
    }

    /**
     * A major-version channel on apps.ringcentral.com, such as {@code "2.x"} or {@code "3.x"}.
     *
     * @throws IllegalArgumentException if the value is not of the form {@code <major>.x}
     */
    public static Hosting channel(String channel) {
        Objects.requireNonNull(channel, "channel");
        var m = CHANNEL.matcher(channel.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + channel + "' is not a channel; write a major version followed by .x, such as 2.x");
        }
        return new Hosting(Kind.CHANNEL, m.group(), APPS_BASE + m.group() + "/", Integer.parseInt(m.group(1)));
    }

    /**
     * A pinned release on apps.ringcentral.com, such as {@code "2.3.1"}.
     *
     * @throws IllegalArgumentException if the value is not a semantic version
     */
    public static Hosting version(String version) {
        Objects.requireNonNull(version, "version");
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            throw new IllegalArgumentException("'" + version + "': release folders have no 'v' prefix; write " + v.substring(1));
        }
        var m = VERSION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a release number; write MAJOR.MINOR.PATCH, such as 2.3.1");
        }
        return new Hosting(Kind.VERSION, v, APPS_BASE + v + "/", Integer.parseInt(m.group(1)));
    }

    /** The legacy GitHub Pages build. Moving off it needs a newly registered redirect URI; prefer {@link #latest()}. */
    public static Hosting githubPages() {
        return GITHUB_PAGES;
    }

    /**
     * A copy of the widget served from your own server: the folder that holds {@code adapter.js},
     * {@code app.html} and {@code redirect.html}. Must be https; plain http only for localhost (and 127.0.0.1, [::1]).
     * One of RingCentral's own folders given so ({@code https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/})
     * is that hosting ({@link #latest()} here), not a copy.
     *
     * @throws IllegalArgumentException if the URL is not such a folder
     */
    public static Hosting selfHosted(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String text = baseUrl.toString();
        URI uri = Urls.requireHttpUrl(text, true);
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("'" + Urls.shown(text) + "' has a query; give the folder that holds adapter.js and app.html");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.endsWith(".js") || path.endsWith(".html")) {
            throw new IllegalArgumentException("'" + Urls.shown(text) + "' names a file; give the folder that holds adapter.js and app.html");
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String base = Urls.originOf(uri) + path;
        Hosting own = ringCentralFolder(base);
        return own != null ? own : new Hosting(Kind.SELF_HOSTED, base, base, 0);
    }

    /**
     * RingCentral's own folder written as its URL (as its docs print the loader's, less {@code adapter.js}): the same
     * hosting as its name, whose loader frames other origins than a copy's would.
     */
    private static @Nullable Hosting ringCentralFolder(String base) {
        if (base.equals(GITHUB_PAGES_BASE)) {
            return GITHUB_PAGES;
        }
        if (!base.startsWith(APPS_BASE)) {
            return null;
        }
        String folder = base.substring(APPS_BASE.length(), base.length() - 1);
        if (folder.equals("latest")) {
            return LATEST;
        }
        if (CHANNEL.matcher(folder).matches()) {
            return channel(folder);
        }
        return VERSION.matcher(folder).matches() ? version(folder) : null;
    }

    /**
     * Parses {@code latest}, {@code github-pages}, a channel ({@code 2.x}), a version ({@code 2.3.1}) or a
     * self-hosted folder URL.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static Hosting parse(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("latest")) {
            return latest();
        }
        if (lower.equals("github-pages") || lower.equals("github_pages") || lower.equals("githubpages")) {
            return githubPages();
        }
        if (lower.startsWith("https:") || lower.startsWith("http:")) {
            URI uri;
            try {
                uri = URI.create(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + Urls.shown(value) + "' is not a valid URL; percent-encode spaces and special characters");
            }
            return selfHosted(uri);
        }
        if (lower.endsWith(".x")) {
            return channel(v);
        }
        if (!v.isEmpty() && (Character.isDigit(v.charAt(0)) || lower.startsWith("v"))) {
            return version(v);
        }
        throw new IllegalArgumentException("'" + Urls.shown(value) + "' is not a hosting; write latest, a channel such as 2.x,"
                + " a version such as 2.3.1, github-pages, or the https:// URL of your own copy");
    }

    /** How the folder was chosen. */
    public Kind kind() {
        return kind;
    }

    /** The folder URL, ending with {@code /}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The origin of the folder: the origin the widget's frame runs on, and the target for postMessage. */
    public String origin() {
        return Urls.originOf(URI.create(baseUrl));
    }

    /** The default redirect URI: {@code redirect.html} in the same folder. */
    public String defaultRedirectUri() {
        return baseUrl + "redirect.html";
    }

    /** The widget's major version when the folder tells it ({@code latest} counts as 2, what it served when this was written). */
    public OptionalInt majorVersion() {
        return major == 0 ? OptionalInt.empty() : OptionalInt.of(major);
    }

    /**
     * The last 2.x release that does not read each parameter newer than 2.0.0, from the widget's tags (their
     * {@code src/app.js}). Every 2.x release reads the other parameters that are not limited to a major version.
     */
    private static final Map<WidgetParameter, String> LAST_RELEASE_WITHOUT = new EnumMap<>(Map.of(
            WidgetParameter.EXTERNAL_AUTH_ID, "2.2.2",
            WidgetParameter.ENABLE_SMS_SETTING_EVENT, "2.2.2",
            WidgetParameter.ENABLE_SHARED_MESSAGES, "2.2.2",
            WidgetParameter.MAIN_TAB, "2.0.0",
            WidgetParameter.ENABLE_AUDIO_INIT_PROMPT, "2.0.0",
            WidgetParameter.ENABLE_LOAD_MORE_CALLS, "2.0.0",
            WidgetParameter.ENABLE_TYPING_TIME_TRACKING, "2.3.1", // in the widget's code after its 2.3.1 tag
            // 2.0.0 brought these; no 1.x release (1.10.2 the last, and the 1.x branch) reads them
            WidgetParameter.ENABLE_SMS_TEMPLATE, "1.10.2",
            WidgetParameter.DISABLE_NOISE_REDUCTION, "1.10.2",
            WidgetParameter.ENABLE_SMART_NOTE, "1.10.2"));

    /** The last 1.x release that does not read each parameter that came in a later 1.x release (1.10.0). */
    private static final Map<WidgetParameter, String> LAST_1X_RELEASE_WITHOUT = new EnumMap<>(Map.of(
            WidgetParameter.DEFAULT_AUTO_LOG_CALL_ENABLED, "1.9.3",
            WidgetParameter.DEFAULT_AUTO_LOG_MESSAGE_ENABLED, "1.9.3"));

    /**
     * The last 2.x release that does not read {@code parameter}, for the parameters that came later than 2.0.0; empty
     * for the rest.
     */
    @Internal("embeddable4j's settings checks (pinned releases)")
    public static Optional<String> lastReleaseWithout(WidgetParameter parameter) {
        String without = LAST_RELEASE_WITHOUT.get(parameter);
        return Optional.ofNullable(without != null ? without : LAST_1X_RELEASE_WITHOUT.get(parameter));
    }

    /**
     * Whether this widget is older than {@code parameter}, which it then ignores without a word: a pinned 2.x release
     * before it, or any 1.x (channel or release), since the parameter came in 2.x. Other channels, {@code latest} and
     * copies are not judged.
     *
     * <pre>{@code Hosting.version("2.2.1").predates(WidgetParameter.EXTERNAL_AUTH_ID) // true: it arrived in 2.3.0}</pre>
     */
    @Internal("embeddable4j's settings checks (pinned releases)")
    public boolean predates(WidgetParameter parameter) {
        String without1 = LAST_1X_RELEASE_WITHOUT.get(parameter);
        if (without1 != null) { // the 1.x channel serves 1.10.2, which reads it
            return kind == Kind.VERSION && major == 1 && compareReleases(label, without1) <= 0;
        }
        String without = LAST_RELEASE_WITHOUT.get(parameter);
        if (without == null) {
            return false;
        }
        return major == 1 || kind == Kind.VERSION && major == 2 && compareReleases(label, without) <= 0;
    }

    /** MAJOR.MINOR.PATCH compared part by part (a pre-release counts as its release). */
    private static int compareReleases(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the folder is on apps.ringcentral.com or the GitHub Pages build, rather than self-hosted. */
    public boolean isRingCentralHosted() {
        return kind != Kind.SELF_HOSTED;
    }

    /** The form {@link #parse(String)} accepts: {@code latest}, {@code 2.x}, {@code 2.3.1}, {@code github-pages} or the URL. */
    @Override
    public String toString() {
        return label;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Hosting h && h.baseUrl.equals(baseUrl);
    }

    @Override
    public int hashCode() {
        return baseUrl.hashCode();
    }
}
