package io.github.embeddable4j.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every URL parameter the widget reads, in the order they are written. Each constant knows its name on the
 * wire, how its value is typed and written, and whether it belongs in the loader URL, the iframe URL or both.
 * The {@link EmbeddableConfig.Builder} has a typed setter of the same name for each.
 */
public enum WidgetParameter {
    CLIENT_ID("clientId", ValueType.TEXT, Placement.BOTH, "Client ID of your RingCentral app; without one the widget runs on RingCentral's shared demo app."),
    CLIENT_SECRET("clientSecret", ValueType.TEXT, Placement.BOTH, "Secret. Legacy auth-code flow without PKCE, or JWT login; never rendered unless allowSecretsInMarkup is on.", true),
    APP_SERVER("appServer", ValueType.APP_SERVER, Placement.BOTH, "RingCentral platform server: production (default), sandbox, ringcentral-biz, or a custom https:// origin. Names in any case; prod, devtest (the sandbox's host name) and biz are read as the same three."),
    REDIRECT_URI("redirectUri", ValueType.URL, Placement.BOTH, "OAuth redirect URI registered on the app; defaults to redirect.html in the hosting folder."),
    AUTHORIZATION_CODE("authorizationCode", ValueType.TEXT, Placement.BOTH, "Secret. Pre-obtained authorization code for a silent login; never rendered unless allowSecretsInMarkup is on.", true),
    AUTHORIZATION_CODE_VERIFIER("authorizationCodeVerifier", ValueType.TEXT, Placement.BOTH, "Secret. PKCE code verifier for authorizationCode; never rendered unless allowSecretsInMarkup is on.", true),
    JWT("jwt", ValueType.TEXT, Placement.BOTH, "Secret. JWT login (needs clientSecret); never rendered unless allowSecretsInMarkup is on.", true),
    EXTERNAL_AUTH_ID("externalAuthId", ValueType.TEXT, Placement.BOTH, "Identity of your user; when it changes, the widget logs in again with the supplied code or JWT."),
    AUTH_PROXY("authProxy", ValueType.FLAG, Placement.BOTH, "Auth-proxy mode: appServer is your own server, which holds the tokens (experimental, undocumented)."),
    DISCOVERY("discovery", ValueType.FLAG, Placement.BOTH, "Whether to use RingCentral discovery."),
    DISCOVER_APP_SERVER("discoverAppServer", ValueType.DISCOVERY_SERVER, Placement.BOTH, "Discovery server; one of RingCentral's platform or discovery servers. Read only with discovery on."),
    /** @deprecated current widget builds ignore it, and the configuration warns of it. */
    @Deprecated
    PROXY_URI("proxyUri", ValueType.URL, Placement.BOTH, "Deprecated legacy proxy page; current builds ignore it."),
    STYLES_URI("stylesUri", ValueType.URL, Placement.BOTH, "URL of an extra stylesheet loaded inside the widget."),
    PREFIX("prefix", ValueType.TEXT, Placement.BOTH, "Namespace for the widget's element ids and storage keys (default rc-widget); lets two widgets keep separate sessions."),
    USER_AGENT("userAgent", ValueType.TEXT, Placement.BOTH, "Your app's name and version, such as MyCRM/1.0, sent in the X-User-Agent header."),
    APP_VERSION("appVersion", ValueType.TEXT, Placement.BOTH, "Version string the widget shows as the external app version."),
    DEFAULT_CALL_WITH("defaultCallWith", ValueType.CALL_WITH, Placement.BOTH, "Default calling option: browser, jupiter, softphone or ringout."),
    ENABLE_FROM_NUMBER_SETTING("enableFromNumberSetting", ValueType.FLAG, Placement.BOTH, "Whether calling-settings events include fromNumbers and the From number can be set by API."),
    ENABLE_RINGOUT_CALLER_ID("enableRingoutCallerId", ValueType.FLAG, Placement.BOTH, "Whether RingOut calls get a caller-ID selector (3.x only).", false, 3),
    SHOW_MY_LOCATION_NUMBERS("showMyLocationNumbers", ValueType.FLAG, Placement.BOTH, "Whether calling-settings events include myLocation numbers."),
    ENABLE_SMS_SETTING_EVENT("enableSmsSettingEvent", ValueType.FLAG, Placement.BOTH, "Whether the widget emits rc-sms-settings-notify (2.3.0 and later)."),
    DISABLE_CALL("disableCall", ValueType.FLAG, Placement.BOTH, "Whether to turn off calling."),
    DISABLE_MESSAGES("disableMessages", ValueType.FLAG, Placement.BOTH, "Whether to turn off messages (SMS, fax, voicemail)."),
    DISABLE_READ_TEXT("disableReadText", ValueType.FLAG, Placement.BOTH, "Whether to turn off SMS and pager messages (fax and voicemail stay)."),
    DISABLE_CALL_HISTORY("disableCallHistory", ValueType.FLAG, Placement.BOTH, "Whether to turn off call history and recordings."),
    DISABLE_CONTACTS("disableContacts", ValueType.FLAG, Placement.BOTH, "Whether to turn off contacts."),
    DISABLE_MEETING("disableMeeting", ValueType.FLAG, Placement.BOTH, "Whether to turn off meetings."),
    DISABLE_GLIP("disableGlip", ValueType.FLAG_DEFAULT_ON, Placement.BOTH, "Whether team messaging (Glip) is off; it is by default. Set false to turn it on (needs the TeamMessaging scope)."),
    DISABLE_CONFERENCE_INVITE("disableConferenceInvite", ValueType.FLAG_DEFAULT_ON, Placement.BOTH, "Whether the conference-invite feature is off; it is by default."),
    DISABLE_MINIMIZE("disableMinimize", ValueType.FLAG, Placement.LOADER_ONLY, "Whether to hide the floating widget's minimise button."),
    NEW_ADAPTER_UI("newAdapterUI", ValueType.FLAG, Placement.LOADER_ONLY, "Whether the floating widget uses the dock-badge UI."),
    DEFAULT_DIRECTION("defaultDirection", ValueType.DIRECTION, Placement.LOADER_ONLY, "Side the floating widget's badge docks to: left or right (default)."),
    Z_INDEX("zIndex", ValueType.INTEGER, Placement.LOADER_ONLY, "CSS z-index of the floating widget (default 999)."),
    NOTIFICATION("notification", ValueType.FLAG, Placement.LOADER_ONLY, "Whether the floating widget shows browser notifications for incoming calls."),
    ENABLE_POPUP("enablePopup", ValueType.FLAG, Placement.LOADER_ONLY, "Whether to show the pop-out-to-window button (needs multipleTabsSupport)."),
    POPUP_PAGE_URI("popupPageUri", ValueType.URL, Placement.LOADER_ONLY, "Your own copy of popup.html, on the same origin as your pages."),
    MULTIPLE_TABS_SUPPORT("multipleTabsSupport", ValueType.FLAG, Placement.BOTH, "Whether only one browser tab holds the phone connection (beta)."),
    DISCONNECT_INACTIVE_WEBPHONE("disconnectInactiveWebphone", ValueType.FLAG, Placement.BOTH, "Whether inactive tabs disconnect their phone connection; do not combine with enablePopup."),
    DISABLE_INACTIVE_TAB_CALL_EVENT("disableInactiveTabCallEvent", ValueType.FLAG, Placement.BOTH, "Whether call events fire only in the last active tab."),
    MAIN_TAB("mainTab", ValueType.TRUE_STRING, Placement.BOTH, "Whether this page is forced to be the main tab (otherwise chosen automatically). Only true is written: the widget reads any other value as a page that is never the main tab."),
    DISABLE_LOGIN_POPUP("disableLoginPopup", ValueType.FLAG, Placement.BOTH, "Whether to emit rc-login-popup-notify instead of opening the login popup."),
    ENABLE_WEBRTC_PLAN_B("enableWebRTCPlanB", ValueType.FLAG, Placement.BOTH, "Whether the web phone uses WebRTC Plan B."),
    ENABLE_RINGTONE_SETTINGS("enableRingtoneSettings", ValueType.FLAG, Placement.BOTH, "Whether to show the ringtone settings page."),
    DISABLE_NOISE_REDUCTION("disableNoiseReduction", ValueType.FLAG, Placement.BOTH, "Whether to remove the noise-reduction setting (2.x and later)."),
    ENABLE_NOISE_REDUCTION_SETTING("enableNoiseReductionSetting", ValueType.FLAG, Placement.BOTH, "Whether to show the noise-reduction setting (1.x only; 2.x uses disableNoiseReduction).", false, 1),
    SHOW_SIGN_UP_BUTTON("showSignUpButton", ValueType.FLAG, Placement.BOTH, "Whether the login page shows a sign-up button."),
    ENABLE_ANALYTICS("enableAnalytics", ValueType.FLAG, Placement.BOTH, "Whether the widget emits rc-analytics-track events to the page."),
    ENABLE_SMS_TEMPLATE("enableSMSTemplate", ValueType.FLAG, Placement.BOTH, "Whether to enable SMS templates (needs the Edit Extensions scope)."),
    ENABLE_SMART_NOTE("enableSmartNote", ValueType.FLAG, Placement.BOTH, "Whether to enable AI notes (SmartNote)."),
    ENABLE_AUDIO_INIT_PROMPT("enableAudioInitPrompt", ValueType.FLAG, Placement.BOTH, "Whether to show a banner asking the user to click to start audio."),
    ENABLE_LOAD_MORE_CALLS("enableLoadMoreCalls", ValueType.FLAG, Placement.BOTH, "Whether call history can load calls older than 7 days."),
    ENABLE_SHARED_MESSAGES("enableSharedMessages", ValueType.FLAG, Placement.BOTH, "Whether to enable the call-queue shared SMS inbox."),
    ENABLE_SIDE_WIDGET("enableSideWidget", ValueType.FLAG, Placement.BOTH, "Whether to enable the side panel and call widgets (effective on 3.x; 2.3.1 ignores it).", false, 3),
    ENABLE_VOICEMAIL_DROP("enableVoicemailDrop", ValueType.FLAG, Placement.BOTH, "Whether to enable voicemail drop (3.x only; needs enableSideWidget).", false, 3),
    ENABLE_TYPING_TIME_TRACKING("enableTypingTimeTracking", ValueType.FLAG, Placement.BOTH, "Whether logged SMS carry the time spent typing."),
    DEFAULT_AUTO_LOG_CALL_ENABLED("defaultAutoLogCallEnabled", ValueType.FLAG, Placement.BOTH, "Whether 'auto log calls' starts on."),
    DEFAULT_AUTO_LOG_MESSAGE_ENABLED("defaultAutoLogMessageEnabled", ValueType.FLAG, Placement.BOTH, "Whether 'auto log messages' starts on."),
    BRAND("brand", ValueType.BRAND, Placement.IFRAME_ONLY, "Brand build: rc (default), att, bt, telus, atos, avaya, rainbow. In loader mode it picks adapter.<brand>.js.");

