package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.crm.Callout;
import io.github.embeddable4j.core.crm.ServiceError;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The meters: the events' read from the dispatcher's own counters ({@link WidgetEventDispatcher#stats()}) when a
 * registry asks, so dispatching pays nothing for them; the call-outs' timed as the service answers them:
 * <ul>
 * <li>{@code ringcentral.embeddable.events} (counter, tag {@code outcome}: delivered, failed, timeout, dropped: the
 * words of the call-outs' outcomes, so one alert rule reads both):
 * hand-overs of widget events to the dispatcher's listeners, one outcome each (Spring's publication to every
 * {@code @EventListener} method is one listener);
 * {@code ringcentral.embeddable.events.queued} (gauge): those waiting now;</li>
 * <li>with a CRM ({@code ThirdPartyService}), {@code ringcentral.embeddable.crm.callouts} (timer, tags {@code callout}:
 * contact-match, call-logger, ... or unknown, and {@code outcome}: answered, or the error code the widget got:
 * timeout, failed, busy, bad-request, too-large, unknown-path, closed, unanswered): the widget's call-outs to it, told by the
 * service ({@link ThirdPartyService#observe}); {@code ringcentral.embeddable.crm.callouts.active} (gauge).</li>
 * <li>with the bridge, {@code ringcentral.embeddable.bridge.refusals} (counter, tag {@code reason}: the short code of
 * the JSON error, such as cross-origin, rate-limited, too-large): requests the bridge answered with a 4xx, read from
 * its {@link BridgeRefusals}; a reason's series appears with its first refusal.</li>
 * </ul>
 * The dispatcher is made lazily, after Spring has found the application's event listeners; the meters read it only
 * once every singleton exists, so binding them (which a registry may do early) makes nothing before its time, and
 * not after the context has closed.
 */
final class EmbeddableMeters implements MeterBinder, SmartInitializingSingleton, DisposableBean {

    static final String EVENTS = "ringcentral.embeddable.events";
    static final String CALLOUTS = "ringcentral.embeddable.crm.callouts";
    static final String REFUSALS = "ringcentral.embeddable.bridge.refusals";

    private final ObjectProvider<WidgetEventDispatcher> dispatcherProvider;
    private final @Nullable ObjectProvider<ThirdPartyService> serviceProvider;
    private final ObjectProvider<BridgeRefusals> refusalsProvider;
    private volatile boolean started;
    private volatile @Nullable WidgetEventDispatcher dispatcher;
    private volatile @Nullable ThirdPartyService service;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    EmbeddableMeters(ObjectProvider<WidgetEventDispatcher> dispatcher, @Nullable ObjectProvider<ThirdPartyService> service,
            ObjectProvider<BridgeRefusals> refusals) {
        this.dispatcherProvider = dispatcher;
        this.serviceProvider = service;
        this.refusalsProvider = refusals;
    }

    @Override
    public void afterSingletonsInstantiated() {
        started = true;
        ThirdPartyService crm = serviceProvider == null ? null : lookUp(serviceProvider);
        if (crm != null) {
            crm.observe(this::record);
            service = crm;
        }
    }

    /** Closed: nothing is looked up any more, or a last reading could make a dispatcher (and its threads) too late. */
    @Override
    public void destroy() {
        started = false;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        event(registry, "delivered", WidgetEventDispatcher.Stats::delivered);
        event(registry, "failed", WidgetEventDispatcher.Stats::failed);
        event(registry, "timeout", WidgetEventDispatcher.Stats::timedOut);
        event(registry, "dropped", WidgetEventDispatcher.Stats::dropped);
        Gauge.builder(EVENTS + ".queued", this, m -> {
            WidgetEventDispatcher.Stats s = m.events();
            return s == null ? 0 : s.queued();
        }).description("Widget events waiting for the application's listeners").baseUnit("events").register(registry);
        registries.add(registry);
        BridgeRefusals refusals = lookUp(refusalsProvider);
        if (refusals != null) {
            refusals.onNewReason(reason -> FunctionCounter.builder(REFUSALS, refusals, r -> r.count(reason))
                    .tag("reason", reason).description("Requests the widget bridge refused (a 4xx), by reason")
                    .register(registry)); // no base unit: ringcentral_embeddable_bridge_refusals_total in Prometheus
        }
        if (serviceProvider == null) {
            return;
        }
        Gauge.builder(CALLOUTS + ".active", this, m -> {
            ThirdPartyService s = m.service;
            return s == null ? 0 : s.stats().inFlight();
        }).description("The widget's call-outs to the CRM running or queued now").baseUnit("callouts").register(registry);
    }

    private void event(MeterRegistry registry, String outcome, ToLongFunction<WidgetEventDispatcher.Stats> count) {
        FunctionCounter.builder(EVENTS, this, m -> {
            WidgetEventDispatcher.Stats s = m.events();
            return s == null ? 0 : count.applyAsLong(s);
        }).tag("outcome", outcome).description("Hand-overs of widget events to listeners (a WidgetEventListener bean, or"
                + " Spring's publication to every @EventListener method), one outcome each").baseUnit("events").register(registry);
    }

    /** One call-out answered: a timer per call-out and outcome, in every registry this was bound to. */
    private void record(@Nullable Callout callout, ServiceError.@Nullable Code error, Duration took) {
        String name = callout == null ? "unknown" : callout.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String outcome = error == null ? "answered" : error.wireValue();
        for (MeterRegistry registry : registries) {
            Timer.builder(CALLOUTS).description("The widget's call-outs to the CRM, from arrival to answer")
                    .tag("callout", name).tag("outcome", outcome).register(registry).record(took);
        }
    }

    private WidgetEventDispatcher.@Nullable Stats events() {
        WidgetEventDispatcher d = dispatcher;
        if (d == null && started) {
            d = lookUp(dispatcherProvider);
            dispatcher = d;
        }
        return d == null ? null : d.stats();
    }

    /** The bean, or null when it cannot be had now: a push registry publishes once more while the context closes. */
    private static <T> @Nullable T lookUp(ObjectProvider<T> provider) {
        try {
            return provider.getIfAvailable();
        } catch (BeansException e) {
            return null;
        }
    }
}
