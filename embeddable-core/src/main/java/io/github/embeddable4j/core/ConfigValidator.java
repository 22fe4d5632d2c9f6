package io.github.embeddable4j.core;

import static io.github.embeddable4j.core.WidgetParameter.AUTHORIZATION_CODE;
import static io.github.embeddable4j.core.WidgetParameter.AUTHORIZATION_CODE_VERIFIER;
import static io.github.embeddable4j.core.WidgetParameter.AUTH_PROXY;
import static io.github.embeddable4j.core.WidgetParameter.APP_SERVER;
import static io.github.embeddable4j.core.WidgetParameter.BRAND;
import static io.github.embeddable4j.core.WidgetParameter.CLIENT_ID;
import static io.github.embeddable4j.core.WidgetParameter.CLIENT_SECRET;
import static io.github.embeddable4j.core.WidgetParameter.DISCONNECT_INACTIVE_WEBPHONE;
import static io.github.embeddable4j.core.WidgetParameter.DISCOVERY;
import static io.github.embeddable4j.core.WidgetParameter.DISCOVER_APP_SERVER;
import static io.github.embeddable4j.core.WidgetParameter.ENABLE_POPUP;
import static io.github.embeddable4j.core.WidgetParameter.ENABLE_SIDE_WIDGET;
import static io.github.embeddable4j.core.WidgetParameter.ENABLE_VOICEMAIL_DROP;
import static io.github.embeddable4j.core.WidgetParameter.JWT;
import static io.github.embeddable4j.core.WidgetParameter.MULTIPLE_TABS_SUPPORT;
import static io.github.embeddable4j.core.WidgetParameter.PROXY_URI;
import static io.github.embeddable4j.core.WidgetParameter.REDIRECT_URI;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The rules that span settings. Reports every problem at once; warnings are returned with the configuration. */
final class ConfigValidator {

    /** Parameters the loader forwards but the widget never reads (error reporting was removed). */
    static final Set<String> DEAD_PARAMS = Set.of("enableErrorReport", "errorReportToken", "errorReportSampleRate", "errorReportProjectId");
    /** Parameters the loader itself adds; setting them by hand breaks the widget's own bookkeeping. */
    static final Set<String> INTERNAL_PARAMS = Set.of("fromAdapter", "fromPopup", "_t");

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final EmbeddableConfig.Builder in;
    private final EnumMap<WidgetParameter, Object> values;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private ConfigValidator(EmbeddableConfig.Builder in) {
        this.in = in;
        this.values = new EnumMap<>(in.values);
        errors.addAll(in.inputProblems.values());
    }

    static EmbeddableConfig validate(EmbeddableConfig.Builder builder) {
        ConfigValidator v = new ConfigValidator(builder);
        v.mergeDeprecatedNames();
        v.checkCredentials();
        v.checkSecrets();
        v.checkServerAndHosting();
        v.checkFeatureCombinations();
        Map<String, String> extras = v.checkExtraParams();
        if (!v.errors.isEmpty()) {
            throw new EmbeddableConfigException(v.errors);
        }
        return new EmbeddableConfig(v.values, builder.hosting, List.copyOf(builder.frameOrigins), builder.requireClientId, builder.allowSecretsInMarkup,
                extras, v.warnings);
    }

    private boolean has(WidgetParameter p) {
        return values.containsKey(p);
    }

    private boolean on(WidgetParameter p) {
        return Boolean.TRUE.equals(values.get(p));
    }

    private void error(WidgetParameter p, String message, String fix) {
        errors.add(new ConfigProblem(p.wireName(), message, fix));
    }

    private void warn(WidgetParameter p, String message, String fix) {
        warn(p.wireName(), message, fix);
    }

    private void warn(String property, String message, String fix) {
        warnings.add(new ConfigProblem(property, message, fix));
    }

