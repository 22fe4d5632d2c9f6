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
    private static final ThreadLocal<@Nullable List<RuntimeException>> FAILURES = new ThreadLocal<>();

    private final ApplicationEventPublisher publisher;

    SpringEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onWidgetEvent(ReceivedWidgetEvent event) {
        List<RuntimeException> failures = new ArrayList<>(1);
        FAILURES.set(failures);
        try {
            publisher.publishEvent(new WidgetApplicationEvent<>(event));
        } finally {
            FAILURES.remove();
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).filter(other -> other != first).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Takes the failure of an {@code @EventListener} method during this thread's publication, so the methods after it
     * still run; false outside one (an event the application published itself fails as Spring's do).
     */
    static boolean tookFailure(RuntimeException e) {
        List<RuntimeException> failures = FAILURES.get();
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
