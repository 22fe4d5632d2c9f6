package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.core.login.CallbackPaths;
import io.github.embeddable4j.core.login.LoginAuthorization;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Everything under {@code ringcentral.embeddable} in Spring's {@link Environment}, from every property source
 * (properties and YAML files, environment variables such as {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID}, system
 * properties, the command line): the widget settings, read into core's {@link EmbeddableConfig} by the names core
 * knows ({@link SettingNames}); the starter's own switches ({@link EmbeddableProperties}); and every other key, which
 * is a typo ({@link PropertyScan}). Problems are named by their Spring property, with where they were set.
 */
@NullUnmarked // internal: Spring's binder callbacks give null for unbound values
final class EnvironmentSettings {

    private static final String PREFIX = EmbeddableProperties.PREFIX + ".";
    private static final String PARAMS = "params";

    private final Map<String, String> settings = new LinkedHashMap<>();
    /** Where each setting was set, by core name, when Spring knows. */
    private final Map<String, String> origins = new HashMap<>();
    private final List<ConfigProblem> switchProblems = new ArrayList<>();
    private final List<ConfigProblem> unknown = new ArrayList<>();
    private boolean failOnUnknown = true;
    /** The sign-in-once switches, checked with the rest when sign in once is on. */
    private EmbeddableProperties.Login login = new EmbeddableProperties.Login();
    /** Where login.server-key was set, when Spring knows. */
    private String serverKeyOrigin;
    /** Where login.connect-path was set, when it was. */
    private String connectPathOrigin;
    /** redirect-page.path, or null. */
    private String redirectPagePath;
    /** Where Spring Security's oauth2Login takes its callbacks by default ({@code /login/oauth2/code/{registrationId}}). */
    private static final String OAUTH2_LOGIN_CALLBACKS = "/login/oauth2/code/";
    /** server.servlet.context-path (a WAR's context path is only known when the container starts it: checked again then). */
    private String contextPath = "";
    private String reactiveBasePath = "";
    /** Whether the application runs its own (embedded) server, whose context path the properties give. */
    private boolean embeddedServer;

    private EnvironmentSettings() {
    }

    /** Reads the environment; never throws for bad values (they are problems of {@link #toConfig()}). */
    static EnvironmentSettings read(Environment environment) {
        EnvironmentSettings read = new EnvironmentSettings();
        Binder binder = Binder.get(environment);
        read.bindSwitches(binder);
        PropertyScan scan = PropertyScan.of(environment);
        read.unknown.addAll(scan.unknown());
        read.bindSettings(environment, binder, scan);
        read.contextPath = environment.getProperty("server.servlet.context-path", "");
        read.reactiveBasePath = environment.getProperty("spring.webflux.base-path", "");
        // Before an embedded server starts, the servlet context's parameters are a stub; in a WAR they are the real
        // container's from the start (and there server.servlet.context-path does not apply).
        read.embeddedServer = environment instanceof ConfigurableEnvironment configurable
                && configurable.getPropertySources().get("servletContextInitParams") instanceof PropertySource.StubPropertySource;
        return read;
    }

    /** Marks the settings as those of a WebFlux application: its base path is the context path. */
    EnvironmentSettings inReactiveWebApplication(boolean reactive) {
        if (reactive) {
            this.contextPath = reactiveBasePath;
            this.embeddedServer = true;
        }
        return this;
    }

    /** The widget settings found, by core name, as text; {@code params.<name>} for parameters core does not know. */
    Map<String, String> settings() {
        return settings;
    }

    /** Properties under the prefix that name no setting, each with the nearest property name. */
    List<ConfigProblem> unknownProperties() {
        return unknown;
    }

    /** Whether unknown properties stop the application ({@code fail-on-unknown-properties}, default true). */
    boolean failOnUnknown() {
        return failOnUnknown;
    }

