package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.shared.Registration;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.core.message.CallAction;
import io.github.embeddable4j.core.message.CallPhase;
import io.github.embeddable4j.core.message.DndStatus;
import io.github.embeddable4j.core.message.UserStatus;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import io.github.embeddable4j.vaadin.event.CallEndEvent;
import io.github.embeddable4j.vaadin.event.CallRingEvent;
import io.github.embeddable4j.vaadin.event.CallStartEvent;
import io.github.embeddable4j.vaadin.event.DialerReadyEvent;
import io.github.embeddable4j.vaadin.event.InboundMessageEvent;
import io.github.embeddable4j.vaadin.event.LoginStatusEvent;
import io.github.embeddable4j.vaadin.event.MessageUpdatedEvent;
import io.github.embeddable4j.vaadin.event.PresenceEvent;
import io.github.embeddable4j.vaadin.event.RingOutCallEvent;
import io.github.embeddable4j.vaadin.event.RouteChangedEvent;
import io.github.embeddable4j.vaadin.event.WidgetMessageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The RingCentral Embeddable widget as a Vaadin component: drive it from Java and react to it in Java, without
 * writing JavaScript and without a custom frontend bundle.
 *
 * <ul>
 *   <li>{@link Mode#FLOATING} (default): loads the widget's loader once per UI, whatever the number of instances;
 *       the phone floats over the application and the component itself takes no space.</li>
 *   <li>{@link Mode#INLINE}: the widget in an {@code <iframe>} in the layout, sized with {@link HasSize}.</li>
 * </ul>
 *
 * Commands ({@link #call(String)}, {@link #sms(String, String)}, ...) wait until the widget reports it is ready
 * (its first login-status message), then go to the widget's origin only. Widget messages arrive as typed
 * {@code ComponentEvent}s, after the browser checked that they came from the widget's origin and frame.
 *
 * <pre>{@code var phone = new RingCentralEmbeddable(embeddable); add(phone); phone.addCallRingListener(e -> ...);}</pre>
 */
@Tag("rc-embeddable")
@JavaScript("context://frontend/embeddable4j/rc-embeddable.js")
public class RingCentralEmbeddable extends Component implements HasSize, HasStyle {

    /** How the widget appears. */
    public enum Mode {
        /** The loader's floating, draggable widget. */
        FLOATING,
        /** An {@code <iframe>} in the layout. */
        INLINE
    }

    private static final String LOADER_REQUESTED = RingCentralEmbeddable.class.getName() + ".loaderRequested";
    private static final String FLOATING_READY = RingCentralEmbeddable.class.getName() + ".floatingReady";

    private final Embeddable embeddable;
    private final Mode mode;
    private final String hostId = UUID.randomUUID().toString();
    private final List<WidgetCommand> queue = new ArrayList<>();
    private boolean inlineReady;

    /** A floating widget. */
    public RingCentralEmbeddable(Embeddable embeddable) {
        this(embeddable, Mode.FLOATING);
    }

    /** A floating or inline widget. An inline one defaults to 300 by 500 pixels, the floating widget's size. */
    public RingCentralEmbeddable(Embeddable embeddable, Mode mode) {
        this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == Mode.INLINE) {
            Element frame = new Element("iframe");
            frame.setAttribute("src", embeddable.appUrl());
            frame.setAttribute("allow", IframeOptions.DEFAULT_ALLOW);
            frame.setAttribute("title", IframeOptions.defaults().title());
            frame.getStyle().set("width", "100%").set("height", "100%").set("border", "0");
            getElement().appendChild(frame);
            getElement().getStyle().set("display", "block");
            setWidth("300px");
            setHeight("500px");
        } else {
            getElement().getStyle().set("display", "none");
        }
        addListener(WidgetMessageEvent.class, this::dispatch);
    }

    /** The rendered configuration this widget uses. */
    public Embeddable getEmbeddable() {
        return embeddable;
    }

    public Mode getMode() {
        return mode;
    }

    /** Whether the widget has reported that it is ready; until then commands are queued. */
    public boolean isWidgetReady() {
        if (mode == Mode.INLINE) {
            return inlineReady;
        }
        return getUI().map(ui -> ComponentUtil.getData(ui, FLOATING_READY) != null).orElse(false);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        getElement().executeJs("window.embeddable4j.attach(this, $0, $1, $2, $3)", hostId,
                mode.name().toLowerCase(java.util.Locale.ROOT), embeddable.widgetOrigin(), embeddable.config().prefix());
        if (mode == Mode.FLOATING && ComponentUtil.getData(ui, LOADER_REQUESTED) == null) {
            ComponentUtil.setData(ui, LOADER_REQUESTED, Boolean.TRUE);
            ui.getPage().executeJs("window.embeddable4j.loadAdapter($0)", embeddable.adapterUrl());
        }
        if (isWidgetReady()) {
            flush();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().getPage().executeJs("window.embeddable4j && window.embeddable4j.detach($0)", hostId);
        inlineReady = false; // an inline frame starts over when it is attached again
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    /** Opens the dialer with the number ({@code rc-adapter-new-call}); the user presses Call. */
    public void call(String phoneNumber) {
        call(phoneNumber, false);
    }

    /** Opens the dialer with the number, and dials at once when {@code dialImmediately}. */
    public void call(String phoneNumber, boolean dialImmediately) {
        send(WidgetCommand.newCall(phoneNumber, dialImmediately));
    }

    /** Opens a new SMS to the number with the text filled in ({@code rc-adapter-new-sms}); the user presses Send. */
    public void sms(String phoneNumber, String text) {
        send(WidgetCommand.newSms(phoneNumber, text));
    }

    /** Logs the user out of the widget. */
    public void logout() {
        send(WidgetCommand.logout());
    }

    /** Navigates the widget, such as to {@code /messages}, {@code /history} or {@code goBack}. */
    public void navigateTo(String path) {
        send(WidgetCommand.navigateTo(path));
    }

    /** Minimises or restores the floating widget. */
    public void setMinimized(boolean minimized) {
        send(WidgetCommand.setMinimized(minimized));
    }

    /** Acts on a browser call (a null id: the ringing or active call). */
    public void controlCall(CallAction action, String callId) {
        send(WidgetCommand.controlCall(action, callId));
    }

    /** Sets the user's presence; either may be null to leave it unchanged. */
    public void setPresence(UserStatus userStatus, DndStatus dndStatus) {
        send(WidgetCommand.setPresence(userStatus, dndStatus));
    }

    /** Sends any command built with {@link WidgetCommand}, queued like the others until the widget is ready. */
    public void send(WidgetCommand command) {
        Objects.requireNonNull(command, "command");
        if (isAttached() && isWidgetReady()) {
            post(command);
        } else {
            queue.add(command);
        }
    }

    /** Commands waiting for the widget to be ready. */
    public List<WidgetCommand> getQueuedCommands() {
        return List.copyOf(queue);
    }

    private void post(WidgetCommand command) {
        // The JSON is a parameter, never part of the script text.
        getElement().executeJs("window.embeddable4j.post($0, $1)", hostId, command.toJson());
    }

    private void flush() {
        List<WidgetCommand> pending = new ArrayList<>(queue);
        queue.clear();
        pending.forEach(this::post);
    }

    private void markReady() {
        if (mode == Mode.INLINE) {
            inlineReady = true;
        } else {
            getUI().ifPresent(ui -> ComponentUtil.setData(ui, FLOATING_READY, Boolean.TRUE));
        }
        if (isAttached()) {
            flush();
        }
    }

    // ---- events -----------------------------------------------------------------------------------------------

    private void dispatch(WidgetMessageEvent message) {
        WidgetEvent event;
        try {
            event = WidgetEvents.parse(message.getJson());
        } catch (IllegalArgumentException e) {
            return; // not a widget message: nothing typed to fire
        }
        boolean client = message.isFromClient();
        if (event instanceof WidgetEvent.LoginStatus status) {
            markReady();
            fireEvent(new LoginStatusEvent(this, client, status));
        } else if (event instanceof WidgetEvent.CallEvent call) {
            if (call.phase() == CallPhase.RING) {
                fireEvent(new CallRingEvent(this, client, call.call()));
            } else if (call.phase() == CallPhase.START) {
                fireEvent(new CallStartEvent(this, client, call.call()));
            } else if (call.phase() == CallPhase.END) {
                fireEvent(new CallEndEvent(this, client, call.call()));
            }
        } else if (event instanceof WidgetEvent.RingOutCall ringOut) {
            fireEvent(new RingOutCallEvent(this, client, ringOut.call()));
        } else if (event instanceof WidgetEvent.MessageEvent m) {
            fireEvent(m.inbound() ? new InboundMessageEvent(this, client, m.message())
                    : new MessageUpdatedEvent(this, client, m.message()));
        } else if (event instanceof WidgetEvent.Presence presence) {
            fireEvent(new PresenceEvent(this, client, presence));
        } else if (event instanceof WidgetEvent.RouteChanged route) {
            fireEvent(new RouteChangedEvent(this, client, route.path()));
        } else if (event instanceof WidgetEvent.DialerStatus dialer) {
            fireEvent(new DialerReadyEvent(this, client, dialer.ready()));
        }
    }

    /** Every message the widget posts, as type and JSON. */
    public Registration addWidgetMessageListener(ComponentEventListener<WidgetMessageEvent> listener) {
        return addListener(WidgetMessageEvent.class, listener);
    }

    public Registration addLoginStatusListener(ComponentEventListener<LoginStatusEvent> listener) {
        return addListener(LoginStatusEvent.class, listener);
    }

    public Registration addCallRingListener(ComponentEventListener<CallRingEvent> listener) {
        return addListener(CallRingEvent.class, listener);
    }

    public Registration addCallStartListener(ComponentEventListener<CallStartEvent> listener) {
        return addListener(CallStartEvent.class, listener);
    }

    public Registration addCallEndListener(ComponentEventListener<CallEndEvent> listener) {
        return addListener(CallEndEvent.class, listener);
    }

    public Registration addRingOutCallListener(ComponentEventListener<RingOutCallEvent> listener) {
        return addListener(RingOutCallEvent.class, listener);
    }

    public Registration addInboundMessageListener(ComponentEventListener<InboundMessageEvent> listener) {
        return addListener(InboundMessageEvent.class, listener);
    }

    public Registration addMessageUpdatedListener(ComponentEventListener<MessageUpdatedEvent> listener) {
        return addListener(MessageUpdatedEvent.class, listener);
    }

    public Registration addPresenceListener(ComponentEventListener<PresenceEvent> listener) {
        return addListener(PresenceEvent.class, listener);
    }

    public Registration addRouteChangedListener(ComponentEventListener<RouteChangedEvent> listener) {
        return addListener(RouteChangedEvent.class, listener);
    }

    public Registration addDialerReadyListener(ComponentEventListener<DialerReadyEvent> listener) {
        return addListener(DialerReadyEvent.class, listener);
    }
}
