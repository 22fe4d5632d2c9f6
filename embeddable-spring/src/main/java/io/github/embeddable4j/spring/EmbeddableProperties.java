package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Brand;
import io.github.embeddable4j.core.CallWith;
import io.github.embeddable4j.core.Direction;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the RingCentral Embeddable starter: every widget setting of
 * {@link EmbeddableConfig} (validated there) plus the starter's own switches. The widget settings' defaults are
 * core's defaults (see the test {@code defaultValuesAreConsistent}).
 */
@ConfigurationProperties(prefix = EmbeddableProperties.PREFIX)
public class EmbeddableProperties {

    public static final String PREFIX = "ringcentral.embeddable";

    /**
     * Where the widget is loaded from: latest, a major channel such as 2.x, a version such as 2.3.1, github-pages,
     * or the https:// folder of a self-hosted copy.
     */
    private String hosting = "latest";

    /**
     * Origins the widget's frame may run on besides those the hosting implies, comma-separated: for a loader that
     * frames app.html on another origin than its own (a self-hosted copy of a built adapter.js does).
     */
    private List<String> frameOrigins = new ArrayList<>();

    /**
     * Whether a missing client ID fails startup instead of running on RingCentral's demo app. Turn on in production.
     */
    private boolean requireClientId;

    /**
     * Whether secrets (client-secret, jwt, authorization-code, authorization-code-verifier) may be written into
     * pages, where every visitor can read them. The legacy opt-in; every render then logs a warning.
     */
    private boolean allowSecretsInMarkup;

    /**
     * Client ID of your RingCentral app; without one the widget runs on RingCentral's shared demo app.
     */
    private String clientId;

    /**
     * Secret. Legacy auth-code flow without PKCE, or JWT login; never rendered unless allowSecretsInMarkup is on.
     */
    private String clientSecret;

    /**
     * RingCentral platform server: production (default), sandbox, ringcentral-biz, or a custom https:// origin.
     */
    private String appServer = "production";

    /**
     * OAuth redirect URI registered on the app; defaults to redirect.html in the hosting folder.
     */
    private String redirectUri;

    /**
     * Secret. Pre-obtained authorization code for a silent login; never rendered unless allowSecretsInMarkup is on.
     */
    private String authorizationCode;

    /**
     * Secret. PKCE code verifier for authorizationCode; never rendered unless allowSecretsInMarkup is on.
     */
    private String authorizationCodeVerifier;

    /**
     * Secret. JWT login (needs clientSecret); never rendered unless allowSecretsInMarkup is on.
     */
    private String jwt;

    /**
     * Identity of your user; when it changes, the widget logs in again with the supplied code or JWT.
     */
    private String externalAuthId;

    /**
     * Auth-proxy mode: appServer is your own server, which holds the tokens (experimental, undocumented).
     */
    private boolean authProxy;

    /**
     * Whether to use RingCentral discovery.
     */
    private boolean discovery;

    /**
     * Discovery server; one of RingCentral's platform or discovery servers.
     */
    private String discoverAppServer;

    /**
     * Deprecated legacy proxy page; current builds ignore it.
     */
    private String proxyUri;

    /**
     * URL of an extra stylesheet loaded inside the widget.
     */
    private String stylesUri;

    /**
     * Namespace for the widget's element ids and storage keys (default rc-widget); lets two widgets keep separate sessions.
     */
    private String prefix;

    /**
     * Your app's name and version, such as MyCRM/1.0, sent in the X-User-Agent header.
     */
    private String userAgent;

    /**
     * Version string the widget shows as the external app version.
     */
    private String appVersion;

    /**
     * Default calling option: browser, jupiter, softphone or ringout.
     */
    private CallWith defaultCallWith;

    /**
     * Whether calling-settings events include fromNumbers and the From number can be set by API.
     */
    private boolean enableFromNumberSetting;

    /**
     * Whether RingOut calls get a caller-ID selector (3.x only).
     */
    private boolean enableRingoutCallerId;

    /**
     * Whether calling-settings events include myLocation numbers.
     */
    private boolean showMyLocationNumbers;

    /**
     * Whether the widget emits rc-sms-settings-notify (2.3.0+).
     */
    private boolean enableSmsSettingEvent;

    /**
     * Whether to turn off calling.
     */
    private boolean disableCall;

    /**
     * Whether to turn off messages (SMS, fax, voicemail).
     */
    private boolean disableMessages;

    /**
     * Whether to turn off reading SMS.
     */
    private boolean disableReadText;

