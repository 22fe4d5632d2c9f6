package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One generated configuration: the builder calls that make it (each with a hostile value, and a harmless twin value
 * that validates the same way), and the test's own model of what an accepted configuration must render: the
 * parameters of each URL with their exact values, the hosting folder, the widget origins. The model is written
 * from the documented rules, not from the code under test; where it cannot predict a value (hostile text that
 * happens to be accepted as a hosting, say) it says so and the check falls back to weaker, still exact, rules.
 */
final class HostileCase {

    static final String APPS = "https://apps.ringcentral.com/integration/ringcentral-embeddable/";
    static final String PAGES = "https://ringcentral.github.io/ringcentral-embeddable/";
    static final List<String> RINGCENTRAL_ORIGINS = List.of("https://apps.ringcentral.com", "https://ringcentral.github.io",
            "https://appconnect.labs.ringcentral.com");
    static final List<String> DISCOVERY_SERVERS = List.of("https://platform.ringcentral.com",
            "https://platform.devtest.ringcentral.com", "https://platform.ringcentral.biz", "https://discovery.ringcentral.com",
            "https://discovery.ringcentral.biz");

    /** Text settings set through their typed setter, and what kind of value each gets. */
    static final Map<WidgetParameter, BiConsumer<EmbeddableConfig.Builder, String>> TEXT_SETTERS = new LinkedHashMap<>();
    /** URL settings set through their typed setter. */
    static final Map<WidgetParameter, BiConsumer<EmbeddableConfig.Builder, String>> URL_SETTERS = new LinkedHashMap<>();

    static {
        TEXT_SETTERS.put(WidgetParameter.CLIENT_ID, EmbeddableConfig.Builder::clientId);
        TEXT_SETTERS.put(WidgetParameter.CLIENT_SECRET, EmbeddableConfig.Builder::clientSecret);
        TEXT_SETTERS.put(WidgetParameter.AUTHORIZATION_CODE, EmbeddableConfig.Builder::authorizationCode);
        TEXT_SETTERS.put(WidgetParameter.AUTHORIZATION_CODE_VERIFIER, EmbeddableConfig.Builder::authorizationCodeVerifier);
        TEXT_SETTERS.put(WidgetParameter.JWT, EmbeddableConfig.Builder::jwt);
        TEXT_SETTERS.put(WidgetParameter.EXTERNAL_AUTH_ID, EmbeddableConfig.Builder::externalAuthId);
        TEXT_SETTERS.put(WidgetParameter.PREFIX, EmbeddableConfig.Builder::prefix);
        TEXT_SETTERS.put(WidgetParameter.USER_AGENT, EmbeddableConfig.Builder::userAgent);
        TEXT_SETTERS.put(WidgetParameter.APP_VERSION, EmbeddableConfig.Builder::appVersion);
        URL_SETTERS.put(WidgetParameter.REDIRECT_URI, EmbeddableConfig.Builder::redirectUri);
        URL_SETTERS.put(WidgetParameter.PROXY_URI, EmbeddableConfig.Builder::proxyUri);
        URL_SETTERS.put(WidgetParameter.STYLES_URI, EmbeddableConfig.Builder::stylesUri);
        URL_SETTERS.put(WidgetParameter.POPUP_PAGE_URI, EmbeddableConfig.Builder::popupPageUri);
    }

    private static final Pattern ORIGIN = Pattern.compile("(?i)(https?)://([a-z0-9.-]+|\\[[0-9a-f:]+\\])(?::([0-9]{0,5}))?/?");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Set<String> INTERNAL = Set.of("fromAdapter", "fromPopup", "_t");
    private static final String[] DEAD = {"enableErrorReport", "errorReportToken", "errorReportSampleRate", "errorReportProjectId"};
    private static final String[] URL_HOSTS = {"crm.example.com", "a-b.example", "localhost", "localhost:8080",
        "127.0.0.1:8443", "xn--caf-dma.example", "[::1]:8443", "EXAMPLE.com"};
    private static final String[] ORIGIN_HOSTS = {"crm.example.com", "Api.Example.COM", "a-b.example", "localhost",
        "127.0.0.1", "xn--caf-dma.example", "[::1]", "javascript.example", "app.localhost"};

