package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
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
     * naming it in {@code classes}), or an {@code ApplicationListener} of it. Read from bean types, without creating
     * beans, so the answer is known before the web server starts.
     */
    static boolean hasSpringListeners(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.getBeanNamesForType(ResolvableType.forClassWithGenerics(ApplicationListener.class,
                WidgetApplicationEvent.class), true, false).length > 0) {
            return true;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null || type.getName().startsWith("org.springframework.")) {
                continue;
            }
            boolean[] found = {false};
            ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), method -> found[0] = true,
                    method -> listensToWidgetEvents(method));
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    private static boolean listensToWidgetEvents(Method method) {
        EventListener listener = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        if (listener == null) {
            return false;
        }
        return Arrays.stream(method.getParameterTypes()).anyMatch(WidgetApplicationEvent.class::isAssignableFrom)
                || Arrays.stream(listener.classes()).anyMatch(WidgetApplicationEvent.class::isAssignableFrom);
    }
}