    /**
     * The validated configuration.
     *
     * @throws EmbeddableConfigException listing every problem, named by property: bad switch values, unknown
     *                                   properties (unless they only warn), and everything core finds wrong
     */
    EmbeddableConfig toConfig() {
        List<ConfigProblem> problems = switchAndNameProblems();
        EmbeddableConfig config = null;
        Set<String> failed = new HashSet<>();
        try {
            config = EmbeddableConfig.fromMap(settings);
        } catch (EmbeddableConfigException e) {
            for (ConfigProblem p : e.problems()) {
                problems.add(named(p, true));
                failed.add(p.property());
            }
        }
        if (login.isEnabled()) { // its form, also when the widget's settings fail: one report lists every problem
            io.github.embeddable4j.core.login.LoginEndpoints.connectPathProblem(login.getConnectPath()).ifPresent(message ->
                    problems.add(new ConfigProblem(PREFIX + "login.connect-path", PropertyScan.withOrigin(message,
                            connectPathOrigin), io.github.embeddable4j.core.login.LoginEndpoints.CONNECT_PATH_FIX)));
        }
        if (config == null && login.isEnabled()) {
            signInOnceProblemsBeside(failed).forEach(p -> problems.add(named(p, true)));
        }
        if (config != null && login.isEnabled()) {
            int before = problems.size();
            try { // what sign in once needs of the widget settings (a client ID, the callback as redirect URI, ...)
                LoginAuthorization.of(Embeddable.of(config));
            } catch (EmbeddableConfigException e) {
                e.problems().forEach(p -> problems.add(named(p, true)));
            }
            if (login.getAuthorizeEndpoint() != null && !login.getAuthorizeEndpoint().isBlank()) {
                try { // also when the rest fails: one report lists every problem
                    LoginAuthorization.checkAuthorizeEndpoint(login.getAuthorizeEndpoint());
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(PREFIX + "login.authorize-endpoint", e.getMessage() + ".",
                            LoginAuthorization.AUTHORIZE_ENDPOINT_FIX));
                }
            }
            try { // where the callback is mapped: the redirect URI inside the application (or login.callback-path)
                if (problems.size() == before) { // a redirect URI of the application's own: where it is served
                    String callback = CallbackPaths.of(config.redirectUri(), blankToNull(login.getCallbackPath()), contextPath);
                    if (callback.equals(login.getConnectPath())) {
                        problems.add(new ConfigProblem(PREFIX + "login.connect-path", PropertyScan.withOrigin("'"
                                + login.getConnectPath() + "' is the sign-in callback's path (the redirect URI's).",
                                connectPathOrigin), io.github.embeddable4j.core.login.LoginEndpoints.CONNECT_PATH_FIX));
                    }
                    String page = blankToNull(redirectPagePath);
                    // A WAR's context path is the container's, so the callback computed here may still hold it
                    // (/crm/ringcentral/redirect for a page at /ringcentral/redirect in /crm): there, endsWith. With an
                    // embedded server the context path is known, and a longer callback is a proxy's prefix that the
                    // callback would be mapped under, where the proxy never forwards (a trial behind nginx).
                    boolean served = page == null || (embeddedServer ? callback.equals(page) : callback.endsWith(page));
                    if (!served && !callback.startsWith(OAUTH2_LOGIN_CALLBACKS)) {
                        // its servlet is not registered with sign in once on (and a redirect URI oauth2Login answers is
                        // reported below: its fix is another redirect URI, not this path)
                        String remove = PREFIX + "redirect-page.path, or set it to " + callback + ".";
                        String fix = !callback.endsWith(page) ? "Remove " + remove
                                : "Behind a proxy that strips " + callback.substring(0, callback.length() - page.length())
                                + ", set " + PREFIX + "login.callback-path=" + page + "; otherwise remove " + remove;
                        problems.add(new ConfigProblem(PREFIX + "redirect-page.path", "'" + page + "' is not served: with"
                                + " sign in once, its callback serves the redirect page at the redirect URI's path, " + callback
                                + ".", fix));
                    }
                    ConfigProblem taken = springSecurityPageProblem(PREFIX + "redirect-uri", callback, "Use a path of its own,"
                            + " such as " + contextPath + "/ringcentral/redirect, and register that URL on the RingCentral app.");
                    if (taken != null) {
                        problems.add(taken);
                    }
                    if (callback.startsWith(OAUTH2_LOGIN_CALLBACKS)) {
                        problems.add(new ConfigProblem(PREFIX + "redirect-uri", "its path " + callback + " is where Spring"
                                + " Security's OAuth 2.0 login (oauth2Login) takes its own callbacks, so it answers RingCentral's"
                                + " code with 'Invalid credentials' before sign in once sees it.", "Use a path of its own,"
                                + " such as " + contextPath + "/ringcentral/redirect, and register that URL on the RingCentral app."));
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(login.getCallbackPath() == null ? PREFIX + "redirect-uri" : PREFIX + "login.callback-path",
                        e.getMessage(), "Set " + PREFIX + "redirect-uri to the public URL of the sign-in callback, and behind a"
                        + " proxy that strips a prefix, " + PREFIX + "login.callback-path to the path it reaches this"
                        + " application at."));
            }
        }
        if (config != null && !login.isEnabled()) {
            redirectPageProblem(config, blankToNull(redirectPagePath)).ifPresent(problems::add);
        }
        if (config != null && problems.isEmpty()) {
            return config;
        }
        throw new EmbeddableConfigException(problems);
    }

