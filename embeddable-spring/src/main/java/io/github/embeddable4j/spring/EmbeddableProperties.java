package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The starter's own switches under {@code ringcentral.embeddable}. The widget settings under the same prefix
 * ({@code client-id}, {@code app-server}, {@code hosting}, every widget parameter, {@code params.<name>}) are not
 * fields here: the starter reads them from the environment by the names core knows
 * ({@link io.github.embeddable4j.core.SettingNames}), so the list of parameters is kept in one place,
 * {@link io.github.embeddable4j.core.WidgetParameter}. Their IDE metadata is generated from it at build time.
 */
@ConfigurationProperties(prefix = EmbeddableProperties.PREFIX)
public class EmbeddableProperties {

    static final String DEFAULT_BRIDGE_PATH = "/embeddable4j";
    static final String DEFAULT_SETUP_PATH = "/embeddable4j/setup";

    /** The prefix of every property the starter reads. */
    public static final String PREFIX = "ringcentral.embeddable";

    /**
     * Whether to enable the RingCentral Embeddable integration at all.
     */
    private boolean enabled = true;

    /**
     * Whether a property under ringcentral.embeddable that names no setting (a typo such as disable-cal) stops the
     * application; when false it is logged as a warning.
     */
    private boolean failOnUnknownProperties = true;

    /**
     * Request attribute (in WebFlux, exchange attribute) holding the page's CSP nonce, looked at before _csp_nonce and
     * cspNonce.
     */
    private @Nullable String nonceAttribute;

    private final Inject inject = new Inject();

    private final RedirectPage redirectPage = new RedirectPage();

    private final Bridge bridge = new Bridge();

    private final Graduation graduation = new Graduation();

    private final Service service = new Service();

    private final Login login = new Login();

    private final SetupPage setupPage = new SetupPage();

    /**
     * The filter's rules.
     *
     * @throws EmbeddableConfigException naming the {@code inject.*} properties whose patterns or header name are bad
     */
    InjectionRules toInjectionRules() {
        try {
            return InjectionRules.builder().enabled(inject.enabled).include(inject.includePaths.toArray(new String[0]))
                    .exclude(inject.excludePaths.toArray(new String[0])).errorPages(inject.errorPages).postPages(inject.postPages)
                    .injectedHeader(inject.injectedHeader).build();
        } catch (EmbeddableConfigException e) {
            throw new EmbeddableConfigException(e.problems().stream().map(EmbeddableProperties::injectProblem).toList());
        }
    }