    /**
     * Whether to turn off call history and recordings.
     */
    private boolean disableCallHistory;

    /**
     * Whether to turn off contacts.
     */
    private boolean disableContacts;

    /**
     * Whether to turn off meetings.
     */
    private boolean disableMeeting;

    /**
     * Whether team messaging (Glip) is off; it is by default. Set false to turn it on (needs the TeamMessaging scope).
     */
    private boolean disableGlip = true;

    /**
     * Whether the conference-invite feature is off; it is by default.
     */
    private boolean disableConferenceInvite = true;

    /**
     * Whether to hide the floating widget's minimise button. Loader only.
     */
    private boolean disableMinimize;

    /**
     * Whether the floating widget uses the dock-badge UI. Loader only.
     */
    private boolean newAdapterUi;

    /**
     * Side the floating widget's badge docks to: left or right (default). Loader only.
     */
    private Direction defaultDirection;

    /**
     * CSS z-index of the floating widget (default 999). Loader only.
     */
    private Integer zIndex;

    /**
     * Whether the floating widget shows browser notifications for incoming calls. Loader only.
     */
    private boolean notification;

    /**
     * Whether to show the pop-out-to-window button (needs multipleTabsSupport). Loader only.
     */
    private boolean enablePopup;

    /**
     * Your own copy of popup.html, on the same origin as your pages. Loader only.
     */
    private String popupPageUri;

    /**
     * Whether only one browser tab holds the phone connection (beta).
     */
    private boolean multipleTabsSupport;

    /**
     * Whether inactive tabs disconnect their phone connection; do not combine with enablePopup.
     */
    private boolean disconnectInactiveWebphone;

    /**
     * Whether call events fire only in the last active tab.
     */
    private boolean disableInactiveTabCallEvent;

    /**
     * Whether this page is forced to be the main tab (otherwise chosen automatically).
     */
    private boolean mainTab;

    /**
     * Whether to emit rc-login-popup-notify instead of opening the login popup.
     */
    private boolean disableLoginPopup;

    /**
     * Whether the web phone uses WebRTC Plan B.
     */
    private boolean enableWebRtcPlanB;

    /**
     * Whether to show the ringtone settings page.
     */
    private boolean enableRingtoneSettings;

    /**
     * Whether to remove the noise-reduction setting (2.x and later).
     */
    private boolean disableNoiseReduction;

    /**
     * Whether to show the noise-reduction setting (1.x only; 2.x uses disableNoiseReduction).
     */
    private boolean enableNoiseReductionSetting;

    /**
     * Whether the login page shows a sign-up button.
     */
    private boolean showSignUpButton;

    /**
     * Whether the widget emits rc-analytics-track events to the page.
     */
    private boolean enableAnalytics;

    /**
     * Whether to enable SMS templates (needs the Edit Extensions scope).
     */
    private boolean enableSmsTemplate;

    /**
     * Whether to enable AI notes (SmartNote).
     */
    private boolean enableSmartNote;

    /**
     * Whether to show a banner asking the user to click to start audio.
     */
    private boolean enableAudioInitPrompt;

    /**
     * Whether call history can load calls older than 7 days.
     */
    private boolean enableLoadMoreCalls;

    /**
     * Whether to enable the call-queue shared SMS inbox.
     */
    private boolean enableSharedMessages;

    /**
     * Whether to enable the side panel and call widgets (effective on 3.x; 2.3.1 ignores it).
     */
    private boolean enableSideWidget;

    /**
     * Whether to enable voicemail drop (3.x only; needs enableSideWidget).
     */
    private boolean enableVoicemailDrop;

    /**
     * Whether logged SMS carry the time spent typing.
     */
    private boolean enableTypingTimeTracking;

    /**
     * Whether 'auto log calls' starts on.
     */
    private boolean defaultAutoLogCallEnabled;

    /**
     * Whether 'auto log messages' starts on.
     */
    private boolean defaultAutoLogMessageEnabled;

    /**
     * Brand build: rc (default), att, bt, telus, atos, avaya, rainbow. In loader mode it picks adapter.<brand>.js.
     */
    private Brand brand;

    /**
     * Widget parameters this library does not know, passed through as name and value.
     */
    private Map<String, String> params = new LinkedHashMap<>();

    /**
     * Request attribute holding the page's CSP nonce, looked at before _csp_nonce and cspNonce.
     */
    private String nonceAttribute;

    private final Inject inject = new Inject();

