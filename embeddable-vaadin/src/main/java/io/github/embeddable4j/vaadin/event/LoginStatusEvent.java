package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import org.jspecify.annotations.Nullable;

/** {@code rc-login-status-notify}: the widget started, or the user logged in or out. Commands wait for the first one. */
public final class LoginStatusEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetEvent.LoginStatus status;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public LoginStatusEvent(RingCentralEmbeddable source, boolean fromClient, WidgetEvent.LoginStatus status) {
        super(source, fromClient);
        this.status = status;
    }

    /** Whether a user is logged in. */
    public boolean isLoggedIn() {
        return status.loggedIn();
    }

    /** The user's main number and extension, such as {@code +16505550100*101}, or null. */
    public @Nullable String getLoginNumber() {
        return status.loginNumber();
    }

    /** Whether the user is an account administrator. */
    public boolean isAdmin() {
        return status.admin();
    }

    /**
     * Whether the user's account lets the widget use its feature of that name ({@code "sms"}, {@code "call"},
     * {@code "meeting"}, {@code "glip"}, {@code "smartNote"}); false when logged out or not said.
     *
     * <pre>{@code phone.addLoginStatusListener(e -> textButton.setEnabled(e.hasFeature("sms")));}</pre>
     */
    public boolean hasFeature(String name) {
        return status.hasFeature(name);
    }

    /** The widget's message as parsed, with everything it carries ({@code freshLogin()}, {@code features()}, ...). */
    public WidgetEvent.LoginStatus getStatus() {
        return status;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "LoginStatusEvent[loggedIn=" + status.loggedIn() + ", admin=" + status.admin() + ", loginNumber="
                + status.loginNumber() + ", fromClient=" + isFromClient() + "]";
    }
}