    /** appKey/appSecret were renamed clientId/clientSecret in widget 1.4.0; read them, write the new names. */
    private void mergeDeprecatedNames() {
        for (Map.Entry<WidgetParameter, String> alias : in.aliasValues.entrySet()) {
            WidgetParameter target = alias.getKey();
            String oldName = target.formerName().orElseThrow();
            Object parsed;
            try {
                parsed = ConfigValues.parse(target, alias.getValue());
            } catch (IllegalArgumentException e) {
                errors.add(ConfigValues.problem(oldName, alias.getValue(), e));
                continue;
            }
            if (parsed == null) {
                continue;
            }
            Object current = values.get(target);
            if (current != null && !current.equals(parsed)) {
                errors.add(new ConfigProblem(oldName, oldName + " (the old name of " + target.wireName() + ") and "
                        + target.wireName() + " are both set, to different values.", "Remove " + oldName + "."));
                continue;
            }
            values.put(target, parsed);
            warn(oldName, oldName + " is deprecated since widget 1.4.0; it is written as " + target.wireName() + ".",
                    "Rename the setting to " + target.wireName() + ".");
        }
    }

    private void checkCredentials() {
        if (!has(CLIENT_ID)) {
            if (in.requireClientId) {
                error(CLIENT_ID, "a client ID is required (requireClientId is on) but none is set.",
                        "Set clientId to the client ID of your RingCentral app (Developer Console, your app, Credentials).");
            } else if (!on(AUTH_PROXY)) {
                warn(CLIENT_ID, "no client ID is set, so the widget runs on RingCentral's shared demo app and shows"
                        + " \"FOR DEMO PURPOSES ONLY\".", "Register an app (see the registration checklist) and set clientId;"
                        + " set requireClientId=true in production to make this an error.");
                // the page the popup comes back to, written or the hosting's: the same widget gets the same warning
                String redirect = has(REDIRECT_URI) ? String.valueOf(values.get(REDIRECT_URI)) : in.hosting.defaultRedirectUri();
                if (!redirect.startsWith(Hosting.APPS_BASE) && !redirect.startsWith(Hosting.GITHUB_PAGES_BASE)) {
                    // a Vaadin tenant trial's demo-app row had one of its own, and nothing said it cannot work
                    // named by the setting that chose the page: a redirect URI of its own, else the hosting whose page it is
                    String message = "RingCentral's demo app does not list " + redirect + " among its"
                            + " redirect URIs, so the widget's login popup cannot come back there (\"Redirect URIs do not"
                            + " match\").";
                    String fix = "Set clientId to your own app, whose registration lists this redirect URI;"
                            + " or load the widget from RingCentral's hosting with its redirect page.";
                    if (!redirect.equals(in.hosting.defaultRedirectUri())) {
                        warn(REDIRECT_URI, message, fix);
                    } else {
                        warn("hosting", message, fix);
                    }
                }
            }
        }
        if (has(CLIENT_SECRET) && !has(CLIENT_ID)) {
            error(CLIENT_SECRET, "the widget ignores clientSecret unless clientId is set too.", "Set clientId, or remove clientSecret.");
        }
        if (has(JWT) && !(has(CLIENT_ID) && has(CLIENT_SECRET))) {
            error(JWT, "JWT login needs both clientId and clientSecret.", "Set clientId and clientSecret, or remove jwt.");
        }
        if (has(AUTHORIZATION_CODE_VERIFIER) && !has(AUTHORIZATION_CODE)) {
            error(AUTHORIZATION_CODE_VERIFIER, "a code verifier without authorizationCode is never used.",
                    "Set authorizationCode, or remove authorizationCodeVerifier.");
        }
    }

