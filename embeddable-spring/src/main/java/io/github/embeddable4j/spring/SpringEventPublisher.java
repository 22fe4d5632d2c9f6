package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** Publishes every widget event as a {@link WidgetApplicationEvent}, so {@code @EventListener} methods receive them. */
final class SpringEventPublisher implements WidgetEventListener {

    private final ApplicationEventPublisher publisher;

    SpringEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onWidgetEvent(ReceivedWidgetEvent event) {
        publisher.publishEvent(new WidgetApplicationEvent<>(event));
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