    /** A builder call with a hostile value and its twin. */
    record Step(String property, String value, String twin, BiConsumer<EmbeddableConfig.Builder, String> call) {
    }

    final int index;
    /** A case with one fault: one setting gets a value (or a combination) the rules refuse. */
    final boolean hostileMode;
    /** Which kind of setting gets the fault, and which one of that kind (the n-th generated). */
    private String faultKind = "";
    private int faultIndex;
    /** What the fault was, for messages. */
    String fault = "none";
    final List<Step> steps = new ArrayList<>();
    /** Properties a problem may name when the configuration is refused. */
    final Set<String> touched = new HashSet<>(Set.of("clientId"));
    /** Why the model says the configuration must be refused, by the setting at fault (a later call replaces it). */
    private final Map<String, String> refusals = new LinkedHashMap<>();
    /** Why the model says the configuration must be refused; empty when it may be accepted. */
    final List<String> mustRefuse = new ArrayList<>();
    /** Hostile strings put into settings. */
    int values;
    boolean requireClientId;
    boolean allowSecrets;

    private final Map<WidgetParameter, String> known = new EnumMap<>(WidgetParameter.class);
    private final Map<String, String> extras = new TreeMap<>();
    private String aliasClientId;
    private String base = APPS + "latest/";
    /** The twin's hosting folder. */
    private String twinBase = APPS + "latest/";
    private String hostingOrigin = "https://apps.ringcentral.com";
    private boolean ringCentralHosted = true;
    /** Hosting text the model cannot predict; when accepted, the check takes the base URL from the configuration. */
    boolean hostingUnknown;
    private final LinkedHashSet<String> frameOrigins = new LinkedHashSet<>();

    private HostileCase(int index, boolean hostileMode) {
        this.index = index;
        this.hostileMode = hostileMode;
    }

    /**
     * A configuration; three in four are meant to be accepted, the rest carry one fault (a value or a combination the
     * documented rules refuse), so that a refusal the model expects is tied to that one fault.
     */
    static HostileCase generate(SplittableRandom r, int index) {
        HostileCase c = new HostileCase(index, r.nextInt(4) == 0);
        if (c.hostileMode) {
            c.faultKind = pick(r, FAULT_KINDS);
            c.faultIndex = r.nextInt(c.faultKind.equals("extra") ? 8 : c.faultKind.equals("text") ? 3 : 1);
        }
        c.build(r);
        return c;
    }

    private static final String[] FAULT_KINDS = {"secrets", "text", "url", "appServer", "discoverAppServer", "hosting",
        "frameOrigins", "extra", "nonText", "requireClientId"};

    /** Whether the setting of this kind now generated is the faulty one. */
    private boolean fault(String kind, String what) {
        if (kind.equals(faultKind) && faultIndex-- == 0) {
            fault = what;
            return true;
        }
        return false;
    }

    private boolean faultKind(String kind) {
        return kind.equals(faultKind);
    }

