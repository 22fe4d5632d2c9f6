package io.github.embeddable4j.core.login;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Hosting;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.Urls;
import io.github.embeddable4j.core.WidgetParameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of the authorization-code handoff: the authorize request the server sends the browser to, for
 * the widget's client ID and the widget's own redirect URI, with a server-owned state and an S256 PKCE challenge.
 * At the redirect URI the server keeps the code without exchanging it ({@link PendingLogin#complete}) and renders the
 * widget once with it ({@link Embeddable#scriptTagWithLoginHandoff}); the widget exchanges it. Immutable, thread-safe.
 *
 * <pre>{@code
 * LoginAuthorization authorization = LoginAuthorization.of(embeddable);
 * PendingLogin pending = authorization.begin(externalAuthIds.forAppUser(userId), "/contacts");
 * // keep pending in the user's session, redirect the browser to pending.authorizeUrl()
 * }</pre>
 */
public final class LoginAuthorization {

    /** Every state this library issues starts with this; the widget's own states never do. */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static final String STATE_PREFIX = "e4j.";
    /** The path of the authorize endpoint on a RingCentral platform server. */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static final String AUTHORIZE_PATH = "/restapi/oauth/authorize";

    private final String clientId;
    private final String redirectUri;
    private final String authorizeEndpoint;
    /** The widget's app server's origin, which exchanges the code (kept when the authorize endpoint is another). */
    private final String server;

    private LoginAuthorization(String clientId, String redirectUri, String authorizeEndpoint, String server) {
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.authorizeEndpoint = authorizeEndpoint;
        this.server = server;
    }

    /**
     * The authorization for a rendered configuration, at its app server's {@value #AUTHORIZE_PATH}.
     *
     * @throws EmbeddableConfigException listing every setting that keeps the handoff from working, with its fix
     */
    public static LoginAuthorization of(Embeddable embeddable) {
        EmbeddableConfig config = Objects.requireNonNull(embeddable, "embeddable").config();
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.clientId().isEmpty()) {
            problems.add(new ConfigProblem("clientId", "signing users in from the server needs your own app: RingCentral's"
                    + " demo app does not have your redirect URI registered.", "Set clientId to your app's client ID."));
        }
        if (config.customRedirectUri().isEmpty()) {
            problems.add(new ConfigProblem("redirectUri", "without a redirectUri the widget uses its hosting's redirect"
                    + " page, " + config.redirectUri() + ", where your server cannot catch the authorization code.",
                    "Set redirectUri to the URL of your callback (sign in once serves it, such as https://your.host/ringcentral/redirect)"
                    + " and register that URL on the app."));
        }
        if (config.hosting().predates(WidgetParameter.EXTERNAL_AUTH_ID)) {
            // the handoff names its user by externalAuthId: a release that ignores it keeps the last user's login
            problems.add(new ConfigProblem("hosting", "widget " + config.hosting() + " does not read externalAuthId, which"
                    + " signing users in from the server needs to tell one user from the next (1.x and the releases up"
                    + " to " + Hosting.lastReleaseWithout(WidgetParameter.EXTERNAL_AUTH_ID).orElseThrow() + ").",
                    "Use latest, or pin 2.3.0 or a later release."));
        }
        if (config.isOn(WidgetParameter.AUTH_PROXY)) {
            problems.add(new ConfigProblem("authProxy", "in auth-proxy mode the widget does not exchange codes itself.",
                    "Turn authProxy off to hand codes to the widget."));
        }
        if (!problems.isEmpty()) {
            throw new EmbeddableConfigException(problems);
        }
        String server = config.appServer().origin();
        return new LoginAuthorization(config.clientId().orElseThrow(), config.redirectUri(), server + AUTHORIZE_PATH, server);
    }

    /**
     * The same authorization at another authorize endpoint (a mock server in tests, a corporate proxy): an absolute
     * {@code https://} URL ({@code http://} only on localhost) without query or fragment.
     */
    public LoginAuthorization withAuthorizeEndpoint(String endpoint) {
        return new LoginAuthorization(clientId, redirectUri, requireEndpoint(endpoint), server);
    }

    /** The fix for an authorize endpoint {@link #withAuthorizeEndpoint} refuses, for every adapter's report. */
    @Internal("embeddable4j's adapters, which report a refused authorize endpoint")
    public static final String AUTHORIZE_ENDPOINT_FIX = "Write the endpoint's absolute URL, such as"
            + " https://auth.example.com/restapi/oauth/authorize (http:// only on localhost: http://localhost:9999/authorize),"
            + " or leave it unset to use the app server's.";

    /**
     * Checks an authorize endpoint as {@link #withAuthorizeEndpoint} does, without an authorization: a start-up report
     * lists a bad endpoint beside the problems that keep {@link #of} from making one.
     *
     * @throws IllegalArgumentException saying what is wrong with it (see {@link #AUTHORIZE_ENDPOINT_FIX})
     */
    @Internal("embeddable4j's adapters, which report every problem of sign in once's settings at once")
    public static void checkAuthorizeEndpoint(String endpoint) {
        requireEndpoint(endpoint);
    }

    private static String requireEndpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("authorize endpoint '" + Urls.shown(endpoint) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (host.isEmpty() || !(scheme.equals("https") || (scheme.equals("http") && loopback))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("authorize endpoint '" + Urls.shown(endpoint) + "' must be an absolute https:// URL"
                    + " (http:// only on localhost) without user info, query or fragment");
        }
        return endpoint;
    }

    /** The client ID the code is requested for (the widget's). */
    public String clientId() {
        return clientId;
    }

    /** The redirect URI the code is requested for: the widget's configured {@code redirectUri}. */
    public String redirectUri() {
        return redirectUri;
    }

    /** Where the browser is sent to authorize. */
    public String authorizeEndpoint() {
        return authorizeEndpoint;
    }

    /**
     * The origin of {@link #authorizeEndpoint()}, such as {@code https://platform.ringcentral.com}: what a page's
     * {@code form-action} must allow when a sign-in form's answer is redirected on to RingCentral (connect-on-login).
     */
    public String authorizeOrigin() {
        URI endpoint = URI.create(authorizeEndpoint); // absolute, with a host: checked when it was set
        // scheme, host and a port that is there: "https://auth.example.com:/authorize" has an empty one, no CSP source
        return Objects.requireNonNull(endpoint.getScheme()).toLowerCase(Locale.ROOT) + "://"
                + Objects.requireNonNull(endpoint.getHost()).toLowerCase(Locale.ROOT)
                + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    }

    /**
     * {@code {endpoint}?response_type=code&client_id=...&redirect_uri=...&code_challenge=...&code_challenge_method=S256&state=...}.
     */
    public String authorizeUrl(String codeChallenge, String state) {
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(state, "state");
        return authorizeEndpoint + "?response_type=code&client_id=" + encode(clientId) + "&redirect_uri="
                + encode(redirectUri) + "&code_challenge=" + encode(codeChallenge) + "&code_challenge_method="
                + PkcePair.METHOD + "&state=" + encode(state);
    }

    /**
     * Starts a sign-in: a new PKCE pair and state, and the authorize URL carrying them. Keep the result in the user's
     * session (it holds the verifier) and redirect the browser to {@link PendingLogin#authorizeUrl()}.
     *
     * @param externalAuthId the signed-in application user's id ({@link ExternalAuthIds#forAppUser})
     * @param returnPath     where to send the browser back to, checked with {@link ReturnPaths#check}
     */
    public PendingLogin begin(String externalAuthId, String returnPath) {
        return begin(externalAuthId, returnPath, null);
    }

    /** {@link #begin(String, String)}, noting the fingerprint of the key the externalAuthId was derived with. */
    PendingLogin begin(String externalAuthId, String returnPath, @Nullable String keyFingerprint) {
        PkcePair pkce = PkcePair.generate();
        String state = newState();
        return new PendingLogin(state, pkce.verifier(), redirectUri, externalAuthId, returnPath,
                System.currentTimeMillis(), authorizeUrl(pkce.challenge(), state), issuer(), keyFingerprint);
    }

    /**
     * What a widget must have to exchange a code of this authorization, as one string: the client ID, the redirect URI
     * the code is issued for (RingCentral refuses another, OAU-109) and the app server. A code one tenant's widget can
     * exchange, and no other tenant's: another app, the same app with a redirect URI per tenant host, or the same app
     * on another server (also where tests send every tenant to one authorize endpoint).
     */
    String issuer() {
        return clientId + " " + redirectUri + " " + server;
    }

    /**
     * For a log: how another issuer differs from this one, as "client ID a (here b), redirect URI ..." (every part is
     * public: it is in the widget's markup). None of the three parts has a space (a client ID with one is refused, a
     * URI cannot have one), so the issuer splits into them.
     */
    String differencesFrom(String otherIssuer) {
        String[] other = otherIssuer.split(" ", -1);
        String[] here = {clientId, redirectUri, server};
        if (other.length != here.length) {
            return "other settings";
        }
        String[] names = {"client ID", "redirect URI", "server"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < here.length; i++) {
            if (!other[i].equals(here[i])) {
                parts.add(names[i] + " " + other[i] + " (here " + here[i] + ")");
            }
        }
        return String.join(", ", parts);
    }

    /** A new server-owned state: {@value #STATE_PREFIX} and 32 random bytes in base64url. */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static String newState() {
        return STATE_PREFIX + PkcePair.randomBase64Url(32);
    }

    /**
     * Whether a callback's state was issued by this library (rather than by the widget's own login popup, whose
     * callbacks arrive at the same redirect URI). It says nothing about whether the state is still pending.
     */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static boolean isServerState(@Nullable String state) {
        return state != null && state.startsWith(STATE_PREFIX);
    }

    /** Percent-encodes a query value as RFC 3986 does (a space is %20, not +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "LoginAuthorization[clientId=" + clientId + ", redirectUri=" + redirectUri + ", authorizeEndpoint="
                + authorizeEndpoint + "]";
    }
}