    /**
     * A redirect page or callback at the path of Spring Security's own sign-in or sign-out page ({@code /login},
     * {@code /logout}, with Spring Security on the class path): Spring Security answers it first, so RingCentral's popup
     * and code get its page (a WebFlux trial's connect ended on "Please sign in"). Null when the path is free.
     */
    private static ConfigProblem springSecurityPageProblem(String property, String path, String fix) {
        if (!SPRING_SECURITY_PAGES.contains(path)
                || !ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", EnvironmentSettings.class.getClassLoader())) {
            return null;
        }
        return new ConfigProblem(property, "its path " + path + " is Spring Security's own "
                + (path.equals("/login") ? "sign-in" : "sign-out") + " page, which answers it before embeddable4j does, so"
                + " RingCentral's login popup and codes would get that page.", fix);
    }

    /** The paths of Spring Security's default sign-in and sign-out pages, inside the context. */
    private static final java.util.Set<String> SPRING_SECURITY_PAGES = java.util.Set.of("/login", "/logout");

    /**
     * The application serves the redirect page ({@code redirect-page.path}) but its redirect URI names another path:
     * RingCentral's login popup would land on a 404 (a devtools trial saw only the servlet's warning scroll by). By the
     * end of the path, as with sign in once: a WAR's context path, or a proxy's prefix, may come before it.
     */
    private java.util.Optional<ConfigProblem> redirectPageProblem(EmbeddableConfig config, String page) {
        ConfigProblem taken = page == null ? null : springSecurityPageProblem(PREFIX + "redirect-page.path", page,
                "Serve it at a path of its own, such as /ringcentral/redirect, with the redirect URI ending in it.");
        if (taken != null) {
            return java.util.Optional.of(taken);
        }
        String uri = config.customRedirectUri().orElse(null);
        if (page == null || uri == null) {
            return java.util.Optional.empty(); // without a redirect URI of its own the servlet warns that it is unused
        }
        String path = java.net.URI.create(uri).getPath();
        if (path != null && path.endsWith(page)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConfigProblem(PREFIX + "redirect-uri", "its path " + path + " is not where this"
                + " application serves the redirect page (" + PREFIX + "redirect-page.path=" + page + "), so RingCentral's"
                + " login popup would end on a 404.", "Set " + PREFIX + "redirect-uri to the page's public URL (ending in "
                + page + ") and register that URL on the RingCentral app, or set " + PREFIX + "redirect-page.path to "
                + path + "."));
    }

