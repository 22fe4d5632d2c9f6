package io.github.embeddable4j.core.event;

import java.util.Set;

/** Names of the widget's events, as sets a {@link WidgetEventListener} can subscribe to. */
public final class WidgetEventTypes {

    /**
     * The events the widget posts for its host page (login, calls, messages, presence, settings, navigation, ...),
     * without the adapter's own UI synchronisation ({@code rc-adapter-pushLocale} carries every UI string, and the
     * size and state messages fire constantly) and without the third-party service call-outs, which have their own path.
     */
    public static final Set<String> HOST_EVENTS = Set.of(
            "rc-login-status-notify", "rc-login-popup-notify",
            "rc-call-ring-notify", "rc-call-init-notify", "rc-call-start-notify", "rc-call-hold-notify",
            "rc-call-resume-notify", "rc-call-end-notify", "rc-call-mute-notify", "rc-call-drop-voicemail-notify",
            "rc-webphone-connection-status-notify", "rc-webphone-sessions-sync", "rc-webphone-active-notify",
            "rc-active-call-notify", "rc-ringout-call-notify", "rc-telephony-session-notify", "rc-control-call-error",
            "rc-calling-settings-notify", "rc-sms-settings-notify", "rc-region-settings-notify",
            "rc-adapter-syncPresence", "rc-inbound-message-notify", "rc-message-updated-notify",
            "rc-message-thread-notify", "rc-message-thread-entity-notify", "rc-route-changed-notify",
            "rc-dialer-status-notify", "rc-meeting-status-notify", "rc-callLogger-auto-log-notify",
            "rc-messageLogger-auto-log-notify", "rc-call-history-synced-notify", "rc-brand-assets-notify",
            "rc-adapter-theme-notify", "rc-adapter-side-drawer-open-notify", "rc-adapter-ai-assistant-settings-notify",
            "rc-adapter-phone-number-format-settings-notify", "rc-analytics-track");

    private WidgetEventTypes() {
    }
}