    /** Anything in the widget's URL is readable by every visitor, browser history, logs and Referer headers. */
    private void checkSecrets() {
        List<String> rendered = new ArrayList<>();
        for (WidgetParameter p : values.keySet()) {
            if (!p.isSecret()) {
                continue;
            }
            if (in.allowSecretsInMarkup) {
                rendered.add(p.wireName());
            } else {
                String fix = p == JWT
                        ? "Remove jwt: a JWT in the page signs every visitor in as the same RingCentral user."
                        + " Only for the legacy flow, also set allowSecretsInMarkup=true."
                        : "Remove " + p.wireName() + ": with a clientId and no secret the widget uses PKCE, which needs"
                        + " none. Only for the legacy flow, also set allowSecretsInMarkup=true.";
                error(p, "this secret would be written into every page, where any visitor can read it.", fix);
            }
        }
        if (!rendered.isEmpty()) {
            warn("allowSecretsInMarkup", "the legacy secret flow is on: " + String.join(", ", rendered)
                    + " will be written into every page, where any visitor can read them.",
                    "Use the PKCE flow (clientId without clientSecret) and turn allowSecretsInMarkup off.");
        }
    }

    private void checkServerAndHosting() {
        AppServer server = (AppServer) values.getOrDefault(APP_SERVER, AppServer.PRODUCTION);
        Hosting hosting = in.hosting;
        if (server.equals(AppServer.SANDBOX)) {
            warn("appServer", "the sandbox server is for development; production users cannot sign in to it.",
                    "Remove appServer (production is the default) before going live.");
        }
        if (on(AUTH_PROXY) && server.isRingCentral()) {
            error(AUTH_PROXY, "auth-proxy mode needs appServer to be your own proxy server, not " + server.origin() + ".",
                    "Set appServer to your auth proxy's https:// origin, or remove authProxy.");
        }
        if (!server.isRingCentral() && hosting.isRingCentralHosted()) {
            warn("appServer", server.origin() + " is not a RingCentral server; the hosted widget's own Content-Security-Policy"
                    + " only lets it connect to RingCentral domains.", "Use a RingCentral server, or self-host the widget.");
        }
        if (values.get(BRAND) == Brand.ATT && !server.equals(AppServer.RINGCENTRAL_BIZ)) {
            error(BRAND, "the att brand runs on the .biz platform, but appServer is " + server.origin() + ".",
                    "Set appServer=ringcentral-biz.");
        }
        String redirect = (String) values.get(REDIRECT_URI);
        if (redirect != null) {
            if (redirect.equals(hosting.defaultRedirectUri())) {
                values.remove(REDIRECT_URI); // the widget's default already; writing it would change nothing
            } else if (isOtherRingCentralFolder(redirect, hosting)) {
                error(REDIRECT_URI, "the redirect URI is in another widget folder than the one loaded (" + hosting.baseUrl()
                        + "); the widget only accepts its own folder's redirect page.",
                        "Remove redirectUri to use " + hosting.defaultRedirectUri() + ", or host your own redirect page.");
            }
        }
        checkHostingVersion(hosting);
    }

    /** Warns of each parameter written that a pinned 2.x release older than the parameter ignores. */
    private void checkReleaseReads(Hosting hosting) {
        for (WidgetParameter p : values.keySet()) {
            if (hosting.predates(p) && Embeddable.wireValue(p, values.get(p)) != null) {
                String without = Hosting.lastReleaseWithout(p).orElseThrow();
                warn(p, "widget releases up to " + without + " do not read " + p.wireName() + ", so hosting " + hosting
                        + " ignores it.", "Use latest (or pin a release after " + without + "), or remove " + p.wireName() + ".");
            }
        }
    }

    private static boolean isOtherRingCentralFolder(String redirect, Hosting hosting) {
        return (redirect.startsWith(Hosting.APPS_BASE) || redirect.startsWith(Hosting.GITHUB_PAGES_BASE))
                && !redirect.startsWith(hosting.baseUrl());
    }