    /** How a value is typed in the builder and written to the URL. */
    public enum ValueType {
        /** Free text, written percent-encoded. */
        TEXT,
        /** An absolute https URL (http for localhost). */
        URL,
        /** Off by default; written as {@code =1} when on and never written when off, since the widget reads "0" as on. */
        FLAG,
        /** On by default ({@code disableGlip}); written as {@code =false} when off, never written when on. */
        FLAG_DEFAULT_ON,
        /** Off by default; the widget only accepts the exact string {@code true}, so it is written as {@code =true}. */
        TRUE_STRING,
        /** A whole number. */
        INTEGER,
        /** One of {@link CallWith}. */
        CALL_WITH,
        /** One of {@link Direction}. */
        DIRECTION,
        /** One of {@link Brand}. */
        BRAND,
        /** An {@link AppServer}; production is the default and is not written. */
        APP_SERVER,
        /** One of the five servers the widget accepts for discovery. */
        DISCOVERY_SERVER;

        /** Whether values of this type are true/false. */
        public boolean isBoolean() {
            return this == FLAG || this == FLAG_DEFAULT_ON || this == TRUE_STRING;
        }
    }

    /** Which embed URLs the parameter belongs in. */
    public enum Placement {
        /** Read by app.html and forwarded by adapter.js: written in both URLs. */
        BOTH,
        /** Read by adapter.js itself: never written into the iframe URL. */
        LOADER_ONLY,
        /** Read by app.html but not accepted on the loader URL (the loader takes the brand from its file name). */
        IFRAME_ONLY
    }

