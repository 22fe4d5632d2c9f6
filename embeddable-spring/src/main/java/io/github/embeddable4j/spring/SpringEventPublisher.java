package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Publishes every widget event as a {@link WidgetApplicationEvent}, so {@code @EventListener} methods receive them.
 * Spring calls them in turn, on the dispatcher's worker: one that throws is noted ({@link #tookFailure}) and the others
 * still run; its exception is then thrown to the dispatcher, which logs and counts it (the first one, with the others
 * suppressed in it).
 */
final class SpringEventPublisher implements WidgetEventListener {

    /** The failures of the publication running on this thread; null outside one. */
    private static final ThreadLocal<@Nullable List<Throwable>> FAILURES = new ThreadLocal<>();

    private final ApplicationEventPublisher publisher;
    /**
     * Asked at the events until it knows (null while Spring's search has not run), whether anything listens; null
     * when that was known when this was made.
     */
    private final java.util.function.@Nullable Supplier<@Nullable Boolean> listening;
    private volatile @Nullable Boolean publishing;

    SpringEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.listening = null;
    }

    /**
     * A publisher made before Spring's search for listener methods could tell (the dispatcher made at start-up, with a
     * bean whose class is not known yet): it publishes once {@code listening} says something listens (it says null
     * while it cannot tell).
     */
    SpringEventPublisher(ApplicationEventPublisher publisher, java.util.function.Supplier<@Nullable Boolean> listening) {
        this.publisher = publisher;
        this.listening = listening;
    }

    @Override
    public void onWidgetEvent(ReceivedWidgetEvent event) {
        if (listening != null) {
            Boolean decided = publishing;
            if (decided == null) {
                decided = listening.get();
                publishing = decided;
            }
            if (!Boolean.TRUE.equals(decided)) {
                return; // none listens, or cannot tell yet (the events before Spring's search: none reach a page)
            }
        }
        List<Throwable> failures = new ArrayList<>(1);
        FAILURES.set(failures);
        try {
            publisher.publishEvent(new WidgetApplicationEvent<>(event));
        } finally {
            FAILURES.remove();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.stream().skip(1).filter(other -> other != first).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) first;
        }
    }

    /**
     * Takes the failure of an {@code @EventListener} method during this thread's publication, so the methods after it
     * still run; false outside one (an event the application published itself fails as Spring's do).
     */
    static boolean tookFailure(Throwable e) {
        List<Throwable> failures = FAILURES.get();
        if (failures == null) {
            return false;
        }
        failures.add(e);
        return true;
    }

    /**
     * Whether some bean listens to {@link WidgetApplicationEvent}s: an {@code @EventListener} method taking one (or
     * naming it in {@code classes}), or an {@code ApplicationListener} of it as a payload. Read from bean types, without creating
     * beans: the answer before Spring's own search (see {@link WidgetListenerDetector}).
     */
    static boolean hasSpringListeners(ConfigurableListableBeanFactory beanFactory) {
        if (WidgetListenerDetector.hasListenerBeans(beanFactory)) {
            return true;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null || type.getName().startsWith("org.springframework.")) {
                continue;
            }
            boolean[] found = {false};
            ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), method -> found[0] = true,
                    WidgetListenerDetector::takesWidgetEvents);
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

}