    @SuppressWarnings("deprecation") // PROXY_URI, which it warns of
    private void checkHostingVersion(Hosting hosting) {
        switch (hosting.kind()) {
            case VERSION -> {
                String[] parts = hosting.toString().split("[.-]");
                int major = Integer.parseInt(parts[0]);
                int minor = Integer.parseInt(parts[1]);
                if (major == 0 || (major == 1 && minor < 9)) {
                    errors.add(new ConfigProblem("hosting", "widget versions before 1.9 stopped working in March 2024.",
                            "Use latest, a channel such as 2.x, or a version from 1.9.0 on."));
                }
            }
            case CHANNEL -> {
                int major = hosting.majorVersion().orElseThrow();
                if (major == 1) {
                    warn("hosting", "the 1.x channel is deprecated.", "Move to latest or 2.x.");
                } else if (major > 3) {
                    warn("hosting", "channel " + hosting + " was not known when this library was written.",
                            "Check that " + hosting.baseUrl() + "adapter.js exists.");
                }
            }
            case GITHUB_PAGES -> warn("hosting", "the GitHub Pages build is the legacy location; RingCentral recommends"
                    + " apps.ringcentral.com.", "Use latest; users sign in again there, and the new redirect.html must be registered.");
            case SELF_HOSTED -> {
                if (in.frameOrigins.isEmpty()) { // set: the fix below is made, and a warning it cannot silence is noise
                    warn("hosting", "self-hosting is not recommended by RingCentral, and a copied adapter.js still"
                            + " loads the app.html URL baked into its build.", "Build the widget with your own HOSTING_URL,"
                            + " or add the origin it frames with frameOrigins, or use latest.");
                }
            }
            default -> { }
        }
        checkReleaseReads(hosting); // a pinned release, or 1.x
        int major = hosting.majorVersion().orElse(0);
        for (WidgetParameter p : values.keySet()) {
            if (p.onlyInMajor() != 0 && major != 0 && p.onlyInMajor() != major) {
                warn(p.wireName(), "only widget " + p.onlyInMajor() + ".x reads " + p.wireName() + "; hosting " + hosting
                        + " is " + major + ".x and ignores it.", p.onlyInMajor() == 3
                        ? "Set hosting=3.x to use it, or remove it." : "Remove it (2.x and later use disableNoiseReduction).");
            }
        }
        if (has(PROXY_URI)) {
            warn(PROXY_URI.wireName(), "proxyUri is a legacy setting; current widget builds ignore it.", "Remove proxyUri.");
        }
    }

    private void checkFeatureCombinations() {
        if (has(DISCOVER_APP_SERVER) && !on(DISCOVERY)) {
            // the widget reads discoverAppServer only inside `if (enableDiscovery)` (its src/app.js)
            warn(DISCOVER_APP_SERVER, "the widget reads discoverAppServer only when discovery is on, so it is ignored.",
                    "Also set discovery=true, or remove discoverAppServer.");
        }
        if (on(ENABLE_POPUP) && !on(MULTIPLE_TABS_SUPPORT)) {
            error(ENABLE_POPUP, "the pop-out window needs multipleTabsSupport.", "Also set multipleTabsSupport=true, or remove enablePopup.");
        }
        if (on(ENABLE_VOICEMAIL_DROP) && !on(ENABLE_SIDE_WIDGET)) {
            error(ENABLE_VOICEMAIL_DROP, "voicemail drop needs the side widget.", "Also set enableSideWidget=true, or remove enableVoicemailDrop.");
        }
        if (on(DISCONNECT_INACTIVE_WEBPHONE) && on(ENABLE_POPUP)) {
            warn(DISCONNECT_INACTIVE_WEBPHONE.wireName(), "RingCentral advises against combining disconnectInactiveWebphone"
                    + " with the pop-out window.", "Remove one of disconnectInactiveWebphone and enablePopup.");
        }
    }