    private static final Map<String, WidgetParameter> BY_WIRE_NAME = new HashMap<>();

    static {
        for (WidgetParameter p : values()) {
            BY_WIRE_NAME.put(p.wireName, p);
        }
    }

    private final String wireName;
    private final ValueType type;
    private final Placement placement;
    private final String description;
    private final boolean secret;
    private final int onlyInMajor;

    WidgetParameter(String wireName, ValueType type, Placement placement, String description) {
        this(wireName, type, placement, description, false, 0);
    }

    WidgetParameter(String wireName, ValueType type, Placement placement, String description, boolean secret) {
        this(wireName, type, placement, description, secret, 0);
    }

    WidgetParameter(String wireName, ValueType type, Placement placement, String description, boolean secret, int onlyInMajor) {
        this.wireName = wireName;
        this.type = type;
        this.placement = placement;
        this.description = description;
        this.secret = secret;
        this.onlyInMajor = onlyInMajor;
    }

    /** The parameter's name in the widget's URL, such as {@code defaultCallWith}. */
    public String wireName() {
        return wireName;
    }

    /** The kebab-case form of the name, such as {@code default-call-with}, as used in properties files. */
    public String kebabName() {
        return Keys.kebab(wireName);
    }

    /** How the value is typed and written. */
    public ValueType type() {
        return type;
    }