    private final RedirectPage redirectPage = new RedirectPage();

    /** The widget settings as core reads them: widget names, text values; unset ones left out. */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "hosting", hosting);
        if (!frameOrigins.isEmpty()) {
            settings.put("frameOrigins", String.join(",", frameOrigins));
        }
        put(settings, "requireClientId", requireClientId);
        put(settings, "allowSecretsInMarkup", allowSecretsInMarkup);
        put(settings, "clientId", clientId);
        put(settings, "clientSecret", clientSecret);
        put(settings, "appServer", appServer);
        put(settings, "redirectUri", redirectUri);
        put(settings, "authorizationCode", authorizationCode);
        put(settings, "authorizationCodeVerifier", authorizationCodeVerifier);
        put(settings, "jwt", jwt);
        put(settings, "externalAuthId", externalAuthId);
        put(settings, "authProxy", authProxy);
        put(settings, "discovery", discovery);
        put(settings, "discoverAppServer", discoverAppServer);
        put(settings, "proxyUri", proxyUri);
        put(settings, "stylesUri", stylesUri);
        put(settings, "prefix", prefix);
        put(settings, "userAgent", userAgent);
        put(settings, "appVersion", appVersion);
        put(settings, "defaultCallWith", defaultCallWith);
        put(settings, "enableFromNumberSetting", enableFromNumberSetting);
        put(settings, "enableRingoutCallerId", enableRingoutCallerId);
        put(settings, "showMyLocationNumbers", showMyLocationNumbers);
        put(settings, "enableSmsSettingEvent", enableSmsSettingEvent);
        put(settings, "disableCall", disableCall);
        put(settings, "disableMessages", disableMessages);
        put(settings, "disableReadText", disableReadText);
        put(settings, "disableCallHistory", disableCallHistory);
        put(settings, "disableContacts", disableContacts);
        put(settings, "disableMeeting", disableMeeting);
        put(settings, "disableGlip", disableGlip);
        put(settings, "disableConferenceInvite", disableConferenceInvite);
        put(settings, "disableMinimize", disableMinimize);
        put(settings, "newAdapterUI", newAdapterUi);
        put(settings, "defaultDirection", defaultDirection);
        put(settings, "zIndex", zIndex);
        put(settings, "notification", notification);
        put(settings, "enablePopup", enablePopup);
        put(settings, "popupPageUri", popupPageUri);
        put(settings, "multipleTabsSupport", multipleTabsSupport);
        put(settings, "disconnectInactiveWebphone", disconnectInactiveWebphone);
        put(settings, "disableInactiveTabCallEvent", disableInactiveTabCallEvent);
        put(settings, "mainTab", mainTab);
        put(settings, "disableLoginPopup", disableLoginPopup);
        put(settings, "enableWebRTCPlanB", enableWebRtcPlanB);
        put(settings, "enableRingtoneSettings", enableRingtoneSettings);
        put(settings, "disableNoiseReduction", disableNoiseReduction);
        put(settings, "enableNoiseReductionSetting", enableNoiseReductionSetting);
        put(settings, "showSignUpButton", showSignUpButton);
        put(settings, "enableAnalytics", enableAnalytics);
        put(settings, "enableSMSTemplate", enableSmsTemplate);
        put(settings, "enableSmartNote", enableSmartNote);
        put(settings, "enableAudioInitPrompt", enableAudioInitPrompt);
        put(settings, "enableLoadMoreCalls", enableLoadMoreCalls);
        put(settings, "enableSharedMessages", enableSharedMessages);
        put(settings, "enableSideWidget", enableSideWidget);
        put(settings, "enableVoicemailDrop", enableVoicemailDrop);
        put(settings, "enableTypingTimeTracking", enableTypingTimeTracking);
        put(settings, "defaultAutoLogCallEnabled", defaultAutoLogCallEnabled);
        put(settings, "defaultAutoLogMessageEnabled", defaultAutoLogMessageEnabled);
        put(settings, "brand", brand);
        params.forEach((name, value) -> settings.put("params." + name, value));
        return settings;
    }

    /** The validated configuration. @throws io.github.embeddable4j.core.EmbeddableConfigException listing every problem */
    public EmbeddableConfig toConfig() {
        return EmbeddableConfig.fromMap(toSettings());
    }

    /** The filter's rules. */
    public InjectionRules toInjectionRules() {
        return InjectionRules.builder().include(inject.includePaths.toArray(String[]::new))
                .exclude(inject.excludePaths.toArray(String[]::new)).errorPages(inject.errorPages)
                .injectedHeader(inject.injectedHeader).build();
    }

    private static void put(Map<String, String> settings, String name, Object value) {
        if (value instanceof Enum<?> e) {
            settings.put(name, e.name());
        } else if (value != null) {
            settings.put(name, value.toString());
        }
    }

    public String getHosting() {
        return hosting;
    }

    public void setHosting(String hosting) {
        this.hosting = hosting;
    }

    public List<String> getFrameOrigins() {
        return frameOrigins;
    }

    public void setFrameOrigins(List<String> frameOrigins) {
        this.frameOrigins = frameOrigins;
    }

    public boolean isRequireClientId() {
        return requireClientId;
    }

    public void setRequireClientId(boolean requireClientId) {
        this.requireClientId = requireClientId;
    }

    public boolean isAllowSecretsInMarkup() {
        return allowSecretsInMarkup;
    }

    public void setAllowSecretsInMarkup(boolean allowSecretsInMarkup) {
        this.allowSecretsInMarkup = allowSecretsInMarkup;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getAppServer() {
        return appServer;
    }

    public void setAppServer(String appServer) {
        this.appServer = appServer;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public String getAuthorizationCode() {
        return authorizationCode;
    }

    public void setAuthorizationCode(String authorizationCode) {
        this.authorizationCode = authorizationCode;
    }

    public String getAuthorizationCodeVerifier() {
        return authorizationCodeVerifier;
    }

    public void setAuthorizationCodeVerifier(String authorizationCodeVerifier) {
        this.authorizationCodeVerifier = authorizationCodeVerifier;
    }

    public String getJwt() {
        return jwt;
    }

    public void setJwt(String jwt) {
        this.jwt = jwt;
    }

    public String getExternalAuthId() {
        return externalAuthId;
    }

    public void setExternalAuthId(String externalAuthId) {
        this.externalAuthId = externalAuthId;
    }

    public boolean isAuthProxy() {
        return authProxy;
    }

    public void setAuthProxy(boolean authProxy) {
        this.authProxy = authProxy;
    }

    public boolean isDiscovery() {
        return discovery;
    }

    public void setDiscovery(boolean discovery) {
        this.discovery = discovery;
    }

    public String getDiscoverAppServer() {
        return discoverAppServer;
    }

    public void setDiscoverAppServer(String discoverAppServer) {
        this.discoverAppServer = discoverAppServer;
    }

    public String getProxyUri() {
        return proxyUri;
    }

    public void setProxyUri(String proxyUri) {
        this.proxyUri = proxyUri;
    }

    public String getStylesUri() {
        return stylesUri;
    }

    public void setStylesUri(String stylesUri) {
        this.stylesUri = stylesUri;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    public String getAppVersion() {
        return appVersion;
    }

    public void setAppVersion(String appVersion) {
        this.appVersion = appVersion;
    }

    public CallWith getDefaultCallWith() {
        return defaultCallWith;
    }

    public void setDefaultCallWith(CallWith defaultCallWith) {
        this.defaultCallWith = defaultCallWith;
    }

    public boolean isEnableFromNumberSetting() {
        return enableFromNumberSetting;
    }

    public void setEnableFromNumberSetting(boolean enableFromNumberSetting) {
        this.enableFromNumberSetting = enableFromNumberSetting;
    }

    public boolean isEnableRingoutCallerId() {
        return enableRingoutCallerId;
    }

    public void setEnableRingoutCallerId(boolean enableRingoutCallerId) {
        this.enableRingoutCallerId = enableRingoutCallerId;
    }

    public boolean isShowMyLocationNumbers() {
        return showMyLocationNumbers;
    }

    public void setShowMyLocationNumbers(boolean showMyLocationNumbers) {
        this.showMyLocationNumbers = showMyLocationNumbers;
    }

    public boolean isEnableSmsSettingEvent() {
        return enableSmsSettingEvent;
    }

    public void setEnableSmsSettingEvent(boolean enableSmsSettingEvent) {
        this.enableSmsSettingEvent = enableSmsSettingEvent;
    }

    public boolean isDisableCall() {
        return disableCall;
    }

    public void setDisableCall(boolean disableCall) {
        this.disableCall = disableCall;
    }

    public boolean isDisableMessages() {
        return disableMessages;
    }

    public void setDisableMessages(boolean disableMessages) {
        this.disableMessages = disableMessages;
    }

    public boolean isDisableReadText() {
        return disableReadText;
    }

    public void setDisableReadText(boolean disableReadText) {
        this.disableReadText = disableReadText;
    }

    public boolean isDisableCallHistory() {
        return disableCallHistory;
    }

    public void setDisableCallHistory(boolean disableCallHistory) {
        this.disableCallHistory = disableCallHistory;
    }

    public boolean isDisableContacts() {
        return disableContacts;
    }

    public void setDisableContacts(boolean disableContacts) {
        this.disableContacts = disableContacts;
    }

    public boolean isDisableMeeting() {
        return disableMeeting;
    }

    public void setDisableMeeting(boolean disableMeeting) {
        this.disableMeeting = disableMeeting;
    }

    public boolean isDisableGlip() {
        return disableGlip;
    }

    public void setDisableGlip(boolean disableGlip) {
        this.disableGlip = disableGlip;
    }

    public boolean isDisableConferenceInvite() {
        return disableConferenceInvite;
    }

    public void setDisableConferenceInvite(boolean disableConferenceInvite) {
        this.disableConferenceInvite = disableConferenceInvite;
    }

    public boolean isDisableMinimize() {
        return disableMinimize;
    }

    public void setDisableMinimize(boolean disableMinimize) {
        this.disableMinimize = disableMinimize;
    }

    public boolean isNewAdapterUi() {
        return newAdapterUi;
    }

    public void setNewAdapterUi(boolean newAdapterUi) {
        this.newAdapterUi = newAdapterUi;
    }

    public Direction getDefaultDirection() {
        return defaultDirection;
    }

    public void setDefaultDirection(Direction defaultDirection) {
        this.defaultDirection = defaultDirection;
    }

    public Integer getZIndex() {
        return zIndex;
    }

    public void setZIndex(Integer zIndex) {
        this.zIndex = zIndex;
    }

    public boolean isNotification() {
        return notification;
    }

    public void setNotification(boolean notification) {
        this.notification = notification;
    }

    public boolean isEnablePopup() {
        return enablePopup;
    }

    public void setEnablePopup(boolean enablePopup) {
        this.enablePopup = enablePopup;
    }

    public String getPopupPageUri() {
        return popupPageUri;
    }

    public void setPopupPageUri(String popupPageUri) {
        this.popupPageUri = popupPageUri;
    }

    public boolean isMultipleTabsSupport() {
        return multipleTabsSupport;
    }

    public void setMultipleTabsSupport(boolean multipleTabsSupport) {
        this.multipleTabsSupport = multipleTabsSupport;
    }

    public boolean isDisconnectInactiveWebphone() {
        return disconnectInactiveWebphone;
    }

    public void setDisconnectInactiveWebphone(boolean disconnectInactiveWebphone) {
        this.disconnectInactiveWebphone = disconnectInactiveWebphone;
    }

    public boolean isDisableInactiveTabCallEvent() {
        return disableInactiveTabCallEvent;
    }

    public void setDisableInactiveTabCallEvent(boolean disableInactiveTabCallEvent) {
        this.disableInactiveTabCallEvent = disableInactiveTabCallEvent;
    }

    public boolean isMainTab() {
        return mainTab;
    }

    public void setMainTab(boolean mainTab) {
        this.mainTab = mainTab;
    }

    public boolean isDisableLoginPopup() {
        return disableLoginPopup;
    }

    public void setDisableLoginPopup(boolean disableLoginPopup) {
        this.disableLoginPopup = disableLoginPopup;
    }

    public boolean isEnableWebRtcPlanB() {
        return enableWebRtcPlanB;
    }

    public void setEnableWebRtcPlanB(boolean enableWebRtcPlanB) {
        this.enableWebRtcPlanB = enableWebRtcPlanB;
    }

    public boolean isEnableRingtoneSettings() {
        return enableRingtoneSettings;
    }

    public void setEnableRingtoneSettings(boolean enableRingtoneSettings) {
        this.enableRingtoneSettings = enableRingtoneSettings;
    }

    public boolean isDisableNoiseReduction() {
        return disableNoiseReduction;
    }

    public void setDisableNoiseReduction(boolean disableNoiseReduction) {
        this.disableNoiseReduction = disableNoiseReduction;
    }

    public boolean isEnableNoiseReductionSetting() {
        return enableNoiseReductionSetting;
    }

    public void setEnableNoiseReductionSetting(boolean enableNoiseReductionSetting) {
        this.enableNoiseReductionSetting = enableNoiseReductionSetting;
    }

    public boolean isShowSignUpButton() {
        return showSignUpButton;
    }

    public void setShowSignUpButton(boolean showSignUpButton) {
        this.showSignUpButton = showSignUpButton;
    }

    public boolean isEnableAnalytics() {
        return enableAnalytics;
    }

    public void setEnableAnalytics(boolean enableAnalytics) {
        this.enableAnalytics = enableAnalytics;
    }

    public boolean isEnableSmsTemplate() {
        return enableSmsTemplate;
    }

    public void setEnableSmsTemplate(boolean enableSmsTemplate) {
        this.enableSmsTemplate = enableSmsTemplate;
    }

    public boolean isEnableSmartNote() {
        return enableSmartNote;
    }

    public void setEnableSmartNote(boolean enableSmartNote) {
        this.enableSmartNote = enableSmartNote;
    }

    public boolean isEnableAudioInitPrompt() {
        return enableAudioInitPrompt;
    }

    public void setEnableAudioInitPrompt(boolean enableAudioInitPrompt) {
        this.enableAudioInitPrompt = enableAudioInitPrompt;
    }

    public boolean isEnableLoadMoreCalls() {
        return enableLoadMoreCalls;
    }

    public void setEnableLoadMoreCalls(boolean enableLoadMoreCalls) {
        this.enableLoadMoreCalls = enableLoadMoreCalls;
    }

    public boolean isEnableSharedMessages() {
        return enableSharedMessages;
    }

    public void setEnableSharedMessages(boolean enableSharedMessages) {
        this.enableSharedMessages = enableSharedMessages;
    }

    public boolean isEnableSideWidget() {
        return enableSideWidget;
    }

    public void setEnableSideWidget(boolean enableSideWidget) {
        this.enableSideWidget = enableSideWidget;
    }

    public boolean isEnableVoicemailDrop() {
        return enableVoicemailDrop;
    }

    public void setEnableVoicemailDrop(boolean enableVoicemailDrop) {
        this.enableVoicemailDrop = enableVoicemailDrop;
    }

    public boolean isEnableTypingTimeTracking() {
        return enableTypingTimeTracking;
    }

    public void setEnableTypingTimeTracking(boolean enableTypingTimeTracking) {
        this.enableTypingTimeTracking = enableTypingTimeTracking;
    }

    public boolean isDefaultAutoLogCallEnabled() {
        return defaultAutoLogCallEnabled;
    }

    public void setDefaultAutoLogCallEnabled(boolean defaultAutoLogCallEnabled) {
        this.defaultAutoLogCallEnabled = defaultAutoLogCallEnabled;
    }

    public boolean isDefaultAutoLogMessageEnabled() {
        return defaultAutoLogMessageEnabled;
    }

    public void setDefaultAutoLogMessageEnabled(boolean defaultAutoLogMessageEnabled) {
        this.defaultAutoLogMessageEnabled = defaultAutoLogMessageEnabled;
    }

    public Brand getBrand() {
        return brand;
    }

    public void setBrand(Brand brand) {
        this.brand = brand;
    }

    public Map<String, String> getParams() {
        return params;
    }

    public void setParams(Map<String, String> params) {
        this.params = params;
    }

    public String getNonceAttribute() {
        return nonceAttribute;
    }

    public void setNonceAttribute(String nonceAttribute) {
        this.nonceAttribute = nonceAttribute;
    }

    public Inject getInject() {
        return inject;
    }

    public RedirectPage getRedirectPage() {
        return redirectPage;
    }

    /** How the filter puts the widget on pages. */
    public static class Inject {

        /**
         * Path patterns to inject into (/app/*, *.html, /exact); empty means every path.
         */
        private List<String> includePaths = new ArrayList<>();

        /**
         * Path patterns never to inject into; they win over include-paths.
         */
        private List<String> excludePaths = new ArrayList<>();

        /**
         * Whether 4xx and 5xx HTML pages get the widget too.
         */
        private boolean errorPages;

        /**
         * Response header set to 1 on pages that got the widget, such as X-Embeddable-Injected.
         */
        private String injectedHeader;

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

        public String getInjectedHeader() {
            return injectedHeader;
        }

        public void setInjectedHeader(String injectedHeader) {
            this.injectedHeader = injectedHeader;
        }
    }

    /** The OAuth redirect page. */
    public static class RedirectPage {

        /**
         * Path to serve the OAuth redirect page at, such as /ringcentral/redirect; set redirect-uri to its full URL.
         */
        private String path;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }
}