    /** A problem of the rules' builder, named by its {@code inject.*} property. */
    static ConfigProblem injectProblem(ConfigProblem problem) {
        String property = switch (problem.property()) {
            case "include" -> "inject.include-paths";
            case "exclude" -> "inject.exclude-paths";
            case "injectedHeader" -> "inject.injected-header";
            default -> problem.property();
        };
        return new ConfigProblem(PREFIX + "." + property, problem.message(), problem.fix());
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isFailOnUnknownProperties() {
        return failOnUnknownProperties;
    }

    public void setFailOnUnknownProperties(boolean failOnUnknownProperties) {
        this.failOnUnknownProperties = failOnUnknownProperties;
    }

    public @Nullable String getNonceAttribute() {
        return nonceAttribute;
    }

    public void setNonceAttribute(@Nullable String nonceAttribute) {
        this.nonceAttribute = nonceAttribute;
    }

    public Inject getInject() {
        return inject;
    }

    public RedirectPage getRedirectPage() {
        return redirectPage;
    }

    public Bridge getBridge() {
        return bridge;
    }

    public Graduation getGraduation() {
        return graduation;
    }

    public Service getService() {
        return service;
    }

    public Login getLogin() {
        return login;
    }

    public SetupPage getSetupPage() {
        return setupPage;
    }

    /** How the filter puts the widget on pages. */
    public static class Inject {

        /**
         * Whether the filter puts the widget on every HTML page of a servlet or WebFlux web application.
         */
        private boolean enabled = true;

        /**
         * Whether visitors who have not signed in get the widget too. Not set, it depends on Spring Security: where it
         * guards the application, anonymous visitors (the sign-in page too) get no widget; without it, every visitor
         * gets the widget. Set to false without Spring Security, only requests with a principal or a user of the
         * application's AppUserResolver bean get it.
         */
        // no default in the metadata: an IDE showing "false" told applications without Spring Security the opposite
        private @Nullable Boolean anonymous;

        /**
         * Path patterns to inject into (/app/*, *.html, /exact), within the context path (the servlet path
         * included: /app/admin under spring.mvc.servlet.path=/app); empty means every path.
         */
        private List<String> includePaths = new ArrayList<>();

        /**
         * Path patterns never to inject into, within the context path (the servlet path included); they win over
         * include-paths.
         */
        private List<String> excludePaths = new ArrayList<>();

        /**
         * Whether 4xx and 5xx HTML pages get the widget too.
         */
        private boolean errorPages;

        /**
         * Whether HTML pages answering POST requests get the widget too: a form shown again with its validation
         * errors. Off by default; fragments answering a POST (htmx) still get nothing.
         */
        private boolean postPages;

        /**
         * Response header set to 1 on pages that got the widget from the filter, such as X-Embeddable-Injected (not on
         * a page flushed before its head ended: its headers were sent; nor on a page with the Thymeleaf
         * rc:embeddable tag).
         */
        private @Nullable String injectedHeader;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Boolean getAnonymous() {
            return anonymous;
        }

        public void setAnonymous(@Nullable Boolean anonymous) {
            this.anonymous = anonymous;
        }

        public List<String> getIncludePaths() {
            return includePaths;
        }

        public void setIncludePaths(List<String> includePaths) {
            this.includePaths = includePaths;
        }

        public List<String> getExcludePaths() {
            return excludePaths;
        }

        public void setExcludePaths(List<String> excludePaths) {
            this.excludePaths = excludePaths;
        }

        public boolean isErrorPages() {
            return errorPages;
        }

        public void setErrorPages(boolean errorPages) {
            this.errorPages = errorPages;
        }

        public boolean isPostPages() {
            return postPages;
        }

        public void setPostPages(boolean postPages) {
            this.postPages = postPages;
        }

        public @Nullable String getInjectedHeader() {
            return injectedHeader;
        }

        public void setInjectedHeader(@Nullable String injectedHeader) {
            this.injectedHeader = injectedHeader;
        }
    }

    /** The OAuth redirect page. */
    public static class RedirectPage {

        /**
         * Path to serve the OAuth redirect page at, such as /ringcentral/redirect; set redirect-uri to its full URL (a
         * redirect-uri whose path does not end with this one fails start-up).
         */
        private @Nullable String path;

        public @Nullable String getPath() {
            return path;
        }

        public void setPath(@Nullable String path) {
            this.path = pathOrNull(path);
        }

        /**
         * The path as set, trimmed; null for none, blank (an empty environment variable: a servlet mapped at "" would
         * serve the home page) or {@code false}. The bean's condition reads the environment by the same rule.
         */
        static @Nullable String pathOrNull(@Nullable String path) {
            return path == null || path.isBlank() || path.trim().equalsIgnoreCase("false") ? null : path.trim();
        }
    }

    /** The widget bridge: the event endpoint and the script that forwards the widget's events to it. */
    public static class Bridge {

        /**
         * Whether pages get the bridge script when something listens to widget events (a WidgetEventListener bean, an
         * @EventListener for WidgetApplicationEvent, the graduation tracker).
         */
        private boolean enabled = true;

        /**
         * Where the bridge is served (its script and its endpoints), relative to the context path.
         */
        private String path = "/embeddable4j"; // a literal: the metadata processor reads it as the default

        /** How many requests one browser session may make to the bridge's endpoints, and in what window. */
        private final BridgeRateLimit rateLimit = new BridgeRateLimit();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(@Nullable String path) {
            // Blank is not set, as for every setting (an empty environment variable): "" would map the bridge at /*
            this.path = path == null || path.isBlank() ? DEFAULT_BRIDGE_PATH : path;
        }

        public BridgeRateLimit getRateLimit() {
            return rateLimit;
        }

        /**
         * The endpoints' limits: core's defaults with this rate.
         *
         * @throws EmbeddableConfigException naming the {@code bridge.rate-limit.*} properties that are bad
         */
        BridgeLimits toLimits() {
            Duration window = rateLimit.getWindow();
            List<ConfigProblem> problems = new ArrayList<>();
            if (rateLimit.getRequests() < 1) {
                problems.add(new ConfigProblem(PREFIX + ".bridge.rate-limit.requests", rateLimit.getRequests()
                        + " requests would refuse every batch.", "Give at least 1 (default 60)."));
            }
            if (window == null || window.isNegative() || window.isZero()) {
                problems.add(new ConfigProblem(PREFIX + ".bridge.rate-limit.window", window + " is not a positive duration.",
                        "Give a positive duration such as 10s (the default)."));
            }
            if (window == null || !problems.isEmpty()) {
                throw new EmbeddableConfigException(problems);
            }
            return BridgeLimits.defaults().withRate(rateLimit.getRequests(), window);
        }
    }

    /**
     * The bridge's rate limit: requests per browser session (without a session, per signed-in user, else per address)
     * in a fixed window; more get 429 with a Retry-After, and the page's script waits as told.
     */
    public static class BridgeRateLimit {

        /**
         * Requests one browser session may make to the bridge's endpoints per window.
         */
        private int requests = 60;

        /**
         * The window the requests are counted in (a fixed window: a burst across two windows may get up to twice the
         * requests through). A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS) // "10" is ten seconds, as the default reads; milliseconds made no limit
        private @Nullable Duration window = Duration.ofSeconds(10);

        public int getRequests() {
            return requests;
        }

        public void setRequests(int requests) {
            this.requests = requests;
        }

        public @Nullable Duration getWindow() {
            return window;
        }

        public void setWindow(@Nullable Duration window) {
            this.window = window;
        }
    }

    /** The graduation tracker: counts what a sandbox app must show RingCentral before going to production. */
    public static class Graduation {

        /**
         * Whether to count graduation actions; unset means: only while the app-server property names the sandbox
         * (sandbox, devtest or its origin). Set it to true where an EmbeddableConfigCustomizer picks the sandbox.
         */
        private @Nullable Boolean enabled;

        /**
         * File the counts are kept in when the application has no DataSource (default ~/.embeddable4j/graduation.json).
         */
        private @Nullable String file;

        /**
         * Table the counts are kept in when the application has a DataSource; created on first use.
         */
        private String table = "embeddable4j_graduation";

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getFile() {
            return file;
        }

        public void setFile(@Nullable String file) {
            this.file = file;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }
    }

    /** The third-party service the widget calls for contacts and logging, built from the application's provider beans. */
    public static class Service {

        /**
         * The service's name, which the widget also shows as the type of its contacts; default: spring.application.name,
         * else "crm".
         */
        private @Nullable String name;

        /**
         * The name the widget shows for the service, such as "Acme CRM"; default: the name.
         */
        private @Nullable String displayName;

        /**
         * Threads that run the providers (platform threads, made as needed, idle ones end after 30 s); a call-out that
         * waits in the queue past its deadline gets a timeout answer. Raise it when providers wait on a slow CRM.
         */
        private int threads = 8;

        /**
         * Whether the service answers signed-in users only: a call-out of a visitor who has not signed in is refused
         * and no provider runs (the Do Not Contact check still runs). Not set: on where Spring Security guards the
         * application, unless inject.anonymous is true; off without Spring Security.
         */
        private @Nullable Boolean signedInOnly;

        public @Nullable Boolean getSignedInOnly() {
            return signedInOnly;
        }

        public void setSignedInOnly(@Nullable Boolean signedInOnly) {
            this.signedInOnly = signedInOnly;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public @Nullable String getName() {
            return name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }
    }

    /** "Sign in once": the server hands the widget a one-time login, so users connect RingCentral once. */
    public static class Login {

        /**
         * Whether users connect their RingCentral account through the server (the authorization-code handoff). Needs
         * redirect-uri set to this application's callback URL, registered on the RingCentral app. Spring MVC and WebFlux
         * applications alike.
         */
        private boolean enabled;

        /**
         * Base64 key (32 bytes or more) that turns app users into the widget's externalAuthId; set it so the id stays
         * the same across restarts and instances. Unset: a random key per start, with a warning.
         */
        private @Nullable String serverKey;

        /**
         * Path of the endpoint that starts the connection (a link to it, with ?return=/page, is the "Connect
         * RingCentral" button).
         */
        private String connectPath = "/ringcentral/connect";

        /**
         * Where the redirect URI reaches this application (the sign-in callback), relative to the context path, when a
         * proxy publishes the application under a prefix it strips: redirect-uri https://host/crm/ringcentral/redirect
         * with /crm stripped is /ringcentral/redirect. Unset: the redirect URI's path inside the context path.
         */
        private @Nullable String callbackPath;

        /**
         * Whether the connection starts right after the application's own sign-in with Spring Security: the browser's
         * next visit of a page goes to the connect path first, and comes back. In a WebFlux application, for sign-ins
         * kept in the WebSession (form login, oauth2Login). With a sign-in of your own, your handler calls
         * LoginHandoffFlow.signedIn(request, response, user, true), or in WebFlux EmbeddableLoginWebFilter.signedIn(exchange,
         * user, true).
         */
        private boolean connectOnLogin;

        /**
         * Whether signing out of the application also logs the widget's RingCentral user out, so the next person at the
         * browser does not inherit the phone (with login.enabled: part of sign in once; with Spring Security's logout). In
         * a WebFlux application, for sign-ins kept in the WebSession (form login, oauth2Login); for others, such as HTTP
         * Basic, add EmbeddableLoginWebFilter.logOutWidget to your logout handlers.
         */
        private boolean logoutWidget = true;

        /**
         * The authorize endpoint to send users to, when not the app server's /restapi/oauth/authorize (a proxy, or a
         * test server).
         */
        private @Nullable String authorizeEndpoint;

        public @Nullable String getAuthorizeEndpoint() {
            return authorizeEndpoint;
        }

        public void setAuthorizeEndpoint(@Nullable String authorizeEndpoint) {
            this.authorizeEndpoint = authorizeEndpoint;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getServerKey() {
            return serverKey;
        }

        public void setServerKey(@Nullable String serverKey) {
            this.serverKey = serverKey;
        }

        public String getConnectPath() {
            return connectPath;
        }

        public void setConnectPath(String connectPath) {
            this.connectPath = connectPath;
        }

        public @Nullable String getCallbackPath() {
            return callbackPath;
        }

        public void setCallbackPath(@Nullable String callbackPath) {
            this.callbackPath = callbackPath;
        }

        public boolean isConnectOnLogin() {
            return connectOnLogin;
        }

        public void setConnectOnLogin(boolean connectOnLogin) {
            this.connectOnLogin = connectOnLogin;
        }

        public boolean isLogoutWidget() {
            return logoutWidget;
        }

        public void setLogoutWidget(boolean logoutWidget) {
            this.logoutWidget = logoutWidget;
        }
    }

    /** The setup page: configuration, registration checklist, snippets, graduation progress, and the config form. */
    public static class SetupPage {

        /**
         * Whether to serve the setup page. Off by default; when on, only requests from localhost (without a forwarding
         * header pointing elsewhere) or from users in setup-page.role see it, everyone else gets 404. Where the server
         * reads forwarded headers (server.forward-headers-strategy, or a cloud platform), for setup-page.role only.
         */
        private boolean enabled;

        /**
         * Where the setup page is served.
         */
        private String path = "/embeddable4j/setup";

        /**
         * A role whose users may open the setup page from anywhere (besides localhost).
         */
        private @Nullable String role;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(@Nullable String path) {
            // Blank is not set: "" is the servlet mapping of the context root, the application's home page
            this.path = path == null || path.isBlank() ? DEFAULT_SETUP_PATH : path;
        }

        public @Nullable String getRole() {
            return role;
        }

        public void setRole(@Nullable String role) {
            this.role = role;
        }
    }
}