    /** Which embed URLs the parameter belongs in. */
    public Placement placement() {
        return placement;
    }

    /** One sentence on what the parameter does. */
    public String description() {
        return description;
    }

    /** Whether the value is a credential that must not reach a browser unless explicitly allowed. */
    public boolean isSecret() {
        return secret;
    }

    /** The only major widget version that reads this parameter, or 0 when every current version does. */
    public int onlyInMajor() {
        return onlyInMajor;
    }

    /** Whether the parameter is written into the loader ({@code adapter.js}) URL. */
    public boolean inLoaderUrl() {
        return placement != Placement.IFRAME_ONLY;
    }

    /** Whether the parameter is written into the iframe ({@code app.html}) URL. */
    public boolean inIframeUrl() {
        return placement != Placement.LOADER_ONLY;
    }

    /**
     * The name the widget read this parameter under before version 1.4.0, which renamed {@code appKey} and
     * {@code appSecret}: the configuration still reads a value given under it, and writes the current name.
     *
     * <pre>{@code WidgetParameter.CLIENT_ID.formerName()  // Optional[appKey]}</pre>
     */
    public Optional<String> formerName() {
        return switch (this) {
            case CLIENT_ID -> Optional.of("appKey");
            case CLIENT_SECRET -> Optional.of("appSecret");
            default -> Optional.empty();
        };
    }

    /** The parameter whose {@link #formerName()} is exactly {@code name}. */
    static Optional<WidgetParameter> byFormerName(String name) {
        return Stream.of(values()).filter(p -> p.formerName().filter(name::equals).isPresent()).findFirst();
    }

    /** Finds a parameter by its exact wire name, such as {@code "disableMessages"}. */
    public static Optional<WidgetParameter> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