    /**
     * Checks only what concerns the starter when the application builds its own {@code Embeddable}.
     *
     * @throws EmbeddableConfigException listing bad switch values and unknown properties
     */
    void checkSwitchesAndNames() {
        List<ConfigProblem> problems = switchAndNameProblems();
        if (!problems.isEmpty()) {
            throw new EmbeddableConfigException(problems);
        }
    }

    private List<ConfigProblem> switchAndNameProblems() {
        List<ConfigProblem> problems = new ArrayList<>(switchProblems);
        if (login.isEnabled()) {
            ConfigProblem key = serverKeyProblem(login.getServerKey(), serverKeyOrigin);
            if (key != null) {
                problems.add(key);
            }
        }
        if (failOnUnknown) {
            problems.addAll(unknown);
        }
        return problems;
    }

    /**
     * What is wrong with {@code login.server-key}, or null: base64 of at least 32 bytes (a blank one is replaced by a
     * random key, with a warning). The value is a secret: never in the message.
     */
    static ConfigProblem serverKeyProblem(String serverKey, String origin) {
        if (serverKey == null || serverKey.isBlank()) {
            return null;
        }
        String fix = "Set it to base64 of " + ExternalAuthIds.MIN_KEY_BYTES + " or more random bytes (openssl rand -base64 32),"
                + " the same on every instance.";
        byte[] key;
        try {
            key = Base64.getDecoder().decode(serverKey.trim());
        } catch (IllegalArgumentException e) {
            String message = serverKey.contains("${") ? "it has a placeholder that nothing defines, so it is not base64."
                    : "it is not base64.";
            return new ConfigProblem(PREFIX + "login.server-key", PropertyScan.withOrigin(message, origin), fix);
        }
        return key.length >= ExternalAuthIds.MIN_KEY_BYTES ? null : new ConfigProblem(PREFIX + "login.server-key",
                PropertyScan.withOrigin("it is only " + key.length + " bytes long.", origin), fix);
    }

    /**
     * What sign in once lacks of the widget settings that did not fail (a missing client ID beside a bad redirect URI),
     * so one report lists every problem; what it says of a failed setting is left to that setting's own problem.
     */
    private List<ConfigProblem> signInOnceProblemsBeside(Set<String> failed) {
        Map<String, String> good = new LinkedHashMap<>(settings);
        good.keySet().removeAll(failed);
        EmbeddableConfig rest;
        try {
            rest = EmbeddableConfig.fromMap(good);
        } catch (EmbeddableConfigException e) { // a problem of settings together: nothing more to say until it is fixed
            return List.of();
        }
        try {
            LoginAuthorization.of(Embeddable.of(rest));
            return List.of();
        } catch (EmbeddableConfigException e) {
            return e.problems().stream().filter(p -> !failed.contains(p.property())).toList();
        }
    }

    /** A core problem or warning, named by its Spring property, its text too; with where the value was set if asked. */
    ConfigProblem named(ConfigProblem core, boolean withOrigin) {
        ConfigProblem named = core.named(EnvironmentSettings::property);
        String origin = origins.get(core.property());
        if (!withOrigin || origin == null) {
            return named;
        }
        return new ConfigProblem(named.property(), PropertyScan.withOrigin(named.message(), origin), named.fix());
    }

    /** The Spring property for a core setting name: {@code clientId} to {@code ringcentral.embeddable.client-id}. */
    static String property(String setting) {
        return PREFIX + EmbeddableConfig.kebabKey(setting);
    }

    // ---- the starter's switches ------------------------------------------------------------------------------