    private void build(SplittableRandom r) {
        if (r.nextInt(3) == 0 || faultKind("hosting")) {
            hosting(r);
        }
        // Outside hostile mode the secrets come as a set the rules accept (a secret needs allowSecretsInMarkup, and
        // clientSecret a clientId, jwt both, the verifier a code), so that most configurations render.
        boolean secrets = r.nextInt(4) == 0;
        boolean code = secrets && r.nextBoolean();
        boolean jwt = secrets && !code;
        boolean badSecrets = fault("secrets", "secrets in a combination the rules refuse");
        for (var e : TEXT_SETTERS.entrySet()) {
            WidgetParameter p = e.getKey();
            boolean set = badSecrets ? r.nextInt(10) < (p.isSecret() ? 3 : 5) : switch (p) {
                case CLIENT_ID -> jwt || r.nextInt(10) < 7;
                case CLIENT_SECRET -> jwt;
                case JWT -> jwt;
                case AUTHORIZATION_CODE -> code;
                case AUTHORIZATION_CODE_VERIFIER -> code && r.nextBoolean();
                default -> r.nextInt(10) < 7 || faultKind("text");
            };
            if (set) {
                text(r, p, e.getValue());
            }
        }
        for (var e : URL_SETTERS.entrySet()) {
            if (r.nextInt(10) < 5 || faultKind("url")) {
                url(r, e.getKey(), e.getValue());
            }
        }
        if (r.nextInt(3) == 0 || faultKind("appServer")) {
            appServer(r);
        }
        if (r.nextInt(6) == 0 || faultKind("discoverAppServer")) {
            discoverAppServer(r);
        }
        if (r.nextInt(5) == 0 || faultKind("frameOrigins")) {
            frameOrigins(r);
        }
        int extraCount = 8 + r.nextInt(33);
        for (int i = 0; i < extraCount; i++) {
            extra(r);
        }
        if (fault("nonText", "a non-text setting from hostile text")) {
            nonTextValue(r);
        }
        requireClientId = fault("requireClientId", "requireClientId, perhaps without a client ID")
                || (r.nextInt(8) == 0 && known.containsKey(WidgetParameter.CLIENT_ID));
        allowSecrets = badSecrets ? r.nextInt(3) != 0 : secrets;
        finish();
    }

    // ---- generators -------------------------------------------------------------------------------------------

    private void text(SplittableRandom r, WidgetParameter p, BiConsumer<EmbeddableConfig.Builder, String> setter) {
        String value;
        boolean bad = fault("text", p.wireName() + " from any text, lone surrogates too");
        if (p == WidgetParameter.CLIENT_ID) {
            // accepted ones are tokens without what only something else pasted has (markup, quotes, URL syntax)
            value = bad ? HostileStrings.text(r, true) : HostileStrings.clientIdToken(r);
        } else if (p == WidgetParameter.PREFIX) {
            value = bad ? HostileStrings.text(r, true) : "p" + Integer.toString(r.nextInt(1 << 20), 36) + (r.nextBoolean() ? "-x_" : "");
        } else if (p == WidgetParameter.USER_AGENT && !bad) {
            value = headerText(HostileStrings.text(r, false)); // markup and quotes still, in what a header carries
        } else {
            value = bad ? HostileStrings.text(r, true) + HostileStrings.LONE_SURROGATES[r.nextInt(HostileStrings.LONE_SURROGATES.length)]
                    + HostileStrings.text(r, false) : HostileStrings.text(r, false);
        }
        String twin = p == WidgetParameter.PREFIX ? value : twinText(value);
        add(p.wireName(), value, twin, setter);
        setKnown(p, value);
    }

