package io.github.embeddable4j.core.message;

/** What {@code rc-adapter-control-call} does to a web-phone (browser) call. */
public enum CallAction {
    ANSWER("answer"),
    REJECT("reject"),
    TO_VOICEMAIL("toVoicemail"),
    HANGUP("hangup"),
    HOLD("hold"),
    UNHOLD("unhold"),
    START_RECORD("startRecord"),
    STOP_RECORD("stopRecord"),
    MUTE("mute"),
    UNMUTE("unmute"),
    /** Widget 2.2.1 and later. */
    TOGGLE_RINGING_DIALOG("toggleRingingDialog"),
    /** Needs a number: use {@link WidgetCommand#forward(String, String)}. */
    FORWARD("forward"),
    /** Needs a number: use {@link WidgetCommand#transfer(String, String)}. */
    TRANSFER("transfer"),
    /** Needs digits: use {@link WidgetCommand#dtmf(String, String)} (widget 2.3.0 and later). */
    DTMF("dtmf");

    private final String wireValue;

    CallAction(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The {@code callAction} value. */
    public String wireValue() {
        return wireValue;
    }

    boolean needsOption() {
        return this == FORWARD || this == TRANSFER || this == DTMF;
    }
}
