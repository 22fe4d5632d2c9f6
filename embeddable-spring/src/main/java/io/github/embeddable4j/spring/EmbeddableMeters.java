package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The meters, read from core's own counters ({@link WidgetEventDispatcher#stats()},
 * {@link ThirdPartyService#stats()}) when a registry asks, so the widget's hot paths pay nothing for them:
 * <ul>
 * <li>{@code ringcentral.embeddable.events} (counter, tag {@code outcome}: delivered, failed, timed-out, dropped):
 * widget events handed to the application's listeners, one per event and listener;
 * {@code ringcentral.embeddable.events.queued} (gauge): those waiting now;</li>
 * <li>with a CRM ({@code ThirdPartyService}), {@code ringcentral.embeddable.crm.callouts} (counter, tag
 * {@code outcome}: answered, failed, timed-out, rejected, bad-request): the widget's call-outs to it;
 * {@code ringcentral.embeddable.crm.callouts.in-flight} (gauge).</li>
 * </ul>
 * The dispatcher is made lazily, after Spring has found the application's event listeners; the meters read it only
 * once every singleton exists, so binding them (which a registry may do early) makes nothing before its time, and
 * not after the context has closed.
 */
final class EmbeddableMeters implements MeterBinder, SmartInitializingSingleton, DisposableBean {

    static final String EVENTS = "ringcentral.embeddable.events";
    static final String CALLOUTS = "ringcentral.embeddable.crm.callouts";

    private final ObjectProvider<WidgetEventDispatcher> dispatcherProvider;
    private final @Nullable ObjectProvider<ThirdPartyService> serviceProvider;
    private volatile boolean started;
    private volatile @Nullable WidgetEventDispatcher dispatcher;
    private volatile @Nullable ThirdPartyService service;

    EmbeddableMeters(ObjectProvider<WidgetEventDispatcher> dispatcher, @Nullable ObjectProvider<ThirdPartyService> service) {
        this.dispatcherProvider = dispatcher;
        this.serviceProvider = service;
    }

    @Override
    public void afterSingletonsInstantiated() {
        started = true;
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
        event(registry, "timed-out", WidgetEventDispatcher.Stats::timedOut);
        event(registry, "dropped", WidgetEventDispatcher.Stats::dropped);
        Gauge.builder(EVENTS + ".queued", this, m -> {
            WidgetEventDispatcher.Stats s = m.events();
            return s == null ? 0 : s.queued();
        }).description("Widget events waiting for the application's listeners").baseUnit("events").register(registry);
        if (serviceProvider == null) {
            return;
        }
        callout(registry, "answered", ThirdPartyService.Stats::answered);
        callout(registry, "failed", ThirdPartyService.Stats::failed);
        callout(registry, "timed-out", ThirdPartyService.Stats::timedOut);
        callout(registry, "rejected", ThirdPartyService.Stats::rejected);
        callout(registry, "bad-request", ThirdPartyService.Stats::badRequests);
        Gauge.builder(CALLOUTS + ".in-flight", this, m -> {
            ThirdPartyService.Stats s = m.callouts();
            return s == null ? 0 : s.inFlight();
        }).description("The widget's call-outs to the CRM running or queued now").baseUnit("callouts").register(registry);
    }

    private void event(MeterRegistry registry, String outcome, ToLongFunction<WidgetEventDispatcher.Stats> count) {
        FunctionCounter.builder(EVENTS, this, m -> {
            WidgetEventDispatcher.Stats s = m.events();
            return s == null ? 0 : count.applyAsLong(s);
        }).tag("outcome", outcome).description("Widget events handed to the application's listeners, one per listener")
                .baseUnit("events").register(registry);
    }

    private void callout(MeterRegistry registry, String outcome, ToLongFunction<ThirdPartyService.Stats> count) {
        FunctionCounter.builder(CALLOUTS, this, m -> {
            ThirdPartyService.Stats s = m.callouts();
            return s == null ? 0 : count.applyAsLong(s);
        }).tag("outcome", outcome).description("The widget's call-outs to the CRM (contact match, call log, ...)")
                .baseUnit("callouts").register(registry);
    }

    private WidgetEventDispatcher.@Nullable Stats events() {
        WidgetEventDispatcher d = dispatcher;
        if (d == null && started) {
            d = lookUp(dispatcherProvider);
            dispatcher = d;
        }
        return d == null ? null : d.stats();
    }

    private ThirdPartyService.@Nullable Stats callouts() {
        ThirdPartyService s = service;
        if (s == null && started && serviceProvider != null) {
            s = lookUp(serviceProvider);
            service = s;
        }
        return s == null ? null : s.stats();
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