    /** The text with each character an HTTP header cannot carry (the widget sends userAgent in one) made a '?'. */
    private static String headerText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(notInAHeader(c) ? '?' : (char) c));
        return out.toString();
    }

    private static boolean notInAHeader(int c) {
        return c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F;
    }

    private void setKnown(WidgetParameter p, String given) {
        String value = given.trim(); // a text value is trimmed when set, as every reader trims it
        refusals.remove(p.wireName());
        if (value.isBlank()) {
            known.remove(p);
            return;
        }
        if (HostileStrings.hasLoneSurrogate(value)) {
            refusals.put(p.wireName(), p.wireName() + " has a lone surrogate");
        } else if (p == WidgetParameter.CLIENT_ID && (value.length() > 256
                || value.codePoints().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch)))) {
            refusals.put(p.wireName(), "clientId has spaces or control characters");
        } else if (p == WidgetParameter.CLIENT_ID && ConfigValues.isPlaceholder(value)) {
            refusals.put(p.wireName(), "clientId is an example's placeholder");
        } else if (p == WidgetParameter.CLIENT_ID && value.matches("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")) {
            refusals.put(p.wireName(), "clientId is a JWT");
        } else if (p == WidgetParameter.CLIENT_ID && HostileStrings.hasCharNoClientIdHas(value)) {
            refusals.put(p.wireName(), "clientId has markup, quotes or URL syntax");
        } else if (p == WidgetParameter.USER_AGENT && value.chars().anyMatch(HostileCase::notInAHeader)) {
            refusals.put(p.wireName(), "userAgent has what an HTTP header cannot carry");
        } else if (p == WidgetParameter.PREFIX && !PREFIX.matcher(value).matches()) {
            refusals.put(p.wireName(), "prefix is not a plain name");
        }
        known.put(p, value);
    }

    private void url(SplittableRandom r, WidgetParameter p, BiConsumer<EmbeddableConfig.Builder, String> setter) {
        String value;
        int kind = r.nextInt(20);
        boolean bad = fault("url", p.wireName() + " from hostile text or a broken URL");
        if (bad) {
            kind = 2 + r.nextInt(8);
        }
        if (p == WidgetParameter.REDIRECT_URI && kind == 0) {
            value = base + "redirect.html"; // the hosting's default: never written (hosting is set before)
        } else if (p == WidgetParameter.REDIRECT_URI && kind == 1) {
            value = base + "r" + HostileStrings.urlPart(r, false); // inside the hosting folder: accepted
        } else if (bad && kind < 6) {
            value = kind < 4 ? HostileStrings.text(r, true) : pick(r, "javascript:", "data:", "ftp://", "//", "https:/")
                    + "crm.example.com/" + HostileStrings.urlPart(r, false);
        } else {
            String host = URL_HOSTS[r.nextInt(URL_HOSTS.length)];
            String scheme = host.startsWith("localhost") && r.nextBoolean() ? "http://" : r.nextInt(10) == 0 ? "HTTPS://" : "https://";
            value = scheme + host + "/" + HostileStrings.urlPart(r, bad)
                    + (r.nextInt(3) == 0 ? "?" + HostileStrings.urlPart(r, false) : "");
        }
        // a redirect page in the hosting folder keeps its twin there: the demo app's warning tells RingCentral's apart
        String twin = value.equals(base + "redirect.html") ? twinBase + "redirect.html" : unset(value) ? value
                : p == WidgetParameter.REDIRECT_URI && value.startsWith(base) ? twinBase + "r-twin"
                : "https://twin" + steps.size() + ".example/u";
        add(p.wireName(), value, twin, setter);
        if (unset(value)) {
            known.remove(p);
        } else if (p == WidgetParameter.REDIRECT_URI && value.equals(base + "redirect.html")) {
            known.remove(p);
        } else {
            if (HostileStrings.hasLoneSurrogate(value)) {
                mustRefuse.add(p.wireName() + " has a lone surrogate");
            }
            known.put(p, value);
        }
    }

    private void appServer(SplittableRandom r) {
        String value;
        String expected;
        int kind = r.nextInt(10);
        if (kind < 3) {
            String name = pick(r, "production", "prod", "SANDBOX", " sandbox ", "devtest", "ringcentral-biz", "biz", "ringcentral_biz");
            value = name;
            expected = switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "production", "prod" -> null;
                case "sandbox", "devtest" -> "https://platform.devtest.ringcentral.com";
                default -> "https://platform.ringcentral.biz";
            };
        } else {
            boolean bad = fault("appServer", "appServer from hostile text");
            value = bad ? (r.nextBoolean() ? "https://" : "") + HostileStrings.text(r, true) : origin(r);
            if (!bad && value.contains("javascript")) {
                value = value.replace("javascript", "crm");
            }
            expected = canonicalOrigin(value, false);
            if (unset(value)) {
                expected = null; // blank is "not set"
            } else if (expected == null) {
                mustRefuse.add("appServer is not an https origin");
            } else if (expected.contains("javascript")) {
                mustRefuse.add("appServer contains javascript");
            } else if (expected.equals("https://platform.ringcentral.com")) {
                expected = null; // production, the default
            }
        }
        add("appServer", value, value, EmbeddableConfig.Builder::appServer);
        if (expected == null) {
            known.remove(WidgetParameter.APP_SERVER);
        } else {
            known.put(WidgetParameter.APP_SERVER, expected);
        }
    }

    private void discoverAppServer(SplittableRandom r) {
        String value = fault("discoverAppServer", "discoverAppServer from hostile text") ? HostileStrings.text(r, true)
                : pick(r, DISCOVERY_SERVERS.toArray(String[]::new)).replace("https://platform", r.nextBoolean() ? "HTTPS://Platform" : "https://platform")
                        + (r.nextBoolean() ? "/" : "");
        add("discoverAppServer", value, value, EmbeddableConfig.Builder::discoverAppServer);
        if (unset(value)) {
            known.remove(WidgetParameter.DISCOVER_APP_SERVER);
            return;
        }
        String origin = canonicalOrigin(value, false);
        if (origin == null || !DISCOVERY_SERVERS.contains(origin)) {
            mustRefuse.add("discoverAppServer is not one of the five");
        }
        known.put(WidgetParameter.DISCOVER_APP_SERVER, origin);
    }

    private void hosting(SplittableRandom r) {
        int kind = r.nextInt(10);
        boolean bad = fault("hosting", "hosting from hostile text");
        String value;
        String twin;
        if (bad && kind < 2) {
            value = pick(r, "1.8.9", "v2.3.1", "0.9.0", "2", "x.x", "https://cdn.example.com/adapter.js", "https://cdn.example.com/?q=1");
            twin = value;
            mustRefuse.add("hosting " + value + " is refused");
        } else if (kind < 4) {
            value = pick(r, "latest", "LATEST", " latest ",
                    "2.x", "3.x", "1.x", "2.3.1", "1.9.0", "2.0.0-beta.1", "github-pages", "GitHub_Pages", "githubpages");
            twin = value;
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("latest")) {
                base = APPS + "latest/";
            } else if (v.startsWith("github")) {
                base = PAGES;
                hostingOrigin = "https://ringcentral.github.io";
            } else if (v.equals("1.8.9") || v.startsWith("v")) {
                mustRefuse.add("hosting " + v + " is refused");
            } else {
                base = APPS + value.trim() + "/";
            }
            twinBase = base;
        } else if (kind < 8 || !bad) {
            value = "https://cdn.example.com/" + HostileStrings.urlPart(r, bad) + "/";
            twin = "https://cdn.example.com/twin/";
            base = value;
            twinBase = twin;
            hostingOrigin = "https://cdn.example.com";
            ringCentralHosted = false;
            if (HostileStrings.hasLoneSurrogate(value)) {
                mustRefuse.add("hosting has a lone surrogate");
            }
        } else {
            value = HostileStrings.text(r, true);
            twin = value;
            hostingUnknown = true;
        }
        add("hosting", value, twin, EmbeddableConfig.Builder::hosting);
    }

    private void frameOrigins(SplittableRandom r) {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String value = fault("frameOrigins", "a frame origin from hostile text") ? HostileStrings.text(r, true) : origin(r);
            add("frameOrigins", value, value, (b, v) -> { });
            // A value may list several origins, separated by commas or spaces (documented).
            for (String part : value.trim().split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                String canonical = canonicalOrigin(part, true);
                if (canonical == null) {
                    mustRefuse.add("frame origin '" + part + "' is not an origin");
                } else {
                    frameOrigins.add(canonical);
                }
            }
        }
        List<String> all = steps.stream().filter(s -> s.property().equals("frameOrigins")).map(Step::value).toList();
        List<String> twins = steps.stream().filter(s -> s.property().equals("frameOrigins")).map(Step::twin).toList();
        steps.add(new Step("frameOrigins", String.join(",", all), String.join(",", twins),
                (b, v) -> b.frameOrigins(v == null ? List.of() : List.of(v))));
    }

    private void extra(SplittableRandom r) {
        int kind = r.nextInt(100);
        boolean bad = fault("extra", "an extra parameter: a bad name or a broken value");
        if (bad) {
            kind = 10 + r.nextInt(7);
        }
        String value = bad && r.nextInt(3) == 0 ? HostileStrings.text(r, false) + HostileStrings.LONE_SURROGATES[0]
                : HostileStrings.text(r, false);
        if (kind < 4) {
            WidgetParameter p = pick(r, WidgetParameter.USER_AGENT, WidgetParameter.APP_VERSION, WidgetParameter.EXTERNAL_AUTH_ID);
            add(p.wireName(), value, twinText(value), (b, v) -> b.param(p.wireName(), v));
            setKnown(p, value);
            return;
        }
        if (kind < 7 && !known.containsKey(WidgetParameter.CLIENT_ID) && aliasClientId == null) {
            String id = HostileStrings.clientIdToken(r);
            String written = r.nextBoolean() ? " " + id + " " : id;
            add("appKey", written, "twinalias", (b, v) -> b.param("appKey", v));
            aliasClientId = id;
            return;
        }
        String name;
        if (kind < 10) {
            name = pick(r, DEAD);
        } else if (kind < 12 && bad) {
            name = pick(r, INTERNAL.toArray(String[]::new));
        } else if (kind < 17 && bad) {
            name = r.nextBoolean() ? HostileStrings.text(r, true) : HostileStrings.token(r);
        } else {
            name = pick(r, "q", "Q", "w", "W", "z", "Z") + Long.toString(r.nextLong() & 0xFFFFFFFFFFL, 36) + (r.nextBoolean() ? "_x" : "");
        }
        if (extras.containsKey(name) || WidgetParameter.byWireName(name).isPresent() || name.equals("appKey")
                || name.equals("appSecret")) {
            return;
        }
        add("params." + name, value, twinText(value), (b, v) -> b.param(name, v));
        if (INTERNAL.contains(name) || !PARAM_NAME.matcher(name).matches()) {
            mustRefuse.add("params." + name + " is not a parameter the widget may get");
        } else if (HostileStrings.hasLoneSurrogate(value)) {
            mustRefuse.add("params." + name + " has a lone surrogate");
        }
        extras.put(name, value);
    }

    private void nonTextValue(SplittableRandom r) {
        WidgetParameter p = pick(r, WidgetParameter.DISABLE_CALL, WidgetParameter.Z_INDEX, WidgetParameter.DEFAULT_CALL_WITH,
                WidgetParameter.DEFAULT_DIRECTION, WidgetParameter.BRAND, WidgetParameter.MAIN_TAB, WidgetParameter.DISABLE_GLIP);
        String value = "<" + HostileStrings.text(r, false);
        add(p.wireName(), value, value, (b, v) -> b.set(p, v));
        mustRefuse.add(p.wireName() + " cannot be read from hostile text");
    }

    private void finish() {
        mustRefuse.addAll(refusals.values());
        if (aliasClientId != null && !unset(aliasClientId)) {
            known.put(WidgetParameter.CLIENT_ID, aliasClientId);
        }
        if (requireClientId && !known.containsKey(WidgetParameter.CLIENT_ID)) {
            mustRefuse.add("requireClientId without a client ID");
        }
        boolean secret = known.keySet().stream().anyMatch(WidgetParameter::isSecret);
        if (secret && !allowSecrets) {
            mustRefuse.add("a secret without allowSecretsInMarkup");
        }
        if (known.containsKey(WidgetParameter.CLIENT_SECRET) && !known.containsKey(WidgetParameter.CLIENT_ID)) {
            mustRefuse.add("clientSecret without clientId");
        }
        if (known.containsKey(WidgetParameter.JWT) && !(known.containsKey(WidgetParameter.CLIENT_ID)
                && known.containsKey(WidgetParameter.CLIENT_SECRET))) {
            mustRefuse.add("jwt without clientId and clientSecret");
        }
        if (known.containsKey(WidgetParameter.AUTHORIZATION_CODE_VERIFIER) && !known.containsKey(WidgetParameter.AUTHORIZATION_CODE)) {
            mustRefuse.add("a code verifier without a code");
        }
        String redirect = known.get(WidgetParameter.REDIRECT_URI);
        if (redirect != null && redirect.equals(base + "redirect.html")) {
            known.remove(WidgetParameter.REDIRECT_URI);
        } else if (redirect != null && (redirect.startsWith(APPS) || redirect.startsWith(PAGES)) && !redirect.startsWith(base)) {
            mustRefuse.add("redirectUri in another widget folder");
        }
    }

    private void add(String property, String value, String twin, BiConsumer<EmbeddableConfig.Builder, String> call) {
        steps.add(new Step(property, value, twin, call));
        touched.add(property);
        values++;
    }

    private String twinText(String value) {
        return unset(value) ? value : "tw" + steps.size();
    }

    /** Not set: blank, or blank once trimmed, as every reader trims (String.trim drops control characters too: "\u001b"). */
    private static boolean unset(String value) {
        return value.trim().isBlank();
    }

    private String origin(SplittableRandom r) {
        String host = ORIGIN_HOSTS[r.nextInt(ORIGIN_HOSTS.length)];
        boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        String scheme = loopback && r.nextInt(3) == 0 ? "http://" : r.nextInt(8) == 0 ? "HTTPS://" : "https://";
        String port = pick(r, "", "", "", ":443", ":8443", ":80");
        return (r.nextInt(8) == 0 ? " " : "") + scheme + host + port + (r.nextBoolean() ? "/" : "");
    }

    /**
     * The origin a value names, as {@code scheme://host[:port]} in lower case without a default port, or null when it
     * is not an origin (http only on loopback, when allowed).
     */
    static String canonicalOrigin(String value, boolean allowLoopbackHttp) {
        Matcher m = ORIGIN.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (scheme.equals("http") && !(allowLoopbackHttp && loopback)) {
            return null;
        }
        String port = m.group(3) == null || m.group(3).isEmpty() ? "" : m.group(3);
        boolean defaultPort = port.isEmpty() || (scheme.equals("https") && port.equals("443")) || (scheme.equals("http") && port.equals("80"));
        return scheme + "://" + host + (defaultPort ? "" : ":" + Integer.parseInt(port));
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    // ---- the model's answers ----------------------------------------------------------------------------------

    /** The builder for the hostile values, or for their twins. */
    EmbeddableConfig.Builder builder(boolean twin) {
        EmbeddableConfig.Builder b = EmbeddableConfig.builder().requireClientId(requireClientId).allowSecretsInMarkup(allowSecrets);
        for (Step s : steps) {
            s.call().accept(b, twin ? s.twin() : s.value());
        }
        return b;
    }

    /** The hosting folder's URL; null when the model cannot predict it. */
    String base() {
        return hostingUnknown ? null : base;
    }

    /** The origins the widget's frame may have, in order. */
    List<String> widgetOrigins(String hostingOriginFromConfig) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(hostingUnknown ? hostingOriginFromConfig : hostingOrigin);
        if (ringCentralHosted && !hostingUnknown) {
            all.addAll(RINGCENTRAL_ORIGINS);
        }
        all.addAll(frameOrigins);
        return List.copyOf(all);
    }

    /** The parameters of the loader URL ({@code loader}) or the iframe URL, in the documented order, with their values. */
    Map<String, String> parameters(boolean loader, Set<WidgetParameter> leaveOut) {
        Map<String, String> params = new LinkedHashMap<>();
        for (WidgetParameter p : WidgetParameter.values()) {
            String v = known.get(p);
            if (v != null && !leaveOut.contains(p) && (loader ? p.inLoaderUrl() : p.inIframeUrl())) {
                params.put(p.wireName(), v);
            }
        }
        extras.forEach((k, v) -> {
            if (!v.isBlank()) {
                params.put(k, v);
            }
        });
        return params;
    }

    /** The configured value of a text or URL parameter, or null. */
    String known(WidgetParameter p) {
        return known.get(p);
    }

    /** A text of the case for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder("case " + index + (hostileMode ? " (fault: " + fault + ")" : "") + ": requireClientId="
                + requireClientId + ", allowSecretsInMarkup=" + allowSecrets);
        for (Step s : steps) {
            sb.append("\n  ").append(s.property()).append(" = ").append(BrowserHtml.visible(s.value()));
        }
        return sb.toString();
    }
}
