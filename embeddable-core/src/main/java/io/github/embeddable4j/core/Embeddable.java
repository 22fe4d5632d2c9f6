package io.github.embeddable4j.core;

import io.github.embeddable4j.core.login.LoginHandoff;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The rendered form of a configuration: embed URLs, markup and page policies, computed once. Rendering per
 * request costs no more than appending a nonce. A one-time login ({@code ...WithLoginHandoff}) is rendered per call
 * and kept nowhere. Thread-safe. Serializable as its configuration (see {@link EmbeddableConfig}), rendered again
 * when read.
 *
 * <pre>{@code String tag = Embeddable.of(config).scriptTag(nonce);}</pre>
 */
public final class Embeddable implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(Embeddable.class.getName());
    }

    /** The inline script of the manual-init form; constant, so its CSP hash is too. */
    static final String MANUAL_INIT_SCRIPT = "window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT=true;";
    /** What a login handoff sets; a render with a handoff writes these from the handoff, never from the configuration. */
    private static final EnumSet<WidgetParameter> HANDOFF_PARAMETERS = EnumSet.of(WidgetParameter.REDIRECT_URI,
            WidgetParameter.AUTHORIZATION_CODE, WidgetParameter.AUTHORIZATION_CODE_VERIFIER,
            WidgetParameter.EXTERNAL_AUTH_ID, WidgetParameter.JWT);

    private final EmbeddableConfig config;
    private final String adapterUrl;
    private final String appUrl;
    /** The URLs without the parameters a handoff sets; the handoff's own part is added per render. */
    private final String adapterUrlForHandoff;
    private final String appUrlForHandoff;
    private final WidgetOrigins widgetOrigins;
    private final String scriptOpen;
    private final String scriptTag;
    private final String iframeTag;
    private final String permissionsPolicy;
    /** The secrets every render writes (only with allowSecretsInMarkup): the widget's own and extra ones by their names. */
    private final List<String> renderedSecrets;

    private Embeddable(EmbeddableConfig config) {
        this.config = config;
        Hosting hosting = config.hosting();
        this.adapterUrl = hosting.baseUrl() + config.brand().adapterFile() + query(config, true);
        this.appUrl = hosting.baseUrl() + "app.html" + query(config, false);
        this.adapterUrlForHandoff = hosting.baseUrl() + config.brand().adapterFile() + query(config, true, HANDOFF_PARAMETERS);
        this.appUrlForHandoff = hosting.baseUrl() + "app.html" + query(config, false, HANDOFF_PARAMETERS);
        this.widgetOrigins = config.widgetOrigins();
        this.scriptOpen = "<script src=\"" + Escape.htmlAttribute(adapterUrl) + "\"";
        this.scriptTag = scriptOpen + " async=\"\"></script>";
        this.iframeTag = renderIframe(appUrl, IframeOptions.defaults());
        String allowList = "(self \"" + String.join("\" \"", widgetOrigins.all()) + "\")";
        this.permissionsPolicy = "microphone=" + allowList + ", autoplay=" + allowList;
        this.renderedSecrets = renderedSecrets(config);
    }

    /**
     * Renders a validated configuration.
     *
     * @throws IllegalStateException when the class path's Jackson is older than 2.17, with the fix
     */
    public static Embeddable of(EmbeddableConfig config) {
        JacksonCheck.require(); // at start-up, not at the first bridge request
        return new Embeddable(Objects.requireNonNull(config, "config"));
    }

    // Only the configuration is written: what is rendered from it is rendered again, by this version's code.
    @Serial
    private Object writeReplace() {
        return new SerializedForm(config);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("An Embeddable is read through its serialized form");
    }

    private record SerializedForm(EmbeddableConfig config) implements Serializable {
        @Serial
        private Object readResolve() {
            return of(config);
        }
    }

    /** The configuration this was rendered from. */
    public EmbeddableConfig config() {
        return config;
    }

    /** The loader URL: {@code .../adapter.js?...} with every loader parameter, percent-encoded, in a stable order. */
    public String adapterUrl() {
        warnIfSecrets();
        return adapterUrl;
    }

    /** The iframe URL: {@code .../app.html?...}, without the loader-only parameters. */
    public String appUrl() {
        warnIfSecrets();
        return appUrl;
    }

    /**
     * The origins the widget's frame may run on. The loader may frame another origin than its own, so accept
     * messages only from the frame's own window on an origin in this set, and post to the origin of the frame's
     * actual {@code src} after checking it is in the set.
     */
    public WidgetOrigins widgetOrigins() {
        return widgetOrigins;
    }

    /** The redirect URI the widget uses, which must be registered on the app. */
    public String redirectUri() {
        return config.redirectUri();
    }

    /** {@code <script src="...adapter.js?..." async=""></script>}. */
    public String scriptTag() {
        warnIfSecrets();
        return scriptTag;
    }

    /**
     * The loader tag carrying a CSP nonce; with {@code 'strict-dynamic'} in the policy, the scripts the loader adds
     * are trusted through it. A null or empty nonce gives {@link #scriptTag()}.
     */
    public String scriptTag(@Nullable String nonce) {
        if (nonce == null || nonce.isEmpty()) {
            return scriptTag();
        }
        warnIfSecrets();
        return scriptOpen + " nonce=\"" + Escape.htmlAttribute(nonce) + "\" async=\"\"></script>";
    }

    /**
     * The manual-init form: an inline script that stops the loader from starting on its own, then the loader tag.
     * The page starts the widget with {@code RCAdapterInit()} when it is ready (and may {@code RCAdapterDispose()}
     * it). Without a nonce, allow the inline script with {@link #manualInitScriptHash()}.
     */
    public String manualInitTags(@Nullable String nonce) {
        String nonceAttr = nonce == null || nonce.isEmpty() ? "" : " nonce=\"" + Escape.htmlAttribute(nonce) + "\"";
        return "<script" + nonceAttr + ">" + MANUAL_INIT_SCRIPT + "</script>" + scriptTag(nonce);
    }

    /** The CSP hash source of the manual-init inline script, such as {@code 'sha256-...'}. */
    public String manualInitScriptHash() {
        return ManualInitHash.VALUE;
    }

    /** {@code <iframe src="...app.html?..." ...>} with the default options. */
    public String iframeTag() {
        warnIfSecrets();
        return iframeTag;
    }

    /** The iframe form with the given options. */
    public String iframeTag(IframeOptions options) {
        warnIfSecrets();
        return renderIframe(appUrl, Objects.requireNonNull(options, "options"));
    }

    private static String renderIframe(String src, IframeOptions o) {
        StringBuilder sb = new StringBuilder("<iframe src=\"").append(Escape.htmlAttribute(src)).append('"');
        if (o.id() != null) {
            sb.append(" id=\"").append(Escape.htmlAttribute(o.id())).append('"');
        }
        sb.append(" title=\"").append(Escape.htmlAttribute(o.title())).append('"');
        sb.append(" width=\"").append(Escape.htmlAttribute(o.width())).append('"');
        sb.append(" height=\"").append(Escape.htmlAttribute(o.height())).append('"');
        sb.append(" allow=\"").append(Escape.htmlAttribute(o.allow())).append('"');
        return sb.append("></iframe>").toString();
    }

    /**
     * The loader URL carrying a one-time login: {@code redirectUri}, {@code authorizationCode},
     * {@code authorizationCodeVerifier} and {@code externalAuthId} from the handoff (each once, replacing any the
     * configuration has). Built for this call only and never logged: put it in one response (marked
     * {@code Cache-Control: no-store}) and forget the handoff.
     *
     * @throws IllegalArgumentException when the handoff's code was issued for another redirect URI than the
     *                                  configuration's: the widget's exchange would fail ("Redirect URIs do not match")
     */
    public String adapterUrlWithLoginHandoff(LoginHandoff handoff) {
        warnIfSecrets();
        return withHandoff(adapterUrlForHandoff, handoff);
    }

    /** The iframe URL carrying a one-time login; see {@link #adapterUrlWithLoginHandoff(LoginHandoff)}. */
    public String appUrlWithLoginHandoff(LoginHandoff handoff) {
        warnIfSecrets();
        return withHandoff(appUrlForHandoff, handoff);
    }

    /**
     * The loader tag (with the request's CSP nonce, may be null) carrying a one-time login; see
     * {@link #adapterUrlWithLoginHandoff(LoginHandoff)}.
     */
    public String scriptTagWithLoginHandoff(@Nullable String nonce, LoginHandoff handoff) {
        String nonceAttr = nonce == null || nonce.isEmpty() ? "" : " nonce=\"" + Escape.htmlAttribute(nonce) + "\"";
        return "<script src=\"" + Escape.htmlAttribute(adapterUrlWithLoginHandoff(handoff)) + "\"" + nonceAttr
                + " async=\"\"></script>";
    }

    /** The iframe form carrying a one-time login; see {@link #adapterUrlWithLoginHandoff(LoginHandoff)}. */
    public String iframeTagWithLoginHandoff(IframeOptions options, LoginHandoff handoff) {
        Objects.requireNonNull(options, "options");
        return renderIframe(appUrlWithLoginHandoff(handoff), options);
    }

    private String withHandoff(String base, LoginHandoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        if (!handoff.redirectUri().equals(config.redirectUri())) {
            throw new IllegalArgumentException("The login handoff's code was issued for the redirect URI "
                    + handoff.redirectUri() + ", but this widget is configured with " + config.redirectUri()
                    + ": its code exchange would fail with \"Redirect URIs do not match\" (OAU-109). Request the code"
                    + " with the widget's redirectUri.");
        }
        return base + (base.indexOf('?') < 0 ? "?" : "&")
                + "redirectUri=" + Escape.queryComponent(handoff.redirectUri())
                + "&authorizationCode=" + Escape.queryComponent(handoff.authorizationCode())
                + "&authorizationCodeVerifier=" + Escape.queryComponent(handoff.codeVerifier())
                + "&externalAuthId=" + Escape.queryComponent(handoff.widgetExternalAuthId());
    }

    /** The sources a page using the loader needs in its Content-Security-Policy. */
    public CspSources contentSecurityPolicy() {
        return contentSecurityPolicy(EmbedMode.LOADER);
    }

    /**
     * The sources a page needs in its Content-Security-Policy for the given embed mode. {@code frame-src} lists every
     * origin the frame may have ({@link #widgetOrigins()}), since the loader may frame another origin than its own;
     * {@code script-src} only the loader's. The loader injects a {@code <style>} element and style attributes and
     * uses {@code data:} icons, hence {@code 'unsafe-inline'} in {@code style-src} (which browsers ignore when that
     * directive also holds a nonce or hash).
     */
    public CspSources contentSecurityPolicy(EmbedMode mode) {
        Map<String, List<String>> d = new LinkedHashMap<>();
        List<String> frames = widgetOrigins.all();
        if (mode == EmbedMode.IFRAME) {
            d.put("frame-src", frames);
            return new CspSources(d);
        }
        String loader = widgetOrigins.loaderOrigin();
        d.put("script-src", mode == EmbedMode.LOADER_MANUAL_INIT ? List.of(loader, ManualInitHash.VALUE) : List.of(loader));
        d.put("frame-src", frames);
        d.put("style-src", List.of("'unsafe-inline'"));
        List<String> images = new java.util.ArrayList<>(frames);
        images.add("data:");
        d.put("img-src", images);
        return new CspSources(d);
    }

    /**
     * A {@code Permissions-Policy} header value that lets the widget's frame use the microphone (calls) and
     * autoplay (ringing) on every origin it may have, such as
     * {@code microphone=(self "https://apps.ringcentral.com" "https://ringcentral.github.io" ...), autoplay=(...)}.
     */
    public String permissionsPolicy() {
        return permissionsPolicy;
    }

    /**
     * {@link #permissionsPolicy()} merged into an application's own {@code Permissions-Policy} value: {@code microphone}
     * and {@code autoplay} get the widget's origins added to their allowlists (an empty one, {@code ()}, included), and
     * every other feature stays as written.
     *
     * <pre>{@code response.setHeader("Permissions-Policy", embeddable.permissionsPolicy("camera=(), microphone=()"));}</pre>
     *
     * @throws IllegalArgumentException when {@code existing} is not a Permissions-Policy value (such as a
     *                                  Content-Security-Policy, whose merge is {@code contentSecurityPolicy().mergeInto})
     */
    public String permissionsPolicy(@Nullable String existing) {
        List<String> members = new ArrayList<>();
        members.add("self");
        widgetOrigins.all().forEach(origin -> members.add("\"" + origin + "\""));
        Map<String, List<String>> ours = new LinkedHashMap<>();
        ours.put("microphone", members);
        ours.put("autoplay", members);
        return PermissionsPolicies.merge(ours, existing);
    }

    /** What to register in the Developer Console for this configuration. */
    public RegistrationChecklist registrationChecklist() {
        return new RegistrationChecklist(config); // built when asked: start-up should not pay for the setup page
    }

    /** The configuration's warnings. */
    public List<ConfigProblem> warnings() {
        return config.warnings();
    }

    private void warnIfSecrets() {
        if (!renderedSecrets.isEmpty()) {
            log().log(System.Logger.Level.WARNING, "Rendering RingCentral Embeddable markup that contains {0}"
                    + " (allowSecretsInMarkup): every visitor of the page can read them", renderedSecrets);
        }
    }

    private static List<String> renderedSecrets(EmbeddableConfig config) {
        List<String> names = new java.util.ArrayList<>();
        config.secrets().forEach(p -> names.add(p.wireName()));
        config.extraParams().forEach((name, value) -> {
            if (!value.isBlank() && SettingNames.isSecretName("params." + name)) {
                names.add("params." + name);
            }
        });
        return List.copyOf(names);
    }

    /** The query string for the loader ({@code loader=true}) or the iframe URL, or "" when there is nothing to write. */
    static String query(EmbeddableConfig config, boolean loader) {
        return query(config, loader, EnumSet.noneOf(WidgetParameter.class));
    }

    private static String query(EmbeddableConfig config, boolean loader, EnumSet<WidgetParameter> leaveOut) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (WidgetParameter p : WidgetParameter.values()) {
            if ((loader ? !p.inLoaderUrl() : !p.inIframeUrl()) || leaveOut.contains(p)) {
                continue;
            }
            String value = wireValue(p, config.get(p).orElse(null));
            if (value != null) {
                q.add(p.wireName() + "=" + Escape.queryComponent(value));
            }
        }
        config.extraParams().forEach((k, v) -> q.add(Escape.queryComponent(k) + "=" + Escape.queryComponent(v)));
        return q.toString();
    }

    /** The text the widget reads for a stored value, or null when nothing is to be written. */
    static @Nullable String wireValue(WidgetParameter p, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        return switch (p.type()) {
            // The widget reads these flags by presence: "=0" would turn them on. Write them only when on.
            case FLAG -> Boolean.TRUE.equals(value) ? "1" : null;
            // disableGlip/disableConferenceInvite are on unless the value is not "true": write "false" to turn them off.
            case FLAG_DEFAULT_ON -> Boolean.FALSE.equals(value) ? "false" : null;
            // mainTab counts only the exact string "true".
            case TRUE_STRING -> Boolean.TRUE.equals(value) ? "true" : null;
            case APP_SERVER -> ((AppServer) value).origin();
            case CALL_WITH, DIRECTION, BRAND -> ((WireValue) value).wireValue();
            default -> value.toString();
        };
    }

    /** The manual-init script's hash, computed on first use (a message digest costs start-up time most apps never use). */
    private static final class ManualInitHash {
        static final String VALUE = ScriptHash.sha256Source(MANUAL_INIT_SCRIPT);
    }
}
