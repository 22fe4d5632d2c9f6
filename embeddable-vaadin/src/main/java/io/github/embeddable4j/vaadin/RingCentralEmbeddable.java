package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import io.github.embeddable4j.core.ClientGlue;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.FrameOriginWarnings;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.core.bridge.ServiceRelay;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
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
import io.github.embeddable4j.vaadin.event.CommandDroppedEvent;
import io.github.embeddable4j.vaadin.event.CommandSentEvent;
import io.github.embeddable4j.vaadin.event.DialerReadyEvent;
import io.github.embeddable4j.vaadin.event.FrameRejectedEvent;
import io.github.embeddable4j.vaadin.event.InboundMessageEvent;
import io.github.embeddable4j.vaadin.event.LoginStatusEvent;
import io.github.embeddable4j.vaadin.event.MessageUpdatedEvent;
import io.github.embeddable4j.vaadin.event.PresenceEvent;
import io.github.embeddable4j.vaadin.event.RingOutCallEvent;
import io.github.embeddable4j.vaadin.event.RouteChangedEvent;
import io.github.embeddable4j.vaadin.event.WidgetMessageEvent;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The RingCentral Embeddable widget as a Vaadin component: drive it from Java and react to it in Java, without
 * writing JavaScript and without a custom frontend bundle.
 *
 * <ul>
 *   <li>{@link Mode#FLOATING} (default): loads the widget's loader once per UI, whatever the number of instances;
 *       the phone floats over the application and the component itself takes no space. When the last floating
 *       component of a UI is detached, the floating widget is removed with it (an ongoing call ends): put the
 *       component in your main layout to keep the phone across views. A loader the page already has (added by a
 *       servlet filter or the page itself) is used instead of a second one.</li>
 *   <li>{@link Mode#INLINE}: the widget in an {@code <iframe>} in the layout, sized with {@link HasSize}.</li>
 * </ul>
 *
 * Commands ({@link #call(String)}, {@link #sms(String, String)}, ...) wait until the widget reports it is ready
 * (its first login-status message); those the widget ignores while logged out ({@link WidgetCommand#requiresLogin()}:
 * calls, SMS, call control, presence) wait until a user is logged in ({@link #isLoggedIn()}). Waiting commands
 * expire after {@link #setCommandTimeout(Duration)} (default one minute) and at most
 * {@link #setCommandQueueLimit(int)} wait (default 50); a dropped command fires a {@link CommandDroppedEvent}.
 * Commands go to the origin of the widget frame's actual {@code src}, only when that origin is one of the
 * configuration's widget origins ({@link io.github.embeddable4j.core.WidgetOrigins}); messages are accepted only from
 * that frame's window on that origin. A frame on any other origin is reported in the browser console, logged once on
 * the server, and fires a {@link FrameRejectedEvent}. Widget messages arrive as typed {@code ComponentEvent}s.
 *
 * <p>Serializable with its session (Tomcat's session persistence, session replication): the configuration, waiting
 * commands, listeners and the widget's state are written; the {@linkplain #setEventDispatcher event dispatcher} and
 * the {@linkplain #setThirdPartyService third-party service} are not (they are the application's services), nor are
 * call-out answers still being worked on. Read back, the component finds the application's published ones again (the
 * Spring starter publishes its beans in the servlet context); for others it logs a warning at the first event that
 * needed one.
 *
 * <pre>{@code var phone = new RingCentralEmbeddable(embeddable); add(phone); phone.addCallRingListener(e -> ...);}</pre>
 */
@Tag("rc-embeddable")
public class RingCentralEmbeddable extends Component implements HasSize, HasStyle {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How the widget appears. */
    public enum Mode {
        /** The loader's floating, draggable widget. */
        FLOATING,
        /** An {@code <iframe>} in the layout. */
        INLINE
    }

    private static final System.Logger LOG = System.getLogger(RingCentralEmbeddable.class.getName());
    /**
     * Longer client messages are dropped (the widget's events are a few KB at most); a longer call-out (a call log with
     * long notes) comes shrunk by the page's glue, and is answered "too-large" at once.
     */
    static final int MAX_MESSAGE_CHARS = 256 * 1024;
    /** The largest event handed to the dispatcher: the HTTP bridge's (core's {@code BridgeLimits.maxEventChars()}). */
    static final int MAX_DISPATCHED_CHARS = io.github.embeddable4j.core.bridge.BridgeLimits.defaults().maxEventChars();
    private static final java.util.concurrent.atomic.AtomicBoolean LARGE_EVENT_SAID = new java.util.concurrent.atomic.AtomicBoolean();
    /** Whether a page with the filter's widget beside a component was said (see {@link #sayFilteredPage}). */
    static final java.util.concurrent.atomic.AtomicBoolean FILTERED_PAGE_SAID = new java.util.concurrent.atomic.AtomicBoolean();
    private static final String MESSAGE_LIMIT = String.format(Locale.ROOT,
            "the Vaadin component's message limit, %,d characters", MAX_MESSAGE_CHARS);
    /** A misconfiguration logs one line per origin, not one per page view (see FrameOriginWarnings). */
    private static final FrameOriginWarnings ORIGIN_WARNINGS = new FrameOriginWarnings();
    /** Message types already said to be dropped for their size: once each, and only the widget's kind of name. */
    private static final java.util.Set<String> TOO_LARGE_SAID = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How many components said a call-out reached them without a service: a page forging call-outs, reloaded, is many. */
    private static final java.util.concurrent.atomic.AtomicInteger UNSERVED_SAID = new java.util.concurrent.atomic.AtomicInteger();
    /** What application listeners threw while the component does one thing (see {@link #guarded}). */
    private static final ThreadLocal<RuntimeException @Nullable []> LISTENER_FAILURES = new ThreadLocal<>();
    /** How many components said they hold a command while another floating phone of their UI is attached. */
    private static final java.util.concurrent.atomic.AtomicInteger STRAY_SAID = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.regex.Pattern WIDGET_TYPE = java.util.regex.Pattern.compile("rc-[a-z0-9-]{1,60}");
    /** Answers of the application's service waiting for the browser to fetch them; more are not worked on. */
    static final int MAX_UNFETCHED_ANSWERS = 200;
    /** Distinct rejected frame origins a component hears of (and fires events for); a page has one or two. */
    static final int MAX_REJECTED_ORIGINS = 16;
    /** The data key that marks a UI whose page has the client glue. */
    private static final String GLUE_SENT = RingCentralEmbeddable.class.getName() + ".glue";

    private final Embeddable embeddable;
    private final Mode mode;
    private final String hostId = UUID.randomUUID().toString();
    /** Attached in this round trip, its host not yet registered in the browser: commands wait (see onAttach). */
    private boolean attachPending;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Set<String> rejectedOrigins = new LinkedHashSet<>();
    private boolean inlineReady;
    private boolean inlineLoggedIn;
    private int queueLimit = 50;
    private Duration commandTimeout = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private UserResolver userResolver = UserResolver.standard();
    private boolean resolverFailed;
    private boolean serviceRegistered;
    /** See {@link #hostInPage()}. */
    private boolean hostInPage;
    /** Whether this component said that a call-out reached it without a service (once: the widget asks again). */
    private boolean unservedSaid;
    private boolean straySaid;
    /** The page's number of the message being received, while it is (see {@link #sharedWorkIsMine}). */
    private transient @Nullable Integer receivingSeq;
    /**
     * The UI's floating state as the message came, while it is received: a listener may detach the component (a
     * call's end that navigates on), and the work it shares is still claimed there (a review: done twice).
     */
    private transient @Nullable Floating receivingFloating;
    /** When the browser will ask to drop expired commands (see {@link #expireWaiting()}), or null: no timer set. */
    private @Nullable Instant wakeAt;
    /** A handoff's loader URL waiting for this floating component's attach, or null. */
    private @Nullable String pendingHandoffUrl;
    /** The logout the application's sign-out mark queued here, until it is sent (or a login handoff makes it moot). */
    private @Nullable Queued signOutLogout;
    /** Whether the sign-out mark waits for the login a handoff brings ({@link #awaitNewLogin}). */
    private boolean markAwaitsLogin;
    /** Whether {@link #signOutLogout} was marked by the very request that queued it (its cookie not yet in the browser's). */
    private boolean signOutMarkedHere;
    /** The widget's login reports this component has seen: a page's answer applies only to the state it was sent in. */
    private int loginReports;
    /*
     * The application's objects are not written with the session (they are services, not state). Read back, the ones
     * that were the application's published instances are found again (see published); others are gone, and the first
     * use says so once (see readBack).
     */
    private transient @Nullable WidgetEventDispatcher dispatcher;
    private transient @Nullable ThirdPartyService service;
    private PublishedInContext.SetTo dispatcherSetTo = PublishedInContext.SetTo.UNSET;
    private PublishedInContext.SetTo serviceSetTo = PublishedInContext.SetTo.UNSET;
    /** Answers of the third-party service not yet fetched by the browser, in order; in-flight work is not written. */
    /** Call-outs' replies for the page ({@code ServiceRelay.reply}), fetched by the browser as each completes. */
    private transient List<CompletableFuture<String>> serviceAnswers = new ArrayList<>();

    private record Queued(WidgetCommand command, Instant since) implements Serializable {
    }

    /** What the floating widget of one UI shares between the components that show it. */
    private static final class Floating implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final Set<RingCentralEmbeddable> attached = new LinkedHashSet<>();
        boolean loaded;
        boolean loadHeld; // asked for by a hidden phone: shown when it shows
        /**
         * The held load's URL when it carries sign in once's login (a reload): kept here, not in a held script, so
         * that what runs when a phone shows is the login the UI holds then (a review: a held script replayed a used
         * code over a later login, or after a dispose).
         */
        @Nullable String heldReloadUrl;
        boolean ready;
        boolean loggedIn;
        boolean disposeCheckPending;
        /** The loader URL (without a login handoff) of the loader on the page, kept after a dispose (its script stays). */
        @Nullable String widgetUrl;
        /** That widget's prefix (its frame's id). */
        @Nullable String widgetPrefix;
        boolean otherWidgetSaid;
        /**
         * The CRM's answers waiting for the browser to fetch them, shared: any floating phone's fetch takes them, as
         * they go to the one widget, and a phone that shows fetches them (Vaadin holds a hidden one's scripts).
         */
        transient java.util.@Nullable List<CompletableFuture<String>> answers;
        /** The page's number of the message whose shared work is being claimed, and each target's claimed kinds. */
        transient int claimedSeq;
        transient java.util.@Nullable IdentityHashMap<Object, Set<String>> claimed;

        List<CompletableFuture<String>> answers() {
            if (answers == null) {
                answers = new ArrayList<>(); // transient: answers being worked on stayed in the old JVM
            }
            return answers;
        }

        /**
         * Whether the copy of message {@code seq} at hand is the first to claim this kind of work for this target:
         * the copies of one message reach the server one after another, before the next message's.
         */
        boolean claim(int seq, String kind, Object target) {
            if (claimed == null || seq != claimedSeq) {
                claimedSeq = seq;
                claimed = new java.util.IdentityHashMap<>();
            }
            return claimed.computeIfAbsent(target, t -> new java.util.HashSet<>()).add(kind);
        }
    }

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
        // What the page says for this component's host comes through the UI (PageMessageRelay), not this element:
        // Vaadin drops the events of an inert (outside a modal dialog), disabled or hidden element, and the widget's
        // must still come (a review's "Call from ..." dialog, opened at a ring, cut off the call's end, its log and
        // every CRM answer; a trial's hidden panel lost a ring and a call-out).
        getEventBus().addListener(ClientMessage.class, this::receive);
        getEventBus().addListener(ClientFrameRejected.class, this::frameRejected);
    }

    /**
     * Fires one of this component's events. Inside {@link #guarded}, what an application listener throws waits until
     * the component's own work is done (the CRM's registration, a call-out's answer, the dispatcher's event, the next
     * waiting command: it ran after the listeners and was lost), and is thrown then, to Vaadin's error handler, or to
     * the unit test that delivered the message.
     */
    private void tell(ComponentEvent<?> event) {
        try {
            fireEvent(event);
        } catch (RuntimeException e) {
            RuntimeException[] failed = LISTENER_FAILURES.get();
            if (failed == null) {
                throw e;
            }
            if (failed[0] == null) {
                failed[0] = e;
            } else if (failed[0] != e) {
                failed[0].addSuppressed(e);
            }
        }
    }

    /**
     * {@link #guarded} where nothing may be thrown (Vaadin's work before a response, a script's result): the listeners'
     * failures go to the session's error handler (a review: thrown before a response, Vaadin answered "Internal error"
     * and the view never showed).
     */
    private void guardedToErrorHandler(Runnable work) {
        try {
            guarded(work);
        } catch (RuntimeException e) {
            ErrorHandler handler = getUI().map(UI::getSession).map(VaadinSession::getErrorHandler).orElse(null);
            if (handler == null) {
                throw e;
            }
            handler.error(new ErrorEvent(e));
        }
    }

    /** Runs one thing the component does for the page or the application, throwing the listeners' failures last. */
    private static void guarded(Runnable work) {
        if (LISTENER_FAILURES.get() != null) {
            work.run(); // the outer one throws them
            return;
        }
        RuntimeException[] failed = new RuntimeException[1];
        LISTENER_FAILURES.set(failed);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            if (failed[0] != null && failed[0] != e) {
                e.addSuppressed(failed[0]);
            }
            throw e;
        } finally {
            LISTENER_FAILURES.remove();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** The rendered configuration this widget uses. */
    public Embeddable getEmbeddable() {
        return embeddable;
    }

    /** How the widget is embedded: the floating loader or an inline frame. */
    public Mode getMode() {
        return mode;
    }

    /** Whether the widget has reported that it is ready (its first login-status message, logged in or not). */
    public boolean isWidgetReady() {
        if (mode == Mode.INLINE) {
            return inlineReady;
        }
        return floating().map(f -> f.ready).orElse(false);
    }

    /** Whether the widget's last login-status message said a user is logged in. */
    public boolean isLoggedIn() {
        if (mode == Mode.INLINE) {
            return inlineLoggedIn;
        }
        return floating().map(f -> f.loggedIn).orElse(false);
    }

    /** How many commands may wait for the widget (default 50); when more come, the oldest is dropped. */
    public void setCommandQueueLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The command queue limit must be at least 1, not " + limit);
        }
        this.queueLimit = limit;
        while (queue.size() > limit) {
            drop(queue.removeFirst().command(), CommandDroppedEvent.Reason.QUEUE_FULL);
        }
    }

    /**
     * How long a command may wait for the widget (default one minute) before it is dropped (on time: the browser
     * keeps the timer and asks the server).
     */
    public void setCommandTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The command timeout must be positive, not " + timeout);
        }
        this.commandTimeout = timeout;
    }

    /**
     * Feeds this widget's events to the server-side {@link io.github.embeddable4j.core.event.WidgetEventListener}s of a
     * dispatcher (the same one the servlet bridge and the Spring starter use), so one listener, such as the graduation
     * tracker, serves every adapter. Each event is attributed to the Vaadin session (as an opaque key) and the
     * signed-in user ({@link #setUserResolver}). Without a call, the component feeds the application's published
     * dispatcher (in the servlet context under the class's name): with the Spring starter, its
     * {@code WidgetEventDispatcher} bean, so {@code @EventListener}s get the widget's events; without Spring, publish
     * yours, or set it here. Null stops feeding any.
     *
     * <p>The dispatcher is not written with a serialized session. When it is the application's published one (in the
     * servlet context under the class's name, as the Spring starter publishes its bean), a component read back finds it
     * again; otherwise set it again after the session is read back.
     *
     * <pre>{@code phone.setEventDispatcher(dispatcher);}</pre>
     */
    public void setEventDispatcher(@Nullable WidgetEventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.dispatcherSetTo = PublishedInContext.setTo(dispatcher, WidgetEventDispatcher.class);
    }

    /**
     * How events and call-outs name the signed-in user; by default ({@link UserResolver#standard()}) the user Spring
     * Security keeps in the session (with the starter), else the request's {@code getUserPrincipal()}. With a sign-in
     * of your own that keeps the user in the session, read it there: that works with push over a plain websocket too,
     * where the request is the websocket's ({@link UserResolver}).
     *
     * <pre>{@code phone.setUserResolver(UserResolver.sessionAttribute("user"));}</pre>
     */
    public void setUserResolver(UserResolver resolver) {
        this.userResolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Makes the application's CRM the widget's third-party service: registered with the widget after its first
     * login-status message, and every call-out ({@code rc-post-message-request}) answered by the service's providers
     * with the signed-in user as the caller ({@link #setUserResolver}), through this component's own connection (no
     * HTTP endpoint). The browser fetches answers as they complete, so a slow provider never holds the UI. Without a
     * call, the component takes the application's published service (the Spring starter publishes its
     * {@code ThirdPartyService} bean, made once there is a CRM provider bean). Null removes any.
     * Like the dispatcher, it is not written with a serialized session, and found again when it is the application's
     * published one (the Spring starter publishes a {@code ThirdPartyService} bean).
     *
     * <pre>{@code phone.setThirdPartyService(ThirdPartyService.builder("acme").contacts(myContacts).build());}</pre>
     */
    public void setThirdPartyService(@Nullable ThirdPartyService service) {
        this.service = service;
        this.serviceSetTo = PublishedInContext.setTo(service, ThirdPartyService.class);
    }

    /**
     * The "Connect RingCentral" link of this component's widget, coming back to {@code pathInContext} (a path in the
     * application, such as {@code /calls?tab=log}, with Vaadin's servlet mapping if it has one, {@code /app/calls}; the
     * link adds the context path): empty where the widget cannot sign
     * in once (sign in once off, or a tenant's widget without its own app) or outside a request. Asks what the
     * application published (the Spring starter with {@code login.enabled}, or {@code LoginHandoffFlow.publishIn}). The
     * link leaves Vaadin's router, so give the anchor {@code setRouterIgnore(true)}:
     *
     * <pre>{@code phone.connectHref("/calls").ifPresent(href -> { Anchor a = new Anchor(href, "Connect RingCentral"); a.setRouterIgnore(true); add(a); });}</pre>
     *
     * @throws IllegalArgumentException when {@code pathInContext} is no path in the application
     */
    public java.util.Optional<String> connectHref(String pathInContext) {
        return PublishedConnectLinks.href(embeddable, Objects.requireNonNull(pathInContext, "pathInContext"));
    }

    /**
     * {@link #connectHref(String)} coming back to a route: its path as the router gives it (a view with no route
     * parameters), under Vaadin's servlet mapping ({@code vaadin.url-mapping=/ui/*}), so a view's constructor need not
     * know the path it is being navigated to.
     *
     * <pre>{@code phone.connectHref(CallsView.class)}</pre>
     */
    public java.util.Optional<String> connectHref(Class<? extends com.vaadin.flow.component.Component> view) {
        String route = com.vaadin.flow.router.RouteConfiguration.forSessionScope().getUrl(Objects.requireNonNull(view, "view"));
        // the router's URLs are relative to Vaadin's servlet: "" mapped at /*, "/ui" at /ui/* (the page's, not a push
        // message's: PageRequest)
        PageRequest page = PageRequest.current(getUI().orElse(UI.getCurrent()));
        return connectHref((page == null ? "" : page.servletPath()) + "/" + route);
    }

    /**
     * Logs the widget in with a one-time login handoff from the server ("sign in once": see {@code LoginHandoffFlow}
     * in the servlet module), instead of its login popup. The widget is (re)loaded with it once: a floating widget's
     * loader is loaded again, an inline frame gets the handoff URL. The handoff is used once and then forgotten here;
     * never pass one that was already rendered. Where the application published its flow (the Spring starter with
     * {@code login.enabled}, or {@code LoginHandoffFlow.publishIn}), the first component attached in a request takes
     * the user's waiting handoff itself; call this for a handoff of your own:
     *
     * <pre>{@code var r = flow.takeHandoff(VaadinServletRequest.getCurrent()); if (r != null) { phone.setLoginHandoff(r.handoff()); r.rendered(); }}</pre>
     */
    public void setLoginHandoff(LoginHandoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        // The login replaces whoever the widget had (it takes the code whenever the externalAuthId differs): a logout
        // the sign-out mark queued would log out this new login.
        awaitNewLogin();
        getUI().ifPresent(ui -> floatingOf(ui).attached.forEach(RingCentralEmbeddable::awaitNewLogin));
        if (mode == Mode.INLINE) {
            inlineReady = false;
            inlineLoggedIn = false;
            serviceRegistered = false; // a new widget in the frame: register the service with it again
            getElement().getChild(0).setAttribute("src", embeddable.appUrlWithLoginHandoff(handoff));
            return;
        }
        String url = embeddable.adapterUrlWithLoginHandoff(handoff);
        getUI().ifPresentOrElse(ui -> reloadFloating(ui, url), () -> pendingHandoffUrl = url);
    }

    private void reloadFloating(UI ui, String adapterUrl) {
        Floating f = floatingOf(ui);
        f.loaded = true;
        f.widgetUrl = embeddable.adapterUrl();
        f.widgetPrefix = embeddable.config().prefix();
        f.ready = false;
        f.loggedIn = false;
        newFloatingWidget(f);
        if (isShowing() || showingPhoneOfThisWidget(f).isPresent()) {
            f.loadHeld = false;
            f.heldReloadUrl = null;
            reloadThroughPage(ui, adapterUrl);
        } else {
            // A hidden phone's reload waits until it shows, as its first load would (a review: the widget showed, and
            // its login reached no host): Vaadin runs this element's script then, and the server reloads with the
            // login it holds at that time
            f.loadHeld = true;
            f.heldReloadUrl = adapterUrl;
            getElement().executeJs("return true").then(Boolean.class, shown -> releaseHeldReload(ui));
        }
    }

    private void reloadThroughPage(UI ui, String adapterUrl) {
        ui.getPage().executeJs("window.embeddable4j.reloadAdapter($0, $1, window.Vaadin && window.Vaadin.Flow"
                + " && window.Vaadin.Flow.nonce, $2)", embeddable.config().prefix(), adapterUrl, embeddable.adapterUrl());
    }

    /** A held sign in once reload goes now, with this phone's host to hear its login, if it is still the UI's. */
    private void releaseHeldReload(UI ui) {
        Floating f = floatingOf(ui);
        String url = f.heldReloadUrl;
        if (url != null && f.loadHeld && isAttached() && embeddable.adapterUrl().equals(f.widgetUrl)) {
            f.loadHeld = false;
            f.heldReloadUrl = null;
            reloadThroughPage(ui, url);
        }
    }

    /**
     * A new floating widget in the UI: each component registers its service with it again, not only this one (the
     * UI's components share the one widget, and one of them may have registered with the old).
     */
    private void newFloatingWidget(Floating f) {
        serviceRegistered = false;
        f.attached.forEach(component -> component.serviceRegistered = false);
    }

    /** For tests: the id the page's glue knows this component's host by. */
    String hostId() {
        return hostId;
    }

    /** For tests: the clock that dates queued commands. */
    void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private java.util.Optional<Floating> floating() {
        return getUI().map(RingCentralEmbeddable::floatingOf);
    }

    /**
     * Sends the client glue with the UI's next response, once per UI (a reload makes a new UI), before the calls that
     * use it. Sent as script, not loaded by URL: as a static file of core's jar it depended on the container and on
     * Vaadin's static file server (a 500 for resources of WEB-INF/lib jars on Jetty 12.1.9 and later, Vaadin 24.9),
     * on security rules opening its path to anonymous visitors, and on a versioned URL to beat caching.
     */
    private static void sendGlueOnce(UI ui) {
        if (ComponentUtil.getData(ui, GLUE_SENT) == null) {
            ComponentUtil.setData(ui, GLUE_SENT, Boolean.TRUE);
            ui.getPage().executeJs(Glue.SCRIPT);
        }
    }

    /** The glue's text, read on first use. */
    private static final class Glue {
        static final String SCRIPT = new String(ClientGlue.bytes(), StandardCharsets.UTF_8)
                + "\n//# sourceURL=embeddable4j.js\n";
    }

    /**
     * The page has the servlet filter's widget and event script too (an exported web component on a page the filter
     * decorates, a trial's): the page's script leaves the widget's events and call-outs to the component, but the
     * filter's floating widget stays, beside an inline phone too. Said once; asked by the page's glue
     * ({@link PageHostRequest}, kind {@code filtered-page}), so a forged request only says it early.
     */
    static void sayFilteredPage() {
        if (FILTERED_PAGE_SAID.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a Vaadin component is on a page that also has"
                    + " the servlet filter's widget and event script (an exported web component on a page the filter"
                    + " gives the widget?): the component hears the widget and the page's script leaves it the events and"
                    + " call-outs, but the filter's floating widget is the one the page shows. Exclude the page from the"
                    + " filter (ringcentral.embeddable.inject.exclude-paths, or the filter's exclude-paths) and let the"
                    + " component load its widget.");
        }
    }

    private static Floating floatingOf(UI ui) {
        Floating f = ComponentUtil.getData(ui, Floating.class);
        if (f == null) {
            f = new Floating();
            ComponentUtil.setData(ui, Floating.class, f);
        }
        return f;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        sendGlueOnce(ui);
        // sign in once serves the widgets its flow signs in (a tenant's with its own app): another takes none of its marks
        boolean signInOnce = PublishedInContext.signsInOnce(embeddable);
        LoginHandoff waiting = pendingHandoffUrl == null && signInOnce ? PublishedInContext.takeHandoff(embeddable) : null;
        // A window leaving for the connect leaves the sign-out mark to the page it comes back to: that page drops it
        // when it carries the new login, and logs the old one out when the connection did not come through.
        boolean leaving = waiting == null && pendingHandoffUrl == null && signInOnce && PublishedInContext.takeConnect(embeddable, ui);
        if (!leaving) { // every widget takes the sign-out mark: one without sign in once may keep its own popup's login
            takeWidgetLogout();
        }
        if (waiting != null) { // used as one set before the attach
            if (mode == Mode.INLINE) {
                setLoginHandoff(waiting);
            } else {
                pendingHandoffUrl = embeddable.adapterUrlWithLoginHandoff(waiting);
            }
        }
        if (pendingHandoffUrl != null) {
            awaitNewLogin(); // the handoff set before the attach signs in the next user
        }
        // The origins go as JSON text, parsed by the glue: parameters, never part of the script.
        PageMessageRelay.of(ui).add(hostId, this);
        getElement().executeJs("window.embeddable4j.attachElement(this, $0, $1, JSON.parse($2), $3, $4, $5)", hostId,
                mode.name().toLowerCase(Locale.ROOT), originsJson(), embeddable.config().prefix(), MAX_MESSAGE_CHARS,
                ui.getElement());
        if (mode == Mode.FLOATING) {
            Floating f = floatingOf(ui);
            f.attached.add(this);
            if (pendingHandoffUrl == null && f.widgetUrl != null && !f.widgetUrl.equals(embeddable.adapterUrl())
                    && !sayIfOtherWidget(f)) {
                f.loaded = false; // the page's loader is another widget's, whose phones are gone: this one's replaces it
                f.loadHeld = false;
                f.heldReloadUrl = null; // the other widget's login
                if (f.answers != null) {
                    f.answers.clear(); // the other widget's call-outs: this one never asked (a review)
                }
            }
            if (pendingHandoffUrl != null) {
                String url = pendingHandoffUrl;
                pendingHandoffUrl = null;
                reloadFloating(ui, url);
            } else if (!f.loaded || (f.loadHeld && isShowing())) {
                if (!f.loaded) {
                    newFloatingWidget(f);
                    f.widgetUrl = embeddable.adapterUrl();
                    f.widgetPrefix = embeddable.config().prefix();
                    f.ready = false;
                    f.loggedIn = false;
                }
                f.loaded = true;
                if (f.loadHeld && f.heldReloadUrl != null && isShowing()) {
                    // the held load is sign in once's reload: this phone's host hears its login (a review: the plain
                    // widget loaded, not logged in)
                    releaseHeldReload(ui);
                } else {
                    // Vaadin holds a hidden element's scripts (its host would not be registered) and ignores its
                    // events: a hidden phone's widget loads when the phone shows, with the host, not on screen and deaf
                    // before. A phone shown later loads it at once (the glue loads one loader per page): the page's
                    // widget, which may be another's than this phone's (a warning said so); the held script loads the
                    // same later.
                    f.loadHeld = !isShowing();
                    String load = "window.embeddable4j.loadAdapter($0, window.Vaadin && window.Vaadin.Flow"
                            + " && window.Vaadin.Flow.nonce, $0, $1)";
                    if (f.loadHeld) {
                        getElement().executeJs(load, f.widgetUrl, embeddable.config().prefix());
                    } else {
                        ui.getPage().executeJs(load, f.widgetUrl, embeddable.config().prefix());
                    }
                }
            }
            if (f.answers != null && !f.answers.isEmpty() && isShowing() && embeddable.config().prefix().equals(f.widgetPrefix)) {
                fetchAnswersThrough(this); // answers left by a phone that went (a view change): their fetch went with it
            }
        }
        // attachElement goes out with the element's scripts, before the response; a command posted through the page
        // now would reach the browser first and find no host (a review: a floating phone joining a logged-in widget
        // lost the call its view made, yet said it was sent). What waits goes after it, in the same response.
        attachPending = true;
        ui.beforeClientResponse(this, context -> {
            attachPending = false;
            hostInPage |= isShowing();
            guardedToErrorHandler(this::flush);
        });
    }

    /**
     * Whether the page has this component's host, as far as the server can tell: it shows, or showed at its attach's
     * response (Vaadin sends a hidden element's scripts, the host's registration among them, only once it shows), or
     * the page has handed it a message. Not known: one attached hidden that showed and was hidden again without
     * hearing anything. For {@link io.github.embeddable4j.vaadin.testing.SimulatedWidget}.
     */
    boolean hostInPage() {
        return hostInPage || isShowing();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        UI ui = event.getUI();
        ui.getPage().executeJs("window.embeddable4j.detach($0)", hostId);
        PageMessageRelay.of(ui).remove(hostId);
        attachPending = false;
        hostInPage = false;
        wakeAt = null; // the browser's timer goes with the host
        if (mode == Mode.INLINE) {
            inlineReady = false; // an inline frame starts over when it is attached again
            inlineLoggedIn = false;
            serviceRegistered = false;
            return;
        }
        Floating f = floatingOf(ui);
        f.attached.remove(this);
        if (f.answers != null && !f.answers.isEmpty()) {
            // its host's fetch ends with it: another floating phone of the widget that shows takes the answers on
            // (one of another prefix has no frame to give them to: a review)
            phoneOfThisWidgetInPage(f).ifPresent(RingCentralEmbeddable::fetchAnswersThrough);
        }
        if (f.attached.isEmpty() && !f.disposeCheckPending) {
            // Decided when the round trip is done: a view change detaches one floating component and attaches the next.
            f.disposeCheckPending = true;
            ui.beforeClientResponse(ui, context -> {
                f.disposeCheckPending = false;
                if (f.attached.isEmpty() && f.loaded) {
                    ui.getPage().executeJs("window.embeddable4j.disposeFloating($0)", embeddable.config().prefix());
                    f.loaded = false;
                    if (f.answers != null) {
                        f.answers.clear(); // the widget that asked is gone
                    }
                    f.loadHeld = false;
                    f.heldReloadUrl = null; // a later phone does not replay this login's one-time code (a review)
                    f.ready = false;
                    f.loggedIn = false;
                }
            });
        }
    }

    /**
     * A page runs one floating widget, and its loader stays on the page after a dispose: a floating phone of another
     * widget (another client ID, app server, parameter or prefix) replaces it when no phone of it is attached, and
     * otherwise joins it, which is said once per UI. True when it joins.
     */
    private boolean sayIfOtherWidget(Floating f) {
        List<RingCentralEmbeddable> others = f.attached.stream().filter(c -> c != this)
                .filter(c -> !c.embeddable.adapterUrl().equals(embeddable.adapterUrl())).toList();
        if (others.isEmpty()) {
            return false;
        }
        if (!f.otherWidgetSaid) {
            f.otherWidgetSaid = true;
            String first = others.get(0).embeddable.config().prefix();
            String mine = embeddable.config().prefix();
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a floating phone of another widget ({0}) joined"
                    + " a UI whose floating widget ({1}) runs; a page has one floating widget, so this phone "
                    + (first.equals(mine) ? "shows and commands the first one"
                            : "hears and commands neither (its prefix " + mine + " is not the widget''s, " + first + ")")
                    + ". Give a second widget Mode.INLINE, or detach the first widget''s phones before attaching this"
                    + " one.", embeddable.adapterUrl(), f.widgetUrl);
        }
        return true;
    }

    private String originsJson() {
        StringBuilder sb = new StringBuilder("[");
        for (String origin : embeddable.widgetOrigins().all()) {
            sb.append(sb.length() == 1 ? "" : ",").append('"').append(origin).append('"'); // validated origins: no quotes
        }
        return sb.append(']').toString();
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    /**
     * Opens the dialer with the number ({@code rc-adapter-new-call}); the user presses Call. Needs a login.
     *
     * @throws IllegalArgumentException when the number is null or blank (a dial button over an empty field: check it
     *         first, or Vaadin's error handler logs the exception)
     */
    public void call(String phoneNumber) {
        call(phoneNumber, false);
    }

    /**
     * Opens the dialer with the number, and dials at once when {@code dialImmediately}. Needs a login.
     *
     * @throws IllegalArgumentException when the number is null or blank
     */
    public void call(String phoneNumber, boolean dialImmediately) {
        send(WidgetCommand.newCall(phoneNumber, dialImmediately));
    }

    /**
     * Opens a new SMS to the number with the text filled in; the user presses Send. Needs a login.
     *
     * @throws IllegalArgumentException when the number is null or blank
     */
    public void sms(String phoneNumber, @Nullable String text) {
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

    /** Acts on a browser call (a null id: the ringing or active call). Needs a login. */
    public void controlCall(CallAction action, @Nullable String callId) {
        send(WidgetCommand.controlCall(action, callId));
    }

    /** Sets the user's presence; either may be null to leave it unchanged. Needs a login. */
    public void setPresence(@Nullable UserStatus userStatus, @Nullable DndStatus dndStatus) {
        send(WidgetCommand.setPresence(userStatus, dndStatus));
    }

    /**
     * The application's sign-out left its mark for the next page (the starter's {@code login.logout-widget}, or
     * {@code LoginHandoffFlow.logOutWidget}): the widget logs its RingCentral user out before any other command, so
     * the next person at this browser does not inherit the phone. Taken once per request, by the first component. The
     * logout waits for the widget to report a login, restored from its storage (it may report none first, while it
     * reads it); a fresh login, made in its popup, is the new user's own and drops it. The mark stays until then: the
     * browser clears it when the logout is sent ({@link #postSignOutLogout}) or dropped ({@link #clearSignOutMark}), as
     * a tab closed before its widget loaded would otherwise lose it. The request's cookies may be older than the
     * browser's (a websocket push message carries its handshake's): the page checks the mark again before it posts.
     */
    private void takeWidgetLogout() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null || request.getAttribute(WidgetLogoutCookie.NAME) != null) {
            return;
        }
        // Set in this very request (a sign-in in a UI event, then UI.navigate here), or by an earlier one.
        boolean setHere = request.getAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE) != null;
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (setHere || cookies != null && java.util.Arrays.stream(cookies)
                .anyMatch(cookie -> WidgetLogoutCookie.NAME.equals(cookie.getName()))) {
            request.removeAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE);
            request.setAttribute(WidgetLogoutCookie.NAME, Boolean.TRUE);
            if (signOutLogout != null) { // queued at an earlier attach: one guarded logout, not a second plain one
                signOutMarkedHere |= setHere; // (a review: reattached, the first became an ordinary queued logout)
                return;
            }
            signOutLogout = new Queued(WidgetCommand.logout(), clock.instant());
            signOutMarkedHere = setHere;
            queue.addFirst(signOutLogout);
        }
    }

    /** The widget reported a fresh login, the new user's own: the sign-out mark has done its work. */
    private void dropSignOutLogout() {
        if (signOutLogout != null || markAwaitsLogin) {
            removeSignOutLogout();
            markAwaitsLogin = false;
            clearSignOutMark(); // a new login replaces whoever the widget had
        }
    }

    /** Takes the sign-out's own logout from the queue, not one the application queued (equal commands are equal). */
    private void removeSignOutLogout() {
        Queued mark = signOutLogout;
        queue.removeIf(queued -> queued == mark);
        signOutLogout = null;
    }

    /**
     * A login handoff signs in the next user, which replaces whoever the widget had: the sign-out's logout would end
     * that login, so it goes; the mark stays until the widget reports the login ({@link #dropSignOutLogout}). Cleared
     * at once, it was lost with a page left before the widget used the code, and the next page's widget restored the
     * previous user's login (a WebFlux trial).
     */
    private void awaitNewLogin() {
        if (signOutLogout != null) {
            removeSignOutLogout();
            markAwaitsLogin = true;
        }
    }

    /**
     * Sends any command built with {@link WidgetCommand}: now when the widget can act on it, else queued until it can
     * (see the class comment for limits).
     */
    public void send(WidgetCommand command) {
        Objects.requireNonNull(command, "command");
        guarded(() -> sendNow(command));
    }

    private void sendNow(WidgetCommand command) {
        // From a thread without the session's lock the command went out unnoticed at some later round trip, or with
        // another request's changes: say so, as Vaadin's own components do (an exception in development mode).
        getUI().map(UI::getSession).ifPresent(session -> session.checkHasLock("A RingCentralEmbeddable command ("
                + command.type() + ") was sent from a thread without the UI's lock: send it inside ui.access(() -> ...), as"
                + " any change to a component from another thread."));
        expire();
        if (isAttached() && !attachPending && canSend(command) && queue.isEmpty()) {
            post(command);
            return;
        }
        if (!isAttached()) {
            sayIfStray(command);
        }
        queue.addLast(new Queued(command, clock.instant()));
        while (queue.size() > queueLimit) {
            drop(queue.removeFirst().command(), CommandDroppedEvent.Reason.QUEUE_FULL);
        }
        flush();
    }

    /**
     * A command to a floating phone that is not attached, in a request of a UI where another floating phone is: most
     * likely not the phone on screen, and it waits for an attach that may never come, with no event (its timer is the
     * browser's). A trial's {@code @UIScope} phone after a {@code @PreserveOnRefresh} refresh was such a one: Vaadin
     * keeps the layout with the old UI's bean, and views built later get the new UI's. Said once per component, at
     * the end of the round trip (a view's own floating phone, sent a command in the view's constructor, is attached
     * by then).
     */
    private void sayIfStray(WidgetCommand command) {
        UI ui = mode == Mode.FLOATING && !straySaid ? UI.getCurrent() : null;
        if (ui == null) {
            return;
        }
        straySaid = true; // asked once: a view's own phone, made and sent to in its constructor, is attached by now
        ui.beforeClientResponse(ui, context -> {
            Floating f = ComponentUtil.getData(ui, Floating.class);
            if (!isAttached() && f != null && !f.attached.isEmpty() && STRAY_SAID.getAndUpdate(n -> Math.min(n + 1, 20)) < 20) {
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a " + command.type() + " command went to a"
                        + " floating phone that is not attached, while another floating phone of this UI is: it waits until"
                        + " this one is attached, and is dropped then if it has expired. Send it to the phone on the page:"
                        + " a @UIScope bean made after a @PreserveOnRefresh refresh is a new one, not the phone the preserved"
                        + " layout holds (said once per component, for 20 at most).");
            }
        });
    }

    /** Commands waiting for the widget, oldest first. */
    public List<WidgetCommand> getQueuedCommands() {
        return queue.stream().map(Queued::command).toList();
    }

    private boolean canSend(WidgetCommand command) {
        return isWidgetReady() && (!command.requiresLogin() || isLoggedIn());
    }

    private void post(WidgetCommand command) {
        // The JSON is a parameter, never part of the script text. On the page, not the element: Vaadin holds an
        // element's script while it is detached, so a command sent in the round trip that detaches the component (a
        // click that calls, then navigates) would be lost, or run before the host is back.
        UI ui = getUI().orElseThrow(); // only sent while attached
        ui.getPage().executeJs("window.embeddable4j.post($0, $1)", hostId, command.toJson());
        if (command.type().equals(WidgetCommand.logout().type())) {
            loggedOut();
        }
        tell(new CommandSentEvent(this, command));
    }

    /** The page did not post the sign-out's logout: what needs a user goes to the login the widget still has. */
    private void loggedInAgain() {
        if (mode == Mode.INLINE) {
            inlineLoggedIn = true;
            flush();
        } else {
            floating().ifPresent(f -> {
                f.loggedIn = true;
                List.copyOf(f.attached).forEach(RingCentralEmbeddable::flush);
            });
        }
    }

    /** Logged out now: what needs a user waits for the next login, not for the user who just left. */
    private void loggedOut() {
        if (mode == Mode.INLINE) {
            inlineLoggedIn = false;
        } else {
            floating().ifPresent(f -> f.loggedIn = false);
        }
    }

    /**
     * The sign-out's mark has been acted on: the browser clears its cookie (the glue's {@code clearLogoutMark}), in
     * the same answer. Through the page, not a header: a websocket push connection has no response to carry one.
     */
    private void clearSignOutMark() {
        getUI().ifPresent(ui -> ui.getPage().executeJs("window.embeddable4j.clearLogoutMark()"));
    }

    /**
     * Sends the sign-out's logout through the page, which posts it only while the browser still has the mark (or this
     * request set it), and then clears it. The page decides, not this request's cookies: another tab may have acted on
     * the mark since (logged the old login out, or seen the new user's fresh login, shared through the widget's
     * storage), and a websocket push message carries the cookies of its handshake, which still show a mark this page
     * acted on. Logged out meanwhile, as after any logout; when the page did not post it, the widget's login stands
     * again, unless the widget reported another state since.
     */
    private void postSignOutLogout(boolean markedHere) {
        UI ui = getUI().orElseThrow(); // only sent while attached
        int reports = loginReports;
        ui.getPage().executeJs("return window.embeddable4j.signOutLogout($0, $1, $2)", hostId,
                        WidgetCommand.logout().toJson(), markedHere)
                .then(Boolean.class, posted -> {
                    if (!Boolean.TRUE.equals(posted) && loginReports == reports && isAttached()) {
                        guardedToErrorHandler(this::loggedInAgain);
                    }
                });
        loggedOut();
    }

    /** Sends, in order, every waiting command the widget can act on now; drops the expired ones. */
    private void flush() {
        expire();
        if (!isAttached() || attachPending) { // attaching: flushed once attachElement is out (see onAttach)
            return;
        }
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            // The sign-out's logout is for a login the widget restored: it waits for one (see signedIn)
            if (q == signOutLogout ? isWidgetReady() && isLoggedIn() : canSend(q.command())) {
                it.remove();
                if (q == signOutLogout) {
                    signOutLogout = null;
                    postSignOutLogout(signOutMarkedHere);
                } else {
                    post(q.command());
                }
            }
        }
        wakeForExpiry();
    }

    /**
     * Sets the browser's timer for the oldest waiting command's expiry, unless one is set for that time or earlier:
     * without it, a command to a widget that never becomes ready would be dropped only when the component next acts.
     */
    private void wakeForExpiry() {
        Instant deadline = null;
        for (Queued q : queue) {
            Instant d = q.since().plus(commandTimeout);
            deadline = deadline == null || d.isBefore(deadline) ? d : deadline;
        }
        if (deadline == null || (wakeAt != null && !deadline.isBefore(wakeAt))) {
            return;
        }
        wakeAt = deadline;
        // An int, as executeJs takes and setTimeout holds (a longer wait wakes early and sets the timer again).
        long wait = Math.max(0, Duration.between(clock.instant(), deadline).toMillis()) + 50;
        int millis = (int) Math.min(Integer.MAX_VALUE, wait);
        // Through the page where it has the host (Vaadin holds a hidden element's scripts); else with the element's,
        // which go once it shows, after its host's registration: also while attaching, as a page script would reach
        // the browser before the host (a review: a phone moved to another layout lost its timer)
        String wake = "window.embeddable4j.wakeAfter($0, $1)";
        UI ui = getUI().orElse(null);
        if (ui != null && hostInPage() && !attachPending) {
            ui.getPage().executeJs(wake, hostId, millis);
        } else {
            getElement().executeJs(wake, hostId, millis);
        }
    }

    /**
     * Called when the browser's timer asks through the UI ({@link PageHostRequest}, kind {@code expire}; see
     * {@link #wakeForExpiry()}): drops what has waited too long.
     */
    void expireWaiting() {
        guarded(() -> {
            wakeAt = null;
            expire();
            wakeForExpiry();
        });
    }

    private void expire() {
        Instant oldest = clock.instant().minus(commandTimeout);
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            if (q.since().isBefore(oldest)) {
                it.remove();
                if (q == signOutLogout) { // the sign-out mark's, not the application's: no event (its mark stays)
                    LOG.log(System.Logger.Level.DEBUG, "RingCentral Embeddable: the sign-out's logout expired unsent");
                } else {
                    drop(q.command(), CommandDroppedEvent.Reason.EXPIRED);
                }
            }
        }
    }

    private void drop(WidgetCommand command, CommandDroppedEvent.Reason reason) {
        LOG.log(System.Logger.Level.DEBUG, "RingCentral Embeddable: dropped {0} ({1})", command.type(), reason);
        tell(new CommandDroppedEvent(this, command, reason));
    }

    private void loginStatus(boolean loggedIn) {
        if (mode == Mode.INLINE) {
            inlineReady = true;
            inlineLoggedIn = loggedIn;
        } else {
            floating().ifPresent(f -> {
                if (!sharedWorkIsMine("login", c -> f)) { // all share the widget itself
                    // The glue hands the one widget's message to every floating component: the first applies it, once
                    // for all. A second copy would undo what the first flush did (a logout it sent, then a command
                    // waiting behind it going to the logged-out widget).
                    return;
                }
                f.ready = true;
                f.loggedIn = loggedIn;
                // Every floating component of the UI shares the widget: let each send what it was holding.
                List.copyOf(f.attached).forEach(RingCentralEmbeddable::flush);
            });
        }
        flush();
    }

    // ---- events -----------------------------------------------------------------------------------------------

    private void receive(ClientMessage message) {
        hostInPage = true;
        receivingSeq = message.seq();
        receivingFloating = floating().orElse(null);
        try {
            guarded(() -> take(message));
        } finally {
            receivingSeq = null;
            receivingFloating = null;
        }
    }

    private void take(ClientMessage message) {
        String json = message.json();
        if (json == null || json.length() > MAX_MESSAGE_CHARS) {
            LOG.log(System.Logger.Level.DEBUG, "RingCentral Embeddable: dropped a client message without JSON or over {0} chars",
                    MAX_MESSAGE_CHARS);
            return;
        }
        WidgetEvent event;
        try {
            event = WidgetEvents.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "RingCentral Embeddable: dropped a client message that is not a widget message: {0}",
                    e.getMessage());
            return;
        }
        if (message.tooLarge()) {
            if (event instanceof WidgetEvent.PostMessageRequest) {
                serve(event, true); // a call-out's id, path and trigger: answered "too-large"; no event of it
            } else {
                tooLargeDropped(event.type()); // the glue sent its type only
            }
            return;
        }
        boolean client = message.isFromClient();
        if (event instanceof WidgetEvent.LoginStatus status) {
            loginReports++;
            // A fresh login (the widget's popup, or the handoff's code used) is the new user's, not the signed-out
            // user's; so is a login the widget kept for the handoff it was given (a frame loaded again with the same
            // handoff, as the page's glue tells), never reported as fresh: a component waiting for it ends the mark.
            if (status.loggedIn() && (Boolean.TRUE.equals(status.freshLogin())
                    || (message.keptForHandoff() && markAwaitsLogin))) {
                dropSignOutLogout();
                getUI().ifPresent(ui -> floatingOf(ui).attached.forEach(RingCentralEmbeddable::dropSignOutLogout));
            }
            loginStatus(status.loggedIn());
            tell(new LoginStatusEvent(this, client, status));
        } else if (event instanceof WidgetEvent.CallEvent call) {
            if (call.phase() == CallPhase.RING) {
                tell(new CallRingEvent(this, client, call.call()));
            } else if (call.phase() == CallPhase.START) {
                tell(new CallStartEvent(this, client, call.call()));
            } else if (call.phase() == CallPhase.END) {
                tell(new CallEndEvent(this, client, call.call()));
            }
        } else if (event instanceof WidgetEvent.RingOutCall ringOut) {
            tell(new RingOutCallEvent(this, client, ringOut.call()));
        } else if (event instanceof WidgetEvent.MessageEvent m) {
            tell(m.inbound() ? new InboundMessageEvent(this, client, m.message())
                    : new MessageUpdatedEvent(this, client, m.message()));
        } else if (event instanceof WidgetEvent.Presence presence) {
            tell(new PresenceEvent(this, client, presence));
        } else if (event instanceof WidgetEvent.RouteChanged route) {
            tell(new RouteChangedEvent(this, client, route.path()));
        } else if (event instanceof WidgetEvent.DialerStatus dialer) {
            tell(new DialerReadyEvent(this, client, dialer.ready()));
        }
        tell(new WidgetMessageEvent(this, client, event));
        if (!message.pageTold()) {
            feed(event);
        }
        if (message.pageRegistered()) {
            // the widget has the page's registration: not again now, nor at its next status (a review: postponed only)
            serviceRegistered = true;
            if (mode != Mode.INLINE) { // the UI's floating components share the one widget
                getUI().ifPresent(ui -> floatingOf(ui).attached.forEach(c -> c.serviceRegistered = true));
            }
        } else {
            serve(event, false);
        }
    }

    /**
     * Whether this component does the work a message asks of its dispatcher or service: every floating component of a
     * UI gets each message of their one widget, so only one with the same dispatcher (or service) does it, once: the
     * first to hear the page's copy of it, or, for a message without the page's number (a test's own event),
     * the first attached that shows. Each still fires its own component events.
     */
    private boolean sharedWorkIsMine(String kind, Function<RingCentralEmbeddable, @Nullable Object> target) {
        if (mode == Mode.INLINE) {
            return true;
        }
        Integer seq = receivingSeq;
        Floating f = receivingFloating != null ? receivingFloating : floating().orElse(null);
        if (f == null) {
            return true;
        }
        if (seq != null) {
            // the first copy heard does it, hidden or not (a review: a listener that showed a hidden phone between two
            // copies left the login applied by neither; another: a hidden one that left it to one that shows lost it
            // when that one's copy never came); a hidden one's CRM answers are fetched by one that shows
            Object mine = target.apply(this);
            return f.claim(seq, kind, mine == null ? f : mine);
        }
        return heardFirst(f, target) == this;
    }

    /**
     * The floating component that does the work shared with this one (same {@code target}): the first attached that
     * hears the widget. Vaadin ignores the events of a hidden component (or one in a hidden layout): the first attached
     * of a UI may be one, and the others would leave its work undone.
     */
    private RingCentralEmbeddable heardFirst(Floating f, Function<RingCentralEmbeddable, @Nullable Object> target) {
        Object mine = target.apply(this);
        List<RingCentralEmbeddable> sharing = f.attached.stream().filter(c -> target.apply(c) == mine).toList();
        return sharing.stream().filter(RingCentralEmbeddable::isShowing).findFirst()
                .orElse(sharing.isEmpty() ? this : sharing.get(0));
    }

    /** Whether this component and every parent are visible: Vaadin sends a hidden one's events and scripts nowhere. */
    private boolean isShowing() {
        for (Component c = this; c != null; c = c.getParent().orElse(null)) {
            if (!c.isVisible()) {
                return false;
            }
        }
        return true;
    }

    // ---- the third-party service, through Vaadin's own channel ---------------------------------------------------

    /** Posts an answer (and its follow-ups, such as an alert) to the widget in this round trip. */
    private void answerNow(ServiceAnswer answer, String requestId) {
        List<String> messages = new ArrayList<>();
        messages.add(answer.envelope(requestId).toJson());
        answer.followUps().forEach(c -> messages.add(c.toJson()));
        getUI().ifPresent(ui -> messages.forEach(m -> ui.getPage().executeJs("window.embeddable4j.post($0, $1)", hostId, m)));
    }

    private static void tooLargeDropped(String type) {
        // From the browser: a name of the widget's shape only (no line breaks to forge log lines with), a few in all
        if (WIDGET_TYPE.matcher(type).matches() && TOO_LARGE_SAID.size() < 50 && TOO_LARGE_SAID.add(type)) {
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a " + type + " message from the widget was"
                    + " over " + MESSAGE_LIMIT + ", and was dropped: no listener got it (logged once per message type)");
        }
    }

    private void serve(WidgetEvent event, boolean tooLarge) {
        ThirdPartyService service = service();
        if (service == null) {
            if (event instanceof WidgetEvent.PostMessageRequest && !unservedSaid && serviceSetTo == PublishedInContext.SetTo.UNSET
                    && UNSERVED_SAID.getAndUpdate(n -> Math.min(n + 1, 20)) < 20) { // stays at 20: never wraps round
                // the widget registers a service only when the component has one: a call-out to one never given any
                // (null is "none", said by the application) is a test's (SimulatedWidget) whose services were published
                // where this component does not look (a trial)
                unservedSaid = true;
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a CRM call-out (rc-post-message-request)"
                        + " reached a component without a ThirdPartyService, so it goes unanswered (said once per"
                        + " component, for 20 at most). Give it one with setThirdPartyService, or publish the application's in the servlet"
                        + " context under the name " + ThirdPartyService.class.getName() + ": the Spring starter does so in"
                        + " the servlet container's; a Karibu-Testing servlet has a context of its own, publish it there too.");
            }
            return;
        }
        if (!sharedWorkIsMine("service", RingCentralEmbeddable::service)) {
            return;
        }
        boolean full = answers().size() >= MAX_UNFETCHED_ANSWERS;
        if ((full || tooLarge) && event instanceof WidgetEvent.PostMessageRequest request) {
            // Over the message limit (the glue sent its id, path and trigger only), or a burst, or a browser that
            // stopped fetching: an answer at once, in this round trip, rather than a provider run for an answer that
            // would wait behind the others, or nothing until the widget's timeout.
            String id = request.requestId();
            if (id != null && validRequestId(id)) {
                answerNow(tooLarge ? service.tooLarge(request.path(), request.body(), MESSAGE_LIMIT)
                        : service.busy(request.path(), request.body()), id);
            }
            return;
        }
        if (tooLarge) {
            return;
        }
        if (full) {
            return; // a registration waits for the next login status
        }
        Caller caller = caller();
        if (event instanceof WidgetEvent.LoginStatus && !serviceRegistered) {
            serviceRegistered = true;
            answerLater(service.registration(caller).thenApply(command -> ServiceRelay.reply(List.of(command), null)));
        } else if (event instanceof WidgetEvent.PostMessageRequest request) {
            String id = request.requestId();
            if (id == null || !validRequestId(id)) {
                return;
            }
            // the HTTP transport's reply: its messages, and the page a provider returned, which the glue opens
            // (a review: "View contact details" did nothing in Vaadin)
            answerLater(service.answer(request.path(), request.body(), caller).thenApply(answer -> ServiceRelay.reply(answer, id)));
        }
    }

    private static boolean validRequestId(String id) {
        return !id.isEmpty() && id.length() <= 200;
    }

    private void answerLater(CompletableFuture<String> answer) {
        answers().add(answer);
        fetchAnswersThrough(answerFetcher());
    }

    /** Asks the page to fetch the answers for this host: through the page, which Vaadin does not hold for hidden ones. */
    private static void fetchAnswersThrough(RingCentralEmbeddable fetcher) {
        fetcher.getUI().ifPresent(ui -> ui.getPage().executeJs("window.embeddable4j.fetchAnswers($0)", fetcher.hostId));
    }

    /** The page asked for this host's answers ({@link PageHostRequest}, kind {@code answers}): they go back through the page. */
    void answersAsked() {
        String answers = serviceAnswers();
        getUI().ifPresent(ui -> ui.getPage().executeJs("window.embeddable4j.answersArrived($0, $1)", hostId, answers));
    }

    /** The answers this component's fetch takes: a floating one's are its UI's floating phones'. */
    private List<CompletableFuture<String>> answers() {
        Floating f = mode == Mode.FLOATING ? floating().orElse(null) : null;
        return f == null ? serviceAnswers : f.answers();
    }

    /**
     * The component whose host the page asks the answers for: this one, or, where the page has no host of it (hidden
     * since its attach), a floating phone of the same widget whose host it has.
     */
    private RingCentralEmbeddable answerFetcher() {
        if (mode == Mode.INLINE || hostInPage()) {
            return this;
        }
        return floating().flatMap(this::phoneOfThisWidgetInPage).orElse(this);
    }

    /**
     * An attached floating phone of the UI whose host the page has and that hears this one's widget (the same prefix),
     * one that shows first; the page asks for answers through any of them (a review: answers left by a phone that went
     * waited where the only other phone was hidden after it showed).
     */
    private java.util.Optional<RingCentralEmbeddable> phoneOfThisWidgetInPage(Floating f) {
        String prefix = embeddable.config().prefix();
        return showingPhoneOfThisWidget(f).or(() -> f.attached.stream()
                .filter(c -> c.hostInPage() && c.embeddable.config().prefix().equals(prefix)).findFirst());
    }

    /**
     * An attached floating phone of the UI that shows and hears this one's widget (the same prefix, by which the page
     * finds the frame), if any.
     */
    private java.util.Optional<RingCentralEmbeddable> showingPhoneOfThisWidget(Floating f) {
        String prefix = embeddable.config().prefix();
        return f.attached.stream().filter(c -> c.isShowing() && c.embeddable.config().prefix().equals(prefix)).findFirst();
    }

    /**
     * The replies of every call-out completed since the last call (each the HTTP transport's, which the glue delivers
     * alike: messages to the widget, a page to open), and how many are still pending, as JSON text; taken when the
     * page asks ({@link #answersAsked}).
     */
    String serviceAnswers() {
        StringBuilder out = new StringBuilder("{\"replies\":[");
        boolean first = true;
        // each as it completes: behind a slow search, a Do Not Contact answer due in 3 s waited for it (a review)
        List<CompletableFuture<String>> waiting = answers();
        for (java.util.Iterator<CompletableFuture<String>> it = waiting.iterator(); it.hasNext(); ) {
            CompletableFuture<String> answer = it.next();
            if (!answer.isDone()) {
                continue;
            }
            it.remove();
            String reply = answer.isCompletedExceptionally() ? null : answer.getNow(null);
            if (reply != null) {
                out.append(first ? "" : ",").append(reply);
                first = false;
            }
        }
        return out.append("],\"pending\":").append(waiting.size()).append('}').toString();
    }

    private Caller caller() {
        VaadinSession session = VaadinSession.getCurrent();
        String key = session == null || session.getSession() == null ? null
                : ReceivedWidgetEvent.sessionKeyOf(session.getSession().getId());
        return new Caller(user(), key, embeddable, pageHost());
    }

    /** The signed-in user, as the application's resolver names them; nobody when it fails (logged). */
    private java.security.@Nullable Principal user() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return null;
        }
        try {
            return userResolver.user(request);
        } catch (RuntimeException e) {
            // With its stack trace once per component, then one line each: a resolver that always throws floods no log
            System.Logger.Level level = resolverFailed ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            resolverFailed = true;
            LOG.log(level, "RingCentral Embeddable: the user resolver threw; the event or call-out names nobody",
                    level == System.Logger.Level.WARNING ? e : null);
            return null;
        }
    }

    /**
     * The host name the server resolved for the UI's page ({@code getServerName()}), as events and call-outs carry it:
     * the page request's, not a push message's ({@link PageRequest}).
     */
    private @Nullable String pageHost() {
        PageRequest page = PageRequest.current(getUI().orElse(UI.getCurrent()));
        return page == null ? null : page.host();
    }

    private void feed(WidgetEvent event) {
        WidgetEventDispatcher dispatcher = dispatcher();
        if (dispatcher == null || !dispatcher.wants(event.type()) || !sharedWorkIsMine("dispatcher", RingCentralEmbeddable::dispatcher)) {
            return;
        }
        if (event.json().length() > MAX_DISPATCHED_CHARS) {
            // the bridge's limit for an event: the dispatcher's queue is the application's, shared, and a page can send
            // any message (a review: 400 forged ones of 256 KiB held 105 MB behind a slow listener)
            if (LARGE_EVENT_SAID.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a widget message of " + event.json().length()
                        + " characters (" + event.type() + ") was not handed to the event dispatcher: events over "
                        + MAX_DISPATCHED_CHARS + " characters are refused, as by the HTTP bridge (said once)");
            }
            return;
        }
        VaadinSession session = VaadinSession.getCurrent();
        String key = session == null || session.getSession() == null ? null
                : ReceivedWidgetEvent.sessionKeyOf(session.getSession().getId());
        java.security.Principal user = user();
        String page = session == null || session.getSession() == null ? null : ReceivedWidgetEvent.pageKeyOf(
                session.getSession().getId(), getUI().map(ui -> String.valueOf(ui.getUIId())).orElse("?") + ":" + hostId);
        dispatcher.dispatch(new ReceivedWidgetEvent(event, key, user, clock.instant(), ReceivedWidgetEvent.Channel.VAADIN, page,
                embeddable, pageHost()));
    }

    // ---- services after a serialized session is read back ---------------------------------------------------------

    private @Nullable WidgetEventDispatcher dispatcher() {
        if (dispatcher == null && dispatcherSetTo == PublishedInContext.SetTo.UNSET) {
            // never set: the application's, as the starter publishes it (a trial left the setter out and its
            // @EventListener got nothing); looked up again until there is one
            dispatcher = (WidgetEventDispatcher) PublishedInContext.published(WidgetEventDispatcher.class);
        } else if (dispatcher == null && dispatcherSetTo != PublishedInContext.SetTo.NOTHING) {
            dispatcher = PublishedInContext.readBack(WidgetEventDispatcher.class, dispatcherSetTo, "event dispatcher", "setEventDispatcher",
                    "its listeners do not get this widget's events");
            dispatcherSetTo = dispatcher == null ? PublishedInContext.SetTo.NOTHING : dispatcherSetTo;
        }
        return dispatcher;
    }

    private @Nullable ThirdPartyService service() {
        if (service == null && serviceSetTo == PublishedInContext.SetTo.UNSET) {
            service = (ThirdPartyService) PublishedInContext.published(ThirdPartyService.class);
        } else if (service == null && serviceSetTo != PublishedInContext.SetTo.NOTHING) {
            service = PublishedInContext.readBack(ThirdPartyService.class, serviceSetTo, "third-party service", "setThirdPartyService",
                    "the widget's CRM call-outs go unanswered");
            serviceSetTo = service == null ? PublishedInContext.SetTo.NOTHING : serviceSetTo;
        }
        return service;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        serviceAnswers = new ArrayList<>(); // answers being worked on stayed in the old JVM: the widget times them out
    }

    private void frameRejected(ClientFrameRejected rejected) {
        String origin = rejected.origin();
        // From the browser, so from anyone: only an origin (no line breaks to forge log lines with), a few per component
        if (origin == null || !FrameOriginWarnings.isOrigin(origin) || rejectedOrigins.size() >= MAX_REJECTED_ORIGINS
                || !rejectedOrigins.add(origin)) {
            return;
        }
        if (ORIGIN_WARNINGS.shouldSay(origin)) {
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: the widget frame runs on " + origin
                    + ", which is not one of the allowed widget origins " + embeddable.widgetOrigins().all()
                    + "; its messages are ignored and no command is sent to it. If you trust that origin, add it with"
                    + " frameOrigins (Spring: ringcentral.embeddable.frame-origins).");
        }
        tell(new FrameRejectedEvent(this, rejected.isFromClient(), origin));
    }

    /** Every well-formed message the widget posts, parsed, after its typed event. */
    public Registration addWidgetMessageListener(ComponentEventListener<WidgetMessageEvent> listener) {
        return addListener(WidgetMessageEvent.class, listener);
    }

    /** A command that waited too long, or did not fit in the queue, and was not sent. */
    public Registration addCommandDroppedListener(ComponentEventListener<CommandDroppedEvent> listener) {
        return addListener(CommandDroppedEvent.class, listener);
    }

    /** A command sent to the widget (through the page, in this round trip): what a unit test sees of it. */
    public Registration addCommandSentListener(ComponentEventListener<CommandSentEvent> listener) {
        return addListener(CommandSentEvent.class, listener);
    }

    /** The widget's frame runs on an origin that is not allowed. */
    public Registration addFrameRejectedListener(ComponentEventListener<FrameRejectedEvent> listener) {
        return addListener(FrameRejectedEvent.class, listener);
    }

    /** The widget started, or a user logged in or out; see {@link #isLoggedIn()}. */
    public Registration addLoginStatusListener(ComponentEventListener<LoginStatusEvent> listener) {
        return addListener(LoginStatusEvent.class, listener);
    }

    /** An inbound browser call is ringing ({@code rc-call-ring-notify}). */
    public Registration addCallRingListener(ComponentEventListener<CallRingEvent> listener) {
        return addListener(CallRingEvent.class, listener);
    }

    /** A browser call was answered or connected ({@code rc-call-start-notify}). */
    public Registration addCallStartListener(ComponentEventListener<CallStartEvent> listener) {
        return addListener(CallStartEvent.class, listener);
    }

    /** A browser call ended ({@code rc-call-end-notify}). */
    public Registration addCallEndListener(ComponentEventListener<CallEndEvent> listener) {
        return addListener(CallEndEvent.class, listener);
    }

    /** A call in RingOut mode changed ({@code rc-ringout-call-notify}). */
    public Registration addRingOutCallListener(ComponentEventListener<RingOutCallEvent> listener) {
        return addListener(RingOutCallEvent.class, listener);
    }

    /** A new inbound SMS, voicemail or fax ({@code rc-inbound-message-notify}). */
    public Registration addInboundMessageListener(ComponentEventListener<InboundMessageEvent> listener) {
        return addListener(InboundMessageEvent.class, listener);
    }

    /** A message was created or updated ({@code rc-message-updated-notify}). */
    public Registration addMessageUpdatedListener(ComponentEventListener<MessageUpdatedEvent> listener) {
        return addListener(MessageUpdatedEvent.class, listener);
    }

    /** The user's presence changed ({@code rc-adapter-syncPresence}). */
    public Registration addPresenceListener(ComponentEventListener<PresenceEvent> listener) {
        return addListener(PresenceEvent.class, listener);
    }

    /** The widget navigated ({@code rc-route-changed-notify}). */
    public Registration addRouteChangedListener(ComponentEventListener<RouteChangedEvent> listener) {
        return addListener(RouteChangedEvent.class, listener);
    }

    /** The dialer became able, or unable, to place calls ({@code rc-dialer-status-notify}). */
    public Registration addDialerReadyListener(ComponentEventListener<DialerReadyEvent> listener) {
        return addListener(DialerReadyEvent.class, listener);
    }
}
