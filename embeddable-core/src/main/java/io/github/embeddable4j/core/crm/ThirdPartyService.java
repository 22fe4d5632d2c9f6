package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.ServiceThreads;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Your CRM as a RingCentral Embeddable third-party service: registers what your providers serve and answers the
 * widget's call-outs with them. Framework-free; a transport (the servlet relay, Spring, Vaadin) hands it the path,
 * body and caller of each call-out and posts back the JSON it completes with.
 *
 * <pre>{@code
 * ThirdPartyService crm = ThirdPartyService.builder("acme").displayName("Acme CRM")
 *         .contacts(new AcmeContacts()).callLogger(logger).callLogMatcher(matcher).build();
 * crm.registration(caller).thenAccept(command -> post(command.toJson()));          // once the widget is up
 * crm.handle(path, bodyJson, caller).thenAccept(json -> reply(requestId, json));  // per call-out
 * }</pre>
 *
 * <p>Guarantees, so a transport needs no error handling of its own:
 * <ul>
 *   <li>The returned future always completes, with JSON, never exceptionally, and no later than the call-out's
 *       deadline (a little shorter than the widget's timeout, see {@link Callout#defaultDeadline()}).</li>
 *   <li>Providers run on a bounded pool ({@link Builder#threads}, {@link Builder#queueCapacity}), never on the
 *       transport's thread; a provider past its deadline is interrupted and the widget gets an error answer.</li>
 *   <li>Malformed bodies, bodies over the {@link ServiceLimits}, unknown paths, provider exceptions, timeouts and a
 *       full queue all become error answers the widget handles as a failed call-out (see {@link ServiceAnswer});
 *       do-not-contact answers with the {@link DoNotContactDecision.OnFailure} policy.</li>
 * </ul>
 * The adapters' page script asks for the {@link #registration} when the widget reports its login status (its
 * {@code rc-login-status-notify} message, the first it posts once ready), and again when the widget loads anew: a
 * stand-in widget in a test posts that message first, or the service is never registered.
 * The futures complete on a worker or timer thread: keep the actions chained to them short (post and return).
 * Thread-safe. Close it when the application stops.
 */
public final class ThirdPartyService implements AutoCloseable {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(ThirdPartyService.class.getName());
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ServiceDescriptor descriptor;
    private final Callouts callouts;
    private final CrmJson json;
    private final Map<Callout, Duration> deadlines;
    private final ThreadPoolExecutor pool;
    /** Concrete, made with {@code new}: its class is then resolved before {@link #close()} needs it (see ServiceThreads). */
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Pending> inFlight = ConcurrentHashMap.newKeySet();
    /** Registrations not answered yet: {@link #close()} answers them, as their tasks and alarms go with the pools. */
    private final Set<CompletableFuture<WidgetCommand>> registering = ConcurrentHashMap.newKeySet();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final RecentCallouts recent = new RecentCallouts();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final List<CalloutObserver> observers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** Whether a call-out needs a signed-in user ({@link Builder#signedInCallersOnly}). */
    private final boolean signedInOnly;
    /** The threads the service made, for close() to join. */
    private final ServiceThreads serviceThreads = new ServiceThreads();

    private ThirdPartyService(ServiceDescriptor descriptor, Callouts callouts, ServiceLimits limits,
            Map<Callout, Duration> deadlines, int threads, int queueCapacity, boolean signedInOnly) {
        this.descriptor = descriptor;
        this.signedInOnly = signedInOnly;
        this.callouts = callouts;
        this.json = new CrmJson(limits);
        this.deadlines = Collections.unmodifiableMap(new EnumMap<>(deadlines));
        int id = POOLS.incrementAndGet();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                serviceThreads.factory("embeddable4j-crm-" + id + "-"), new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, serviceThreads.factory("embeddable4j-crm-" + id + "-timer-"));
    }

    /**
     * Starts a service.
     *
     * @param name the service name: shown as the contacts' source and used as their {@code type}
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** What is registered: name, paths of the call-outs served, options. */
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    /**
     * What the widget can ask of this service and what it cannot, in a sentence for a start-up log: a CRM that does
     * not answer a call-out leaves that part of the widget as it is without a CRM (the widget shows no "Log" button
     * without a call logger), which looks like a fault where nothing says it.
     *
     * <pre>{@code log.info(service.summary()); // RingCentral Embeddable: the CRM service "crm" answers ...}</pre>
     */
    public String summary() {
        List<String> served = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (Callout callout : Callout.values()) {
            (descriptor.serves(callout) ? served : not).add(callout.action());
        }
        String start = "RingCentral Embeddable: the CRM service \"" + descriptor.name() + "\" answers ";
        if (served.isEmpty()) {
            return start + "none of the widget's call-outs (nothing provides them).";
        }
        StringBuilder out = new StringBuilder(start).append("the widget's call-outs to ").append(String.join(", ", served));
        if (!not.isEmpty()) {
            out.append("; the widget makes none to ").append(String.join(", ", not)).append(" (nothing provides them)");
        }
        out.append('.');
        if (descriptor.serves(Callout.CONTACTS) && !descriptor.serves(Callout.CONTACT_SEARCH)) {
            // the widget adds the loaded contacts to its own search and caller names (its contacts source)
            out.append(" The widget searches and matches the contacts it loads itself.");
        }
        if (descriptor.serves(Callout.AUTHORIZATION)) {
            out.append(" The widget makes the others once the user has connected the CRM (its authorization).");
        }
        if (signedInOnly) {
            out.append(" It answers signed-in users only (all but the Do Not Contact check).");
        }
        return out.toString();
    }

    /** Whether the service answers signed-in users only ({@link Builder#signedInCallersOnly}). */
    public boolean signedInCallersOnly() {
        return signedInOnly;
    }

    /**
     * What the page tells the widget itself when the application refuses a call-out before this service sees it (a
     * security filter's 403 once the user's session ended, a redirect to a sign-in page, any answer that is not the
     * bridge's): without it the widget waited out its own timeout (15 s for a call log) and said nothing of why. As
     * JSON, per served path: {@code {"response": ..., "alert": {...}, "asked": true | [trigger types] | false}}, the
     * "refused" error answer, the alert the widget shows when the user asked, and which calls mean the user asked.
     */
    @Internal("the bridge's registration reply (ServiceRelay)")
    public String pageRefusals() {
        ObjectNode out = CrmJson.NODES.objectNode();
        descriptor.paths().forEach((callout, path) -> {
            ServiceError error = new ServiceError(ServiceError.Code.REFUSED, callouts.sentence(callout,
                    "the application did not take the request. Reload the page (signing in again if asked) and try"
                    + " again."));
            ServiceAnswer answer = callouts.failure(callout, error, true);
            ObjectNode refusal = out.putObject(path);
            refusal.putRawValue("response", new RawValue(answer.responseJson())); // both written by us, as JSON
            refusal.putRawValue("alert", new RawValue(answer.followUps().get(0).toJson()));
            refusal.set("asked", Callouts.askedBy(callout));
        });
        return CrmJson.write(out);
    }

    /** How long a provider may run for a call-out before its error answer is sent. */
    public Duration deadline(Callout callout) {
        return Objects.requireNonNull(deadlines.get(callout)); // every call-out has one
    }

    /** A deadline as a person reads it in a log line: "2 s", "0.3 s" (not Duration's "PT2S"). */
    private static String seconds(Duration deadline) {
        return java.math.BigDecimal.valueOf(deadline.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /**
     * Answers one call-out with the {@code response} JSON for the widget.
     *
     * @param path     the request's {@code path}
     * @param bodyJson the request's {@code body} as JSON text (null or blank when the widget sent none)
     * @param caller   who asked
     * @return a future that always completes with JSON text, within the call-out's deadline
     * @throws NullPointerException if caller is null (a transport bug; use {@link Caller#anonymous()} when there is
     *                              no user)
     */
    public CompletableFuture<String> handle(@Nullable String path, @Nullable String bodyJson, Caller caller) {
        return answer(path, bodyJson, caller).thenApply(ServiceAnswer::responseJson);
    }

    /**
     * Answers a whole {@code rc-post-message-request} message with the {@code rc-post-message-response} to post back.
     * A message without a request id cannot be answered: the future then completes with null (nothing to post).
     */
    public CompletableFuture<@Nullable WidgetCommand> respond(WidgetEvent.PostMessageRequest request, Caller caller) {
        Objects.requireNonNull(request, "request");
        String id = request.requestId();
        if (id == null || id.isEmpty() || id.length() > 200) {
            return CompletableFuture.completedFuture(null);
        }
        return answer(request.path(), request.body(), caller).thenApply(a -> a.envelope(id));
    }

    /**
     * Answers one call-out, with everything a transport may act on: the response JSON, the error if any, a page to
     * open, and commands to post after the response.
     */
    public CompletableFuture<ServiceAnswer> answer(@Nullable String path, @Nullable String bodyJson, Caller caller) {
        return answer(path, bodyJson, caller, Duration.ZERO);
    }

    /**
     * Answers a call-out the widget asked for {@code waited} ago, such as one a transport sends again after the server
     * refused it for a while: its provider gets what is left of its deadline, which ends before the widget's timeout
     * as a first try's does, so a call log is not made after the widget has reported it as failed. With less than a
     * tenth of the deadline left, it gets a timeout answer at once, without its provider.
     *
     * <pre>{@code service.answer("/callLogger", body, caller, Duration.ofMillis(1200))}</pre>
     */
    public CompletableFuture<ServiceAnswer> answer(@Nullable String path, @Nullable String bodyJson, Caller caller,
            Duration waited) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(waited, "waited");
        if (observers.isEmpty()) {
            return answerUnobserved(path, bodyJson, caller, waited);
        }
        long start = System.nanoTime();
        return answerUnobserved(path, bodyJson, caller, waited)
                .whenComplete((answer, never) -> told(answer, System.nanoTime() - start));
    }

    /**
     * Answers a call-out as {@link #answer(String, String, Caller, Duration)} does, once per the widget's
     * {@code requestId}: the same request again from the same session (else user, else anyone: the widget's ids are
     * random UUIDs), while the first is answered or within the widget's timeout for its path, gets the first one's
     * answer, its provider not run again. Only for call-outs that act ({@link Callout#readsOnly()} false). A browser
     * sends a POST again by itself when the connection it went on closes with no answer (a restart, a reset), and a
     * call log was in the CRM twice.
     *
     * <pre>{@code service.answerOnce(requestId, "/callLogger", body, caller, Duration.ZERO)}</pre>
     */
    public CompletableFuture<ServiceAnswer> answerOnce(String requestId, @Nullable String path,
            @Nullable String bodyJson, Caller caller, Duration waited) {
        Objects.requireNonNull(requestId, "requestId");
        Callout callout = descriptor.calloutAt(path).orElse(null);
        if (callout == null || callout.readsOnly()) {
            return answer(path, bodyJson, caller, waited);
        }
        String session = caller.sessionKey();
        String who = session != null ? "s" + session : caller.userName().map(name -> "u" + name).orElse("-");
        return recent.once(who + '\n' + path + '\n' + requestId, callout.widgetTimeout().toNanos(),
                () -> answer(path, bodyJson, caller, waited));
    }

    /**
     * The answer to a call-out that a transport will not pass on, because its own limit is reached (the Vaadin
     * component's answers that the browser has not fetched yet): a "busy" error at once, no provider run, so the
     * widget shows the error instead of waiting out its own timeout. Counted in {@link Stats#rejected()}.
     *
     * <pre>{@code ServiceAnswer a = service.busy(request.path(), request.body());}</pre>
     */
    public ServiceAnswer busy(@Nullable String path, @Nullable String bodyJson) {
        return refused(path, bodyJson, ServiceError.Code.BUSY, "the server is busy; try again shortly.", null);
    }

    /**
     * The answer to a call-out too large for a transport to pass on (over the Vaadin component's message limit, or
     * the HTTP bridge's body limit): a "too-large" error at once, no provider run, so the widget shows the error
     * instead of waiting out its own timeout. {@code bodyJson} needs only the body's {@code triggerType}, which tells
     * whether the user asked (then the widget shows an alert too); {@code limit} names the limit reached, for the
     * warning logged once per call-out path (the operator's only word of it without meters). Counted in
     * {@link Stats#rejected()}.
     *
     * <pre>{@code ServiceAnswer a = service.tooLarge("/callLogger", "{\"triggerType\":\"createLog\"}",
     *         "the HTTP bridge's call-out body limit, 524,288 bytes");}</pre>
     */
    public ServiceAnswer tooLarge(@Nullable String path, @Nullable String bodyJson, String limit) {
        Objects.requireNonNull(limit, "limit");
        return refused(path, bodyJson, ServiceError.Code.TOO_LARGE, "the request was too large.", limit);
    }

    /**
     * The answer to a call-out a proxy answered 502 or 504 for (a node stopping behind it), or whose connection failed
     * before its answer reached the page (status 0: a server restarting, a connection reset), which the page does not
     * send again because it acts ({@link Callout#readsOnly()} is false: a call log may have been written all the
     * same): an "unanswered" error at once, no provider run, so the widget tells the user to look before trying again
     * instead of waiting out its own timeout. {@code bodyJson} needs only the body's {@code triggerType}. Counted in
     * {@link Stats#rejected()}.
     *
     * <pre>{@code ServiceAnswer a = service.unanswered("/callLogger", "{\"triggerType\":\"createLog\"}", 502);}</pre>
     *
     * @param status the proxy's status, 502 or 504, or 0 when no answer reached the page
     * @throws IllegalArgumentException for another status
     */
    public ServiceAnswer unanswered(@Nullable String path, @Nullable String bodyJson, int status) {
        if (status != 502 && status != 504 && status != 0) {
            throw new IllegalArgumentException("A call-out is unanswered after a 502 or 504, or a failed connection"
                    + " (0), not " + status);
        }
        String why = status == 0 ? "no answer reached the page (its connection failed)"
                : "the server did not answer (" + status + " from a proxy)";
        ServiceAnswer answer = refused(path, bodyJson, ServiceError.Code.UNANSWERED, why + ", so it may have been done"
                + " all the same; look before trying again.", null);
        ServiceError error = answer.error();
        if (error != null && error.code() == ServiceError.Code.UNANSWERED) { // not an unknown path
            // the instance the proxy gave up on may have logged nothing: this one is the operator's only word of it
            String what = status == 0 ? "the page's connection failed during a call-out to " + path + " (a restart,"
                    + " a connection reset?)" : "a proxy in front of the application answered " + status + " to a"
                    + " call-out to " + path + " (an instance stopping or too slow behind it?)";
            logOnce("unanswered/" + path, System.Logger.Level.WARNING, "RingCentral Embeddable: " + what + ", so the"
                    + " page did not send it again; the widget was told it may not have been done (logged once per"
                    + " call-out path; counted in stats().rejected())", null);
        }
        return answer;
    }

    private ServiceAnswer refused(@Nullable String path, @Nullable String bodyJson, ServiceError.Code code, String reason,
            @Nullable String limit) {
        ServiceAnswer answer = refusal(path, bodyJson, code, reason, limit);
        told(answer, 0);
        return answer;
    }

    /** A refused call-out's answer, counted, its observers not told (the caller tells them). */
    private ServiceAnswer refusal(@Nullable String path, @Nullable String bodyJson, ServiceError.Code code, String reason,
            @Nullable String limit) {
        Callout callout = descriptor.calloutAt(path).orElse(null);
        ServiceAnswer answer;
        if (callout == null) {
            badRequests.incrementAndGet();
            answer = unknownPath(path);
        } else {
            rejected.incrementAndGet();
            boolean userAction; // the body only tells whether the user asked (then the widget shows the error)
            try {
                userAction = Callouts.userAction(callout, json.read(bodyJson));
            } catch (CrmJson.BadBody e) {
                userAction = false;
            }
            answer = callouts.failure(callout, new ServiceError(code, callouts.sentence(callout, reason)), userAction);
            if (limit != null) { // the user saw "could not log": an operator without meters sees why
                logOnce("too-large/" + callout, System.Logger.Level.WARNING, "RingCentral Embeddable: a call-out to "
                        + path + " was too large for its transport (" + limit + "); the widget got a \"too-large\""
                        + " error, no provider ran (logged once per call-out path; counted in stats().rejected())", null);
            }
        }
        return answer;
    }

    /**
     * Tells {@code observer} of every call-out answered from now on, for as long as the service lives (meters, a log
     * of slow call-outs). The starter's meters use it.
     */
    public void observe(CalloutObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    private void told(@Nullable ServiceAnswer answer, long nanos) {
        if (answer == null) {
            return; // the future never completes exceptionally
        }
        ServiceError error = answer.error();
        Duration took = Duration.ofNanos(nanos);
        for (CalloutObserver observer : observers) {
            try {
                observer.answered(answer.callout(), error == null ? null : error.code(), took);
            } catch (RuntimeException e) {
                logOnce("observer/" + observer.getClass().getName(), System.Logger.Level.WARNING, "RingCentral Embeddable:"
                        + " a call-out observer (" + observer.getClass().getName() + ") threw; the answer was sent anyway"
                        + " (logged once)", e);
            }
        }
    }

    private CompletableFuture<ServiceAnswer> answerUnobserved(@Nullable String path, @Nullable String bodyJson, Caller caller,
            Duration waited) {
        Callout callout = descriptor.calloutAt(path).orElse(null);
        if (callout == null) {
            badRequests.incrementAndGet();
            return CompletableFuture.completedFuture(unknownPath(path));
        }
        if (closed) {
            return CompletableFuture.completedFuture(closedAnswer(callout));
        }
        // The Do Not Contact check runs for anyone: refused, it would follow OnFailure and let a call to an opted-out
        // number through (a review), and it tells a stranger nothing of the user's data.
        if (signedInOnly && caller.user() == null && callout != Callout.DO_NOT_CONTACT) {
            // once an hour, not once: the first anonymous visitor would use up the only word of a signed-in user refused
            logOnce("signed-in-only/" + System.currentTimeMillis() / 3_600_000, System.Logger.Level.WARNING,
                    "RingCentral Embeddable: a call-out to " + path + " named no signed-in user, and was refused: the"
                    + " service answers signed-in users only (ThirdPartyService.Builder.signedInCallersOnly). A visitor"
                    + " who has not signed in is meant to be refused; if a signed-in user was, the transport did not"
                    + " see the application's sign-in (an own sign-in: the HTTP bridge's AppUserResolver, the Vaadin"
                    + " component's setUserResolver). Spring starter: ringcentral.embeddable.service.signed-in-only="
                    + "false answers everyone. Logged at most once an hour; counted in stats().rejected()", null);
            return CompletableFuture.completedFuture(refusal(path, bodyJson, ServiceError.Code.REFUSED,
                    "nobody is signed in to the application. Sign in and try again.", null));
        }
        @Nullable JsonNode body = null;
        Object request;
        try {
            body = json.read(bodyJson);
            request = callouts.parse(callout, body, bodyJson);
        } catch (CrmJson.BadBody e) {
            badRequests.incrementAndGet();
            ServiceError.Code code = e.tooLarge ? ServiceError.Code.TOO_LARGE : ServiceError.Code.BAD_REQUEST;
            String reason = e.tooLarge ? "the request was too large. " : "the request was not understood. ";
            return CompletableFuture.completedFuture(callouts.failure(callout,
                    new ServiceError(code, callouts.sentence(callout, reason + e.getMessage())), false));
        } catch (Callouts.BadRequest | RuntimeException e) {
            badRequests.incrementAndGet();
            return CompletableFuture.completedFuture(callouts.failure(callout, new ServiceError(ServiceError.Code.BAD_REQUEST,
                    callouts.sentence(callout, "the request was not understood. " + safeMessage(e))),
                    Callouts.userAction(callout, body)));
        }
        boolean userAction = Callouts.userAction(callout, body);
        long full = deadline(callout).toNanos();
        long left = full - Math.max(0, waited.toNanos());
        if (left < full / 10) {
            // asked so long ago that a provider run now would end after the widget gave up on it
            timedOut.incrementAndGet();
            return CompletableFuture.completedFuture(timeoutAnswer(callout, userAction));
        }
        return run(callout, request, caller, userAction, left);
    }

    private CompletableFuture<ServiceAnswer> run(Callout callout, Object request, Caller caller, boolean userAction,
            long deadlineNanos) {
        Pending pending = new Pending(callout);
        inFlight.add(pending);
        if (closed) {
            // close() sets the flag before it answers what is in flight: a call-out either sees it here or is among
            // those answered, never left with its task and alarm drained by the stopped pools
            inFlight.remove(pending);
            return CompletableFuture.completedFuture(closedAnswer(callout));
        }
        Future<?> task;
        AtomicBoolean started = new AtomicBoolean();
        // A provider started with less than a tenth of its deadline left would be interrupted before it could answer:
        // leave such a call-out, which waited for a thread, to its timeout answer.
        long latestStart = System.nanoTime() + deadlineNanos - deadlineNanos / 10;
        try {
            task = pool.submit(() -> {
                if (pending.isSettled() || System.nanoTime() - latestStart > 0) {
                    return;
                }
                started.set(true);
                ServiceAnswer answer;
                try {
                    answer = callouts.invoke(callout, request, caller);
                } catch (Throwable t) {
                    Throwable failure = t instanceof VirtualMachineError ? null : t;
                    if (pending.claim(failed)) {
                        // claimed, so neither the deadline nor close() will answer it: answered whatever saying so
                        // throws (a message that cannot be had, a logging back end that fails; a review's call-out
                        // stayed unanswered and in flight for good)
                        try {
                            logFailure(callout, failure); // before the answer: whoever is handed it finds it logged
                        } finally {
                            pending.result.complete(providerFailed(callout, failure, userAction));
                        }
                    } else {
                        // interrupted at its deadline or by close() (a JDBC or HTTP client throws then): answered and
                        // counted already, and the deadline's WARNING said so
                        log().log(System.Logger.Level.DEBUG, () -> "RingCentral Embeddable: the " + callout + " provider"
                                + " threw after its call-out was answered: " + oneLine(String.valueOf(t)));
                    }
                    if (t instanceof VirtualMachineError vm) {
                        throw vm;
                    }
                    return;
                }
                pending.settle(answer, answered);
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(pending);
            if (closed) {
                return CompletableFuture.completedFuture(closedAnswer(callout));
            }
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(callouts.failure(callout, new ServiceError(ServiceError.Code.BUSY,
                    callouts.sentence(callout, "the server is busy; try again shortly.")), userAction));
        }
        ScheduledFuture<?> alarm;
        try {
            alarm = scheduleTimeout(pending, task, started, userAction, deadlineNanos);
        } catch (RejectedExecutionException e) { // closed between the check and here: the task was drained with the pool
            task.cancel(true);
            pending.settle(closedAnswer(callout), null);
            inFlight.remove(pending);
            return pending.result;
        }
        // The caller gets a future that completes after the bookkeeping (a copy would complete first, so whoever is
        // handed the answer could still count it in flight); completing it does not complete the service's own.
        return pending.result.whenComplete((a, e) -> {
            alarm.cancel(false);
            inFlight.remove(pending);
        });
    }

    /**
     * A call-out in flight. Its provider, its deadline and {@link #close()} race to answer it: the first settles it
     * (and the provider's answer or failure, or the deadline, counts it in {@link #stats()}), so a provider interrupted
     * at its deadline is not a failure as well.
     */
    private static final class Pending {
        final Callout callout;
        final CompletableFuture<ServiceAnswer> result = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();

        Pending(Callout callout) {
            this.callout = callout;
        }

        boolean isSettled() {
            return settled.get();
        }

        /** Counts (before completing: whoever is handed the answer sees it counted) and answers, if first. */
        boolean settle(ServiceAnswer answer, @Nullable AtomicLong counter) {
            if (!claim(counter)) {
                return false;
            }
            result.complete(answer);
            return true;
        }

        /** Takes the right to answer, and counts it, if first; the caller then completes {@link #result}. */
        boolean claim(@Nullable AtomicLong counter) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (counter != null) {
                counter.incrementAndGet();
            }
            return true;
        }
    }

    /** The answer to a call-out the service cannot run any more. */
    private ServiceAnswer closedAnswer(Callout callout) {
        return callouts.failure(callout, new ServiceError(ServiceError.Code.CLOSED,
                callouts.sentence(callout, "the service is shutting down.")), false);
    }

    /** The answer to a call-out its provider did not answer within its deadline (or had no time left for). */
    private ServiceAnswer timeoutAnswer(Callout callout, boolean userAction) {
        return callouts.failure(callout, new ServiceError(ServiceError.Code.TIMEOUT,
                callouts.sentence(callout, "it did not answer in time.")), userAction);
    }

    /** The alarm that answers a call-out with a timeout when its deadline passes first. */
    private ScheduledFuture<?> scheduleTimeout(Pending pending, Future<?> task, AtomicBoolean started, boolean userAction,
            long deadlineNanos) {
        Callout callout = pending.callout;
        return timer.schedule(() -> {
            if (!pending.claim(timedOut)) {
                return;
            }
            // logged before the answer, as a provider's failure is: whoever is handed it finds it logged
            try {
                task.cancel(true);
                if (started.get()) {
                    logOnce(callout + "/timeout", System.Logger.Level.WARNING, "RingCentral Embeddable: the " + callout
                            + " provider did not answer within " + seconds(Duration.ofNanos(deadlineNanos)) + "; it was interrupted and the"
                            + " widget got " + callouts.failureAnswered(callout) + " (logged once per kind of call-out;"
                            + " see stats())", null);
                } else { // the provider was never called: every worker was busy for the whole deadline
                    logOnce(callout + "/queued", System.Logger.Level.WARNING, "RingCentral Embeddable: a " + callout
                            + " call-out waited " + seconds(Duration.ofNanos(deadlineNanos)) + " in the queue, all " + pool.getMaximumPoolSize()
                            + " provider threads busy, and got " + callouts.failureAnswered(callout) + " without its"
                            + " provider being called. Give"
                            + " the service more threads (ThirdPartyService.Builder.threads, or"
                            + " ringcentral.embeddable.service.threads) if its providers wait on a slow CRM"
                            + " (logged once per kind of call-out; see stats())", null);
                }
            } finally {
                pending.result.complete(timeoutAnswer(callout, userAction));
            }
        }, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    /** The widget's answer to a provider that failed. */
    private ServiceAnswer providerFailed(Callout callout, @Nullable Throwable t, boolean userAction) {
        return callouts.failure(callout, new ServiceError(ServiceError.Code.FAILED, callouts.sentence(callout, reason(t))),
                userAction);
    }

    private static String reason(@Nullable Throwable t) {
        String own = t instanceof CrmException crm ? wordsForTheUser(crm) : null;
        return own != null ? own : "something went wrong on the server.";
    }

    /** A {@link CrmException}'s message, or null when blank or when building it fails (the answer still goes). */
    private static @Nullable String wordsForTheUser(CrmException crm) {
        try {
            String message = crm.getMessage();
            return message == null || message.isBlank() ? null : message;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Says that a provider failed, once its failure is the answer the widget got (not a deadline's or close()'s). */
    private void logFailure(Callout callout, @Nullable Throwable t) {
        String reason = reason(t);
        String kind = t == null ? "error" : t.getClass().getName();
        if (t instanceof CrmException crm && crm.getCause() == null && wordsForTheUser(crm) != null) {
            // the provider's own words for the user, thrown on purpose: one line, not a stack trace as for a failure
            // (a trial's deliberate "session expired" read in the log as a crash)
            // its own once-only key: a later CrmException with a cause still gets its stack trace
            String shown = callout == Callout.DO_NOT_CONTACT ? "; the widget got " + callouts.failureAnswered(callout)
                    + ": " : ", shown to the user: "; // a policy's answer may not show the words
            if (!logOnce(callout + "/" + kind + "/shown", System.Logger.Level.WARNING, "RingCentral Embeddable: the " + callout
                    + " provider answered with a CrmException" + shown + oneLine(reason) + " (logged once per"
                    + " kind of call-out; later ones, other words too, at DEBUG)", null)) {
                log().log(System.Logger.Level.DEBUG, () -> "RingCentral Embeddable: the " + callout + " provider answered"
                        + " with a CrmException: " + oneLine(reason));
            }
        } else if (!logOnce(callout + "/" + kind, System.Logger.Level.WARNING, "RingCentral Embeddable: the " + callout
                + " provider failed; the widget got " + callouts.failureAnswered(callout) + " (stack trace logged once"
                + " per kind of call-out and exception type; later ones at DEBUG, counted in stats().failed())", t)) {
            log().log(System.Logger.Level.DEBUG, () -> "RingCentral Embeddable: the " + callout + " provider failed: "
                    + oneLine(String.valueOf(t))); // one line, whatever the message holds
        }
    }

    /** A provider's text on one log line, whatever it holds (a line break would forge a line). */
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private ServiceAnswer unknownPath(@Nullable String path) {
        String shown = path == null ? "(none)" : path.length() > 100 ? path.substring(0, 100) + "…" : path;
        shown = shown.replaceAll("[\\p{Cntrl}]", "?");
        String message = "No call-out of " + descriptor.displayName() + " is registered at '" + shown + "'; it serves "
                + (descriptor.paths().isEmpty() ? "none" : String.join(", ", descriptor.paths().values())) + ".";
        String response = CrmJson.write(CrmJson.NODES.objectNode().set("error", CrmJson.NODES.objectNode()
                .put("code", ServiceError.Code.UNKNOWN_PATH.wireValue()).put("message", message)));
        return new ServiceAnswer(null, response, new ServiceError(ServiceError.Code.UNKNOWN_PATH, message), null,
                java.util.List.of());
    }

    private static String safeMessage(Exception e) {
        // BadRequest messages are ours (always set); a RuntimeException from a model constructor may name a class
        // or quote the request, so it is replaced by a fixed sentence
        return e instanceof Callouts.BadRequest bad ? String.valueOf(bad.getMessage())
                : "A required field is missing or has the wrong type.";
    }

    /**
     * The registration message for this caller: the descriptor, with the caller's authorization status when an
     * authorization button is registered (asked of {@link ThirdPartyAuthorization#status} under the authorization
     * deadline; "not authorized" when that fails). Always completes, never exceptionally.
     */
    public CompletableFuture<WidgetCommand> registration(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        if (signedInOnly && caller.user() == null) {
            // nothing to show a stranger but the check before a call; no provider asked, no CRM account shown
            return CompletableFuture.completedFuture(WidgetCommand.registerService(descriptor.doNotContactOnly()));
        }
        ThirdPartyAuthorization auth = callouts.authorization;
        if (auth == null) {
            return CompletableFuture.completedFuture(WidgetCommand.registerService(descriptor));
        }
        CompletableFuture<WidgetCommand> result = new CompletableFuture<>();
        WidgetCommand fallback = WidgetCommand.registerService(descriptor.withAuthorization(AuthorizationStatus.unauthorized()));
        registering.add(result);
        result.whenComplete((c, e) -> registering.remove(result));
        if (closed) { // close() may have looked at the set before this one was in it
            result.complete(fallback);
            return result.copy();
        }
        Future<?> task;
        try {
            task = pool.submit(() -> {
                try {
                    AuthorizationStatus status = auth.status(caller);
                    result.complete(WidgetCommand.registerService(descriptor.withAuthorization(
                            status == null ? AuthorizationStatus.unauthorized() : status)));
                } catch (Throwable t) {
                    logOnce("registration/" + t.getClass().getName(), System.Logger.Level.WARNING, "RingCentral Embeddable:"
                            + " the authorization status failed; registering as not authorized (logged once)", t);
                    result.complete(fallback);
                    if (t instanceof VirtualMachineError vm) {
                        throw vm;
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(fallback);
        }
        ScheduledFuture<?> alarm;
        try {
            alarm = timer.schedule(() -> {
                if (result.complete(fallback)) {
                    task.cancel(true);
                }
            }, deadline(Callout.AUTHORIZATION).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // closing: the task was drained with the pool
            task.cancel(true);
            return CompletableFuture.completedFuture(fallback);
        }
        result.whenComplete((c, e) -> alarm.cancel(false));
        return result.copy();
    }

    private boolean logOnce(String key, System.Logger.Level level, String message, @Nullable Throwable t) {
        if (logged.size() < 1000 && logged.add(key)) {
            log().log(level, message, t);
            return true;
        }
        return false;
    }

    /** Counters since the service started. */
    public Stats stats() {
        return new Stats(answered.get(), failed.get(), timedOut.get(), rejected.get(), badRequests.get(), inFlight.size());
    }

    /**
     * What the service did so far.
     *
     * @param answered    call-outs a provider answered in time
     * @param failed      call-outs whose provider threw or returned something unusable
     * @param timedOut    call-outs answered with a timeout error
     * @param rejected    call-outs refused because the queue was full, or by a transport ({@link #busy},
     *                    {@link #tooLarge})
     * @param badRequests unknown paths and bodies that were malformed or too large
     * @param inFlight    call-outs running or queued now
     */
    public record Stats(long answered, long failed, long timedOut, long rejected, long badRequests, int inFlight) {
    }

    /**
     * Stops taking call-outs; those still running get a "shutting down" error answer at once and their providers are
     * interrupted. Waits up to a second for the service's threads to end, so a container that checks for threads
     * right after the application stopped (Tomcat) finds none.
     */
    @Override
    public void close() {
        closed = true;
        try {
            // answer first, then interrupt: an interrupted provider may still return, and its answer must not win
            if (!inFlight.isEmpty()) {
                inFlight.forEach(p -> p.settle(closedAnswer(p.callout), null));
            }
            // a registration still queued loses its task and its alarm to the pools' shutdown: answered here (a review).
            // Guarded, and no lambda: after an undeploy the class loader may be stopped, and a first lambda needs it.
            if (!registering.isEmpty()) {
                WidgetCommand unauthorized = WidgetCommand.registerService(descriptor.withAuthorization(AuthorizationStatus.unauthorized()));
                for (CompletableFuture<WidgetCommand> registration : registering) {
                    registration.complete(unauthorized);
                }
            }
        } finally {
            // Even when answering failed (a class loader stopped before close: see ServiceThreads), the threads end.
            pool.shutdownNow();
            timer.shutdownNow();
            try {
                serviceThreads.join(Duration.ofSeconds(1)); // joined, not only the pools terminated: a terminated pool's thread may still run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Collects the providers (each optional), display options and limits. The descriptor registers exactly the
     * call-outs whose provider is present; {@link #build()} checks everything at once and names every problem.
     */
    public static final class Builder {
        private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("/[A-Za-z0-9/._~-]{0,199}");
        private static final Set<String> RESERVED = Set.of("name", "displayName", "authorized", "authorizedAccount");
        private static final Set<String> TOKEN_OPTIONS = Set.of("recordingWithToken", "attachmentWithToken");

        private final String name;
        private @Nullable String displayName;
        private @Nullable ContactProvider contacts;
        private @Nullable ContactDirectory directory;
        private @Nullable ContactViewer viewer;
        private @Nullable CallLogger callLogger;
        private @Nullable CallLogMatcher callLogMatcher;
        private @Nullable MessageLogger messageLogger;
        private @Nullable MessageLogMatcher messageLogMatcher;
        private @Nullable DoNotContactCheck doNotContact;
        private DoNotContactDecision.OnFailure dncFailure = DoNotContactDecision.OnFailure.WARN;
        private @Nullable ThirdPartyAuthorization authorization;
        private @Nullable ContactActivities activities;
        private PhoneNumberNormalizer normalizer = PhoneNumberNormalizer.us();
        private ServiceLimits limits = ServiceLimits.defaults();
        private int threads = 8;
        private int queueCapacity = 500;
        private boolean signedInOnly;
        private final Map<Callout, String> paths = new EnumMap<>(Callout.class);
        private final Map<Callout, Duration> deadlines = new EnumMap<>(Callout.class);
        private final Map<String, @Nullable Object> options = new java.util.LinkedHashMap<>();
        private final java.util.List<ConfigProblem> problems = new java.util.ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The name users see (widget 2.0.1 and later); the service name otherwise. */
        public Builder displayName(@Nullable String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** Search and match (dialer search, caller names). */
        public Builder contacts(ContactProvider provider) {
            this.contacts = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The Contacts tab, loaded in pages and kept in sync. */
        public Builder contactDirectory(ContactDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** "View contact details" opens the contact in your application (needs {@link #contacts} or a directory). */
        public Builder contactViewer(ContactViewer viewer) {
            this.viewer = Objects.requireNonNull(viewer, "viewer");
            return this;
        }

        /** The "Log" button, the log form and auto-log for calls. */
        public Builder callLogger(CallLogger logger) {
            this.callLogger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Which calls are logged (needs {@link #callLogger}). */
        public Builder callLogMatcher(CallLogMatcher matcher) {
            this.callLogMatcher = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /** The "Log" button and auto-log for messages. */
        public Builder messageLogger(MessageLogger logger) {
            this.messageLogger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Which conversations are logged (needs {@link #messageLogger}). */
        public Builder messageLogMatcher(MessageLogMatcher matcher) {
            this.messageLogMatcher = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /** The do-not-contact check before calls and SMS. */
        public Builder doNotContact(DoNotContactCheck check) {
            this.doNotContact = Objects.requireNonNull(check, "check");
            return this;
        }

        /** What the user gets when the do-not-contact check fails or times out (default {@code WARN}). */
        public Builder whenDoNotContactCheckFails(DoNotContactDecision.OnFailure policy) {
            this.dncFailure = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The authorize/unauthorize button and per-user status. */
        public Builder authorization(ThirdPartyAuthorization authorization) {
            this.authorization = Objects.requireNonNull(authorization, "authorization");
            return this;
        }

        /** A contact's activities on its page in the widget. */
        public Builder activities(ContactActivities activities) {
            this.activities = Objects.requireNonNull(activities, "activities");
            return this;
        }

        /** How numbers without a country code are read when matching (default US). */
        public Builder phoneNumbers(PhoneNumberNormalizer normalizer) {
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
            return this;
        }

        /** Registers a call-out at another path than {@link Callout#defaultPath()}. */
        public Builder path(Callout callout, String path) {
            Objects.requireNonNull(callout, "callout");
            if (path == null || !PATH.matcher(path).matches()) {
                problems.add(new ConfigProblem("path(" + callout + ")", "'" + path + "' is not a path",
                        "write a path such as " + callout.defaultPath() + " (starting with /, at most 200 letters, digits and / . _ ~ -)"));
            } else {
                paths.put(callout, path);
            }
            return this;
        }

        /** Lets providers of a call-out run this long (default {@link Callout#defaultDeadline()}; less than the widget's timeout). */
        public Builder deadline(Callout callout, Duration deadline) {
            Objects.requireNonNull(callout, "callout");
            if (deadline == null || deadline.isNegative() || deadline.isZero()
                    || deadline.compareTo(callout.widgetTimeout()) >= 0) {
                problems.add(new ConfigProblem("deadline(" + callout + ")", deadline + " is not below the widget's timeout",
                        "give a positive duration below the widget's " + callout.widgetTimeout().toMillis()
                        + " ms (the answer must reach it before it gives up)"));
            } else {
                deadlines.put(callout, deadline);
            }
            return this;
        }

        /** How long the widget keeps a contact match (widget 1.10.2 and later; its default is 2 hours). */
        public Builder contactMatchTtl(Duration ttl) {
            return millisOption("contactMatchTtl", ttl);
        }

        /** How long the widget keeps a "no match" before asking again (its default is 5 minutes). */
        public Builder contactNoMatchTtl(Duration ttl) {
            return millisOption("contactNoMatchTtl", ttl);
        }

        /** The call log button's label, such as "Log to Acme". */
        public Builder callLoggerTitle(String title) {
            return option("callLoggerTitle", title);
        }

        /** The message log button's label. */
        public Builder messageLoggerTitle(String title) {
            return option("messageLoggerTitle", title);
        }

        /** The authorization button's labels when connected and when not. */
        public Builder authorizationTitles(String authorizedTitle, String unauthorizedTitle) {
            return option("authorizedTitle", authorizedTitle).option("unauthorizedTitle", unauthorizedTitle);
        }

        /** The logo next to the authorization button ({@code https:} URL, about 30 px high). */
        public Builder authorizationLogo(String url) {
            return option("authorizationLogo", url);
        }

        /** The small brand icon on your contacts' avatars ({@code https:} URL). */
        public Builder contactIcon(String url) {
            return option("contactIcon", url);
        }

        /** The activities section's title (the service name by default). */
        public Builder activityName(String activityName) {
            return option("activityName", activityName);
        }

        /** Opens the widget's note dialog before logging a call. */
        public Builder showLogModal(boolean show) {
            return option("showLogModal", show);
        }

        /**
         * Any other registration option, such as {@code callLoggerAutoSettingLabel} or {@code info}: a string, boolean
         * or number. Name, paths and authorization status are set by the service and refused here, as are
         * {@code recordingWithToken} and {@code attachmentWithToken}, which would send the user's RingCentral access
         * token to your server in every recording and attachment URL.
         */
        public Builder option(String key, Object value) {
            if (key == null || key.isBlank()) {
                problems.add(new ConfigProblem("option", "an option with an empty key", "give the option's name"));
            } else if (RESERVED.contains(key) || key.endsWith("Path")) {
                problems.add(new ConfigProblem("option(" + key + ")", "set by the service from its name and providers",
                        "use displayName(), path() or a provider instead"));
            } else if (key.equals("messageLoggerGranularSelectionEnabled")) {
                // widget 3.x (beta) then posts {logId, triggerType: openLog} without a conversation, reads data.logId
                // back from a selected-messages log and matches by {conversationId, messageIds}: shapes not served here
                problems.add(new ConfigProblem("option(" + key + ")", "widget 3.x's logging of selected messages asks"
                        + " and expects other shapes than this library's message logger serves, so no message would show"
                        + " as logged", "log whole conversations (leave the option out)"));
            } else if (TOKEN_OPTIONS.contains(key)) {
                problems.add(new ConfigProblem("option(" + key + ")", "it puts the user's RingCentral access token into the"
                        + " URLs sent to your server", "download recordings and attachments with your own app's credentials instead"));
            } else if (!(value instanceof String || value instanceof Boolean || value instanceof Number)) {
                problems.add(new ConfigProblem("option(" + key + ")", value + " is not a string, boolean or number",
                        "give a string, boolean or number"));
            } else {
                options.put(key, value);
            }
            return this;
        }

        private Builder millisOption(String key, Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                problems.add(new ConfigProblem(key, ttl + " is not a positive duration", "give a positive duration"));
                return this;
            }
            return option(key, ttl.toMillis());
        }

        /** Body, string and list limits for call-out bodies (default {@link ServiceLimits#defaults()}). */
        public Builder limits(ServiceLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Worker threads for providers (default 8: providers mostly wait on a CRM's API). */
        public Builder threads(int threads) {
            if (threads < 1) {
                problems.add(new ConfigProblem("threads", threads + " threads cannot run a provider", "give at least 1"));
            } else {
                this.threads = threads;
            }
            return this;
        }

        /** Call-outs that may wait for a worker (default 500); more are answered "busy" at once. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                problems.add(new ConfigProblem("queueCapacity", capacity + " leaves no room to wait", "give at least 1"));
            } else {
                this.queueCapacity = capacity;
            }
            return this;
        }

        /**
         * Answers call-outs of signed-in users only ({@link Caller#user()} set): a visitor who has not signed in (a
         * phone on a sign-in page, a widget that restored the last user's login on a shared computer) gets a
         * {@code refused} answer, and no provider runs; their widget is registered with the Do Not Contact check
         * alone (no contacts, no "Log" buttons that would only fail, no {@link ThirdPartyAuthorization} asked). The
         * check still runs for everyone: refused, it would let a call to an opted-out number through. Off by default,
         * as an application without sign-in has only such visitors; the Spring starter turns it on with Spring
         * Security (its {@code service.signed-in-only}).
         *
         * <pre>{@code ThirdPartyService.builder("acme").contacts(contacts).signedInCallersOnly(true).build()}</pre>
         */
        public Builder signedInCallersOnly(boolean signedInOnly) {
            this.signedInOnly = signedInOnly;
            return this;
        }

        /**
         * Builds the service and starts its workers.
         *
         * @throws EmbeddableConfigException listing every problem, each with its fix (the starter's start-up report
         *                                   shows them as it shows the widget settings' problems)
         */
        public ThirdPartyService build() {
            java.util.List<ConfigProblem> all = new java.util.ArrayList<>(problems);
            if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                all.add(new ConfigProblem("name", "'" + name + "' is not a short name",
                        "give the service a short name such as \"acme\" (1 to 100 characters)"));
            }
            if (displayName != null && (displayName.isBlank() || displayName.length() > 100)) {
                all.add(new ConfigProblem("displayName", "'" + displayName + "' is blank or too long",
                        "give 1 to 100 characters, or leave it out"));
            }
            if (viewer != null && contacts == null && directory == null) {
                all.add(new ConfigProblem("contactViewer", "a contact viewer without contacts: the widget only offers"
                        + " \"View contact details\" on contacts of this service", "add contacts(...) or contactDirectory(...)"));
            }
            if (callLogMatcher != null && callLogger == null) {
                all.add(new ConfigProblem("callLogMatcher", "a call log matcher without a call logger",
                        "add callLogger(...), which the \"Log\" button calls"));
            }
            if (messageLogMatcher != null && messageLogger == null) {
                all.add(new ConfigProblem("messageLogMatcher", "a message log matcher without a message logger",
                        "add messageLogger(...)"));
            }
            Map<Callout, Object> present = new EnumMap<>(Callout.class);
            putIf(present, Callout.CONTACTS, directory);
            putIf(present, Callout.CONTACT_SEARCH, contacts);
            putIf(present, Callout.CONTACT_MATCH, contacts);
            putIf(present, Callout.VIEW_CONTACT, viewer);
            putIf(present, Callout.CALL_LOGGER, callLogger);
            putIf(present, Callout.CALL_LOG_MATCH, callLogMatcher);
            putIf(present, Callout.MESSAGE_LOGGER, messageLogger);
            putIf(present, Callout.MESSAGE_LOG_MATCH, messageLogMatcher);
            putIf(present, Callout.DO_NOT_CONTACT, doNotContact);
            putIf(present, Callout.AUTHORIZATION, authorization);
            putIf(present, Callout.ACTIVITIES, activities);
            putIf(present, Callout.ACTIVITY, activities);
            Map<Callout, String> registered = new EnumMap<>(Callout.class);
            for (Callout c : present.keySet()) {
                registered.put(c, paths.getOrDefault(c, c.defaultPath()));
            }
            for (Callout c : paths.keySet()) {
                if (!present.containsKey(c)) {
                    all.add(new ConfigProblem("path(" + c + ")", "no provider serves " + c, "add one or remove the path"));
                }
            }
            if (new java.util.HashSet<>(registered.values()).size() < registered.size()) {
                all.add(new ConfigProblem("path", "two call-outs share a path: " + registered.values(), "give each its own"));
            }
            if (!all.isEmpty()) {
                throw new EmbeddableConfigException(all);
            }
            Map<Callout, Duration> effective = new EnumMap<>(Callout.class);
            for (Callout c : Callout.values()) {
                effective.put(c, deadlines.getOrDefault(c, c.defaultDeadline()));
            }
            ServiceDescriptor descriptor = new ServiceDescriptor(name, displayName, registered, options,
                    authorization != null ? AuthorizationStatus.unauthorized() : null);
            Callouts callouts = new Callouts(descriptor, normalizer, dncFailure, contacts, directory, viewer, callLogger,
                    callLogMatcher, messageLogger, messageLogMatcher, doNotContact, authorization, activities);
            return new ThirdPartyService(descriptor, callouts, limits, effective, threads, queueCapacity, signedInOnly);
        }

        private static void putIf(Map<Callout, Object> map, Callout callout, @Nullable Object provider) {
            if (provider != null) {
                map.put(callout, provider);
            }
        }
    }
}