    private Map<String, String> checkExtraParams() {
        Map<String, String> extras = new TreeMap<>();
        List<String> known = Arrays.stream(WidgetParameter.values()).map(WidgetParameter::wireName).toList();
        for (Map.Entry<String, String> e : in.extraParams.entrySet()) {
            String name = e.getKey();
            String property = "params." + name;
            if (INTERNAL_PARAMS.contains(name)) {
                errors.add(new ConfigProblem(property, name + " is added by the widget's loader itself.", "Remove it."));
                continue;
            }
            if (name.equals("error") && !e.getValue().isBlank()) {
                // the widget reads its own URL with a parser that throws on a query's error (an OAuth error's
                // callback): the loader stops before it adds the frame, and app.html shows nothing
                errors.add(new ConfigProblem(property, "the widget reads a parameter named error as a failed sign-in"
                        + " and stops: neither its loader nor its frame would start.", "Remove it."));
                continue;
            }
            if (!PARAM_NAME.matcher(name).matches()) {
                // Spring reads each '_' of RINGCENTRAL_EMBEDDABLE_PARAMS_ACCESS_TOKEN as a dot: say it is a credential
                String secret = SettingNames.isSecretName(property) ? ", and it looks like a credential (its name), which"
                        + " would be written into every page" : "";
                String dots = name.indexOf('.') >= 0 ? " From an environment variable, Spring reads each _ as a dot;"
                        + " set such a parameter in a properties file, or in SPRING_APPLICATION_JSON"
                        + " ({\"ringcentral.embeddable.params.someName\":\"1\"}), which keeps its name as written." : "";
                errors.add(new ConfigProblem(property, "'" + name + "' is not a parameter name the widget could read"
                        + secret + ".", spellingFix(name) + dots));
                continue;
            }
            try {
                ConfigValues.checkEncodable(e.getValue());
            } catch (IllegalArgumentException ex) {
                errors.add(ConfigValues.problem(property, e.getValue(), ex));
                continue;
            }
            if (e.getValue().isBlank()) {
                continue;
            }
            if (SettingNames.isSecretName(property)) { // access_token, a misspelt clientSecrt: as secret as the widget's own
                if (!in.allowSecretsInMarkup) {
                    errors.add(new ConfigProblem(property, "this looks like a credential (its name), and it would be"
                            + " written into every page, where any visitor can read it.", "Remove it. If it is no"
                            + " credential, or only for the legacy flow, also set allowSecretsInMarkup=true."));
                    continue;
                }
                warn(property, "this looks like a credential, and it will be written into every page, where any visitor"
                        + " can read it (allowSecretsInMarkup is on).", "Remove it, and turn allowSecretsInMarkup off.");
            }
            if (DEAD_PARAMS.contains(name)) {
                warn(property, "the widget never reads " + name + " (its error reporting was removed).", "Remove it.");
            } else {
                // RingCentral's adapter.js builds the frame's URL from the parameters it knows: only the iframe form
                // (app.html, which reads its own query) gets an unknown one
                warn(property, "the widget does not read a parameter named " + name + ". It is written into the"
                        + " iframe's URL, but the loader (adapter.js) passes on only the parameters it knows, so with the"
                        + " loader it does not reach the widget." + Suggestions.didYouMean(name, known),
                        "Check the name against the widget's parameter list.");
            }
            extras.put(name, e.getValue());
        }
        return extras;
    }

    /**
     * A {@code params.client-secret} (a trial's: kebab case, as every other property is written) names the widget's
     * own {@code clientSecret}: say that spelling, and the setting's own key when it is one, not only which
     * characters a name may hold.
     */
    private static String spellingFix(String name) {
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '.') {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String wire = camel.toString();
        if (!PARAM_NAME.matcher(wire).matches()) { // also when nothing changed: the name itself was refused
            return "Use letters and digits only, starting with a letter.";
        }
        return ConfigReader.settingName(wire)
                .map(setting -> "params. takes names as the widget spells them, and this is its setting " + setting
                        + ": set " + Keys.inStyleOf(name, setting) + " itself (without params.).")
                .orElse("params. takes names as the widget spells them: write params." + wire + ".");
    }
}