    private void bindSwitches(Binder binder) {
        EmbeddableProperties switches = new EmbeddableProperties();
        try {
            // as Spring Boot binds @ConfigurationProperties: an empty value at the prefix itself (a YAML section whose
            // lines are all commented out) is no value for the whole object (a review's application did not start)
            binder.bind(EmbeddableProperties.PREFIX, Bindable.ofInstance(switches), new AbstractBindHandler() {
                @Override
                public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                        throws Exception {
                    if (context.getDepth() == 0 && error instanceof org.springframework.core.convert.ConverterNotFoundException) {
                        return null; // as Spring Boot's IgnoreTopLevelConverterNotFoundBindHandler: the prefix's own value
                    }
                    switchProblems.add(switchProblem(name, target, context.getConfigurationProperty(), error));
                    return target.getValue() == null ? null : target.getValue().get();
                }

                @Override
                public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                    // Spring leaves a placeholder it cannot resolve as it is: a nonce attribute named "${CSP_NONCE...}"
                    // found no nonce, and a strict policy blocked the widget without a word (a review); the server
                    // key's is reported with its own words below
                    if (result instanceof String text && text.contains("${") && !name.toString().endsWith("server-key")) {
                        ConfigurationProperty property = context.getConfigurationProperty();
                        String message = "the value '" + text + "' has a placeholder that nothing defines.";
                        if (property != null && property.getOrigin() != null) {
                            message = PropertyScan.withOrigin(message, PropertyScan.describe(property.getOrigin()));
                        }
                        switchProblems.add(new ConfigProblem(name.toString(), message, "Define it (as an environment variable"
                                + " or property), or give it a default: ${NAME:default}."));
                    }
                    return result;
                }
            });
        } catch (BindException e) {
            switchProblems.add(new ConfigProblem(EmbeddableProperties.PREFIX, "the properties cannot be read ("
                    + rootMessage(e) + ").", "Correct the value."));
        }
        failOnUnknown = switches.isFailOnUnknownProperties();
        login = switches.getLogin();
        redirectPagePath = switches.getRedirectPage().getPath();
        if (login.isEnabled()) {
            OriginCapture capture = new OriginCapture(true);
            try {
                binder.bind(PREFIX + "login.server-key", Bindable.of(String.class), capture);
                serverKeyOrigin = capture.origin;
            } catch (BindException e) {
                // reported with the switches above
            }
            connectPathOrigin = originOf(binder, PREFIX + "login.connect-path");
        }
        try {
            switches.toInjectionRules();
        } catch (EmbeddableConfigException e) { // path patterns and the header name, in the same report
            e.problems().forEach(p -> switchProblems.add(withOriginOf(binder, p))); // named by their inject.* properties
        }
        // The starter's own paths, in the same report (they failed one at a time, at bean creation)
        try {
            if (switches.getBridge().isEnabled()) {
                BridgeEndpoints.requireMount(switches.getBridge().getPath());
            }
        } catch (IllegalArgumentException e) {
            switchProblems.add(withOriginOf(binder, new ConfigProblem(PREFIX + "bridge.path", e.getMessage() + ".",
                    "Write a path such as /embeddable4j.")));
        }
        String setup = switches.getSetupPage().getPath();
        if (switches.getSetupPage().isEnabled() && !isPagePath(setup)) {
            switchProblems.add(withOriginOf(binder, new ConfigProblem(PREFIX + "setup-page.path", "'" + setup
                    + "' is not a page's path.", "Write a path such as /embeddable4j/setup.")));
        }
        String redirectPage = blankToNull(switches.getRedirectPage().getPath());
        if (redirectPage != null && !isPagePath(redirectPage)) {
            // a WebFlux trial's "ringcentral/redirect" stopped the start with a stack trace, naming no property
            switchProblems.add(withOriginOf(binder, new ConfigProblem(PREFIX + "redirect-page.path", "'" + redirectPage
                    + "' is not a page's path.", "Write the path part of the redirect URI, such as /ringcentral/redirect"
                    + " (leave it empty to serve no redirect page).")));
        }
        // The numbers the bridge and the CRM service take, in the same report (a trial's service.threads=-3 failed
        // alone, at bean creation, after the web server was made)
        if (switches.getBridge().isEnabled()) {
            try {
                switches.getBridge().toLimits();
            } catch (EmbeddableConfigException e) {
                e.problems().forEach(p -> switchProblems.add(withOriginOf(binder, p)));
            }
        }
        int threads = switches.getService().getThreads();
        if (threads < 1) {
            switchProblems.add(withOriginOf(binder, new ConfigProblem(PREFIX + "service.threads", threads
                    + " threads cannot run a CRM provider.", "Give at least 1 (default 8).")));
        }
    }

    /**
     * Whether a setting names one page's path as a servlet mapping and a browser both take it: from the root, without
     * a wildcard, blanks, a query or a fragment, and without {@code .} or {@code ..} segments, {@code %2e} for a dot too (which a browser resolves
     * away, so the page would be asked for at another path than the one it is served at).
     */
    static boolean isPagePath(String path) {
        if (path.length() < 2 || !path.startsWith("/") || path.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == '*' || c == '?' || c == '#' || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        for (String segment : path.substring(1).split("/", -1)) {
            String dots = segment.replace("%2e", ".").replace("%2E", "."); // a browser reads %2e as a dot here too
            if (dots.equals(".") || dots.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The problem with where its property was set, as Spring's own reports say it. */
    private static ConfigProblem withOriginOf(Binder binder, ConfigProblem problem) {
        return new ConfigProblem(problem.property(), PropertyScan.withOrigin(problem.message(), originOf(binder,
                problem.property())), problem.fix());
    }

    /** Where a property was set, as Spring's own reports say it, or null. */
    private static String originOf(Binder binder, String property) {
        OriginCapture capture = new OriginCapture(false);
        try {
            binder.bind(property, Bindable.of(String.class), capture);
        } catch (BindException e) {
            // reported with the switches, as a value that cannot be read
        }
        return capture.origin;
    }

    private static ConfigProblem switchProblem(ConfigurationPropertyName name, Bindable<?> target, ConfigurationProperty property,
            Exception error) {
        Class<?> type = target.getType().resolve(Object.class);
        boolean bool = type == boolean.class || type == Boolean.class;
        String value = property == null ? null : String.valueOf(property.getValue());
        boolean duration = type == java.time.Duration.class;
        boolean number = type == int.class || type == Integer.class;
        String message = value == null ? "it cannot be read (" + rootMessage(error) + ")."
                : "'" + value + "' is not " + (bool ? "true or false." : duration ? "a duration." : number ? "a whole number."
                : "a valid " + type.getSimpleName() + " (" + rootMessage(error) + ").");
        if (property != null && property.getOrigin() != null) {
            message = PropertyScan.withOrigin(message, PropertyScan.describe(property.getOrigin()));
        }
        String fix = bool ? "Write true or false." : duration ? "Write a duration such as 10s, 500ms, 1m or PT10S."
                : number ? "Write a whole number." : "Correct the value.";
        return new ConfigProblem(name.toString(), message, fix);
    }

    // ---- widget settings -------------------------------------------------------------------------------------

    /**
     * Each setting core knows, by Spring's own lookup of its kebab-case name (precedence, relaxed names, placeholders);
     * then any spelling Spring does not map but core reads ({@code RINGCENTRAL_EMBEDDABLE_ENABLE_WEBRTC_PLAN_B},
     * the deprecated {@code app-key}), from the scan.
     */
    private void bindSettings(Environment environment, Binder binder, PropertyScan scan) {
        Map<String, PropertyScan.PropertyKey> spelled = scan.known();
        Set<String> names = new LinkedHashSet<>(scan.complete() ? spelled.keySet() : SettingNames.all());
        names.addAll(spelled.keySet());
        for (String setting : names) {
            String name = property(setting);
            OriginCapture capture = new OriginCapture(secret(setting));
            String value = null;
            String origin = null;
            if (ConfigurationPropertyName.isValid(name)) {
                try {
                    value = binder.bind(name, Bindable.of(String.class), capture).orElse(null);
                    origin = capture.origin;
                } catch (BindException e) {
                    switchProblems.add(new ConfigProblem(name, PropertyScan.withOrigin("it cannot be read (" + rootMessage(e) + ").",
                            capture.origin), "Correct the value."));
                    continue;
                }
            }
            PropertyScan.PropertyKey key = spelled.get(setting);
            if (value != null && key != null && listAbove(environment, name)) {
                value = null; // a list (YAML items, _0 variables) in a source above the text wins, as Spring binds a list
            }
            if (value == null && key != null && ConfigurationPropertyName.isValid(name)) {
                // A list (YAML items, [0] and [1], FRAMEORIGINS_0 or FRAME_ORIGINS_0): the widget's lists are comma-separated text.
                OriginCapture items = new OriginCapture(secret(setting));
                List<String> list;
                try {
                    list = binder.bind(name, Bindable.listOf(String.class), items).orElse(List.of());
                } catch (BindException e) {
                    list = List.of(); // not a list after all: read as the key was written, below
                }
                if (!list.isEmpty()) {
                    value = String.join(",", list);
                    origin = items.origin;
                }
            }
            if (value == null && key != null && key.source().getProperty(key.name()) != null) {
                value = environment.resolvePlaceholders(String.valueOf(key.source().getProperty(key.name())));
                origin = key.where();
            }
            if (value == null) {
                continue;
            }
            if (value.contains("${")) {
                // Spring leaves a placeholder it cannot resolve as it is; the widget would get the literal text.
                // a secret's placeholder may carry the secret as its default: not quoted
                String shown = secret(setting) ? "the value" : "the value '" + value + "'";
                switchProblems.add(new ConfigProblem(name, PropertyScan.withOrigin(shown + " has a placeholder that"
                        + " nothing defines.", origin), "Define it (as an environment variable or property), or give it a"
                        + " default: ${NAME:default}; an empty default means not set."));
                continue;
            }
            settings.put(setting, value);
            if (origin != null) {
                origins.put(setting, origin);
            }
        }
        if (scan.complete() && !scan.sawParams()) {
            return; // binding a map looks at every key of every source
        }
        try {
            binder.bind(PREFIX + PARAMS, Bindable.mapOf(String.class, String.class))
                    .ifBound(params -> params.forEach((k, v) -> settings.put(PARAMS + "." + k, v)));
        } catch (BindException e) {
            switchProblems.add(new ConfigProblem(PREFIX + PARAMS, "it cannot be read (" + rootMessage(e) + ").",
                    "Write each parameter as " + PREFIX + PARAMS + ".<name>=<value>."));
        }
    }

    private static boolean secret(String setting) {
        // the widget's secrets, their old names (appSecret) and misspellings, as the setup page masks them
        return SettingNames.isSecretName(setting);
    }

    /**
     * Whether a source of higher precedence than the one that has {@code name} as text has it as a list (indexed items):
     * Spring takes a list from the first source that has one in any form, and a review's YAML items and
     * {@code FRAMEORIGINS_0} variable lost to a comma value in application.properties.
     */
    private static boolean listAbove(Environment environment, String name) {
        if (!ConfigurationPropertyName.isValid(name)) {
            return false;
        }
        ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
        for (org.springframework.boot.context.properties.source.ConfigurationPropertySource source
                : org.springframework.boot.context.properties.source.ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(property) != null) {
                return false; // the text's own source comes first
            }
            if (source.containsDescendantOf(property)
                    == org.springframework.boot.context.properties.source.ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /** Remembers where Spring found a value; and the placeholder it came from, unless the value is a secret. */
    private static final class OriginCapture implements BindHandler {
        private final boolean secret;
        String origin;

        OriginCapture(boolean secret) {
            this.secret = secret;
        }

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getOrigin() != null) {
                origin = PropertyScan.describe(property.getOrigin());
                // A value from a placeholder: its place is the file's line, but what to change is what it names (an
                // operations trial read "none is set (set in application.yml ...)" for RINGCENTRAL_CLIENT_ID unset).
                if (!secret && property.getValue() instanceof String raw && raw.contains("${")) {
                    origin += ", as " + raw;
                }
            }
            return result;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
