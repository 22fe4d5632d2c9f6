package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.KotlinDetector;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Learns whether the application listens to {@link WidgetApplicationEvent}s from Spring's own search for
 * {@code @EventListener} methods, instead of searching every bean's methods a second time at start-up (that cost
 * ~20 ms). Spring asks every {@link EventListenerFactory} about each such method, first come first served; this one
 * comes first and notes the method when it takes a widget event. Spring's search runs once every singleton exists,
 * after the web server was created: the adapters ask when the first page or event arrives. Asked earlier (an
 * application bean that needs the dispatcher at start-up), the answer comes from
 * {@link SpringEventPublisher#hasSpringListeners}, the search by bean types.
 *
 * <p>It makes the listeners of the plain {@code @EventListener} methods that take widget events (a transactional one,
 * or any other meta-annotated kind, stays with its own factory): Spring's own, except in two ways.
 * <ul>
 *   <li>A method that throws during the starter's publication does not stop the methods after it: Spring calls them
 *       in turn and would let the exception end the loop (a WebFlux trial: one failing listener took every event
 *       away from the others). The failure goes back to the dispatcher after the others ran, which logs and counts
 *       it ({@link SpringEventPublisher}).</li>
 *   <li>A listener of every widget event, {@code WidgetApplicationEvent<WidgetEvent>}, matches every one. Spring
 *       matches generics invariantly, and each event is published with its concrete type ({@code
 *       WidgetApplicationEvent<WidgetEvent.CallEvent>}, ...), so Spring's own listener would never be called.</li>
 * </ul>
 */
final class WidgetListenerDetector implements EventListenerFactory, SmartInitializingSingleton, Ordered {

    private static final Log LOG = LogFactory.getLog(WidgetListenerDetector.class);

    /** Suspend listeners already named: Spring asks about a method once per bean of its class. */
    private final Set<Method> namedSuspendListeners = ConcurrentHashMap.newKeySet();
    /** Listeners of core's event types already named, likewise. */
    private final Set<Method> namedCoreTypeListeners = ConcurrentHashMap.newKeySet();
    private volatile boolean listenerMethodSeen;
    /** Set once Spring's search is over: its processor's callback comes before this one (registered first). */
    private volatile boolean searched;

    @Override
    public boolean supportsMethod(Method method) {
        if (!takesWidgetEvents(method)) {
            warnIfTakesCoreEvent(method);
            return false;
        }
        listenerMethodSeen = true;
        warnIfSuspendWithoutReactor(method);
        return method.isAnnotationPresent(EventListener.class); // not meta-annotated: a transactional one is not ours
    }

    /**
     * Spring calls a Kotlin {@code suspend} listener through Reactor: without kotlinx-coroutines-reactor every widget
     * event fails in it, with a {@code NoClassDefFoundError} whose stack trace names neither the method nor the fix
     * (a Kotlin trial's listener was never called). Said once, at start-up, with both.
     */
    private void warnIfSuspendWithoutReactor(Method method) {
        ClassLoader loader = method.getDeclaringClass().getClassLoader();
        if (KotlinDetector.isSuspendingFunction(method) && !(ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt", loader)
                && ClassUtils.isPresent("reactor.core.publisher.Mono", loader)) && namedSuspendListeners.add(method)) {
            String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
            LOG.warn("RingCentral Embeddable: the widget-event listener " + method.getDeclaringClass().getName() + "."
                    + method.getName() + "(" + parameters + ") is a Kotlin suspend function. Spring calls those through"
                    + " Reactor, which needs org.jetbrains.kotlinx:kotlinx-coroutines-reactor on the class path: without it"
                    + " every widget event fails in this listener (NoClassDefFoundError). Add that dependency, or make the"
                    + " listener a plain function.");
        }
    }

    /**
     * An {@code @EventListener} of core's event types ({@code WidgetEvent.CallEvent}, {@code ReceivedWidgetEvent}) is
     * never called: the starter publishes {@code WidgetApplicationEvent}s. A trial's listeners were silent, with
     * nothing said; said once per method, at start-up, with the parameter to take.
     */
    private void warnIfTakesCoreEvent(Method method) {
        EventListener listener = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        if (listener == null) {
            return;
        }
        List<Class<?>> taken = new ArrayList<>(Arrays.asList(method.getParameterTypes()));
        taken.addAll(Arrays.asList(listener.classes()));
        for (Class<?> type : taken) {
            boolean widgetEvent = WidgetEvent.class.isAssignableFrom(type);
            if ((widgetEvent || type == ReceivedWidgetEvent.class) && namedCoreTypeListeners.add(method)) {
                String event = widgetEvent ? type.getName().substring(type.getPackageName().length() + 1).replace('$', '.')
                        : "WidgetEvent";
                LOG.warn("RingCentral Embeddable: the @EventListener " + method.getDeclaringClass().getName() + "."
                        + method.getName() + "(" + type.getSimpleName() + ") is never called with widget events: the"
                        + " starter publishes each as a " + WidgetApplicationEvent.class.getName() + ". Take"
                        + " WidgetApplicationEvent<" + event + "> instead (" + (widgetEvent ? "getEvent() is the " + event
                        : "getReceived() is the ReceivedWidgetEvent") + ").");
                return;
            }
        }
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
        return takesEveryWidgetEvent(method) ? new EveryWidgetEventListener(beanName, type, method)
                : new WidgetEventMethodListener(beanName, type, method);
    }

    /** Spring's listener of the method, except that a failure in the starter's publication lets the others run. */
    static class WidgetEventMethodListener extends ApplicationListenerMethodAdapter {

        WidgetEventMethodListener(String beanName, Class<?> targetClass, Method method) {
            super(beanName, targetClass, method);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            try {
                super.onApplicationEvent(event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // an Error too: a Kotlin suspend listener without coroutines-reactor fails with NoClassDefFoundError,
                // which took every event from the listeners after it (a review)
                if (!SpringEventPublisher.tookFailure(e)) {
                    throw e; // an event someone else published: Spring's usual behaviour
                }
            }
        }
    }

    /** A listener of {@code WidgetApplicationEvent<WidgetEvent>}: every widget event, whatever its concrete type. */
    static final class EveryWidgetEventListener extends WidgetEventMethodListener {

        EveryWidgetEventListener(String beanName, Class<?> targetClass, Method method) {
            super(beanName, targetClass, method);
        }

        @Override
        public boolean supportsEventType(ResolvableType eventType) {
            Class<?> event = eventType.toClass();
            if (PayloadApplicationEvent.class.isAssignableFrom(event)) {
                event = eventType.as(PayloadApplicationEvent.class).getGeneric(0).toClass();
            }
            return WidgetApplicationEvent.class.isAssignableFrom(event);
        }

        @Override
        protected Object @Nullable [] resolveArguments(ApplicationEvent event) {
            // Spring's own resolution compares the generics invariantly too and would find no argument.
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof WidgetApplicationEvent<?> widget) {
                return new Object[] {widget};
            }
            return super.resolveArguments(event);
        }
    }

    /**
     * An {@code @EventListener} whose one parameter is {@code WidgetApplicationEvent<WidgetEvent>}, and no other kind
     * of listener annotation (a transactional one stays with its own factory).
     */
    static boolean takesEveryWidgetEvent(Method method) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != WidgetApplicationEvent.class
                || AnnotatedElementUtils.hasAnnotation(method, EventListener.class) && !method.isAnnotationPresent(EventListener.class)) {
            return false;
        }
        ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
        return parameter.getGeneric(0).resolve() == WidgetEvent.class;
    }

    @Override
    public void afterSingletonsInstantiated() {
        searched = true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Whether some bean listens to widget events: an {@code @EventListener} method or an {@code ApplicationListener} bean. */
    boolean hasListeners(ConfigurableListableBeanFactory beanFactory) {
        if (!searched) {
            return SpringEventPublisher.hasSpringListeners(beanFactory);
        }
        return listenerMethodSeen || hasListenerBeans(beanFactory);
    }

    /**
     * Whether a bean is an {@code ApplicationListener<PayloadApplicationEvent<WidgetApplicationEvent<...>>>} (the
     * widget event is published as a payload). Read from bean types, without creating beans.
     */
    static boolean hasListenerBeans(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanNamesForType(ApplicationListener.class, true, false)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && listensToWidgetEvents(ResolvableType.forClass(type))) {
                return true;
            }
            // a lambda's generics are only in its @Bean method's return type, which Spring itself matches on
            if (beanFactory.containsBeanDefinition(name)
                    && listensToWidgetEvents(beanFactory.getMergedBeanDefinition(name).getResolvableType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean listensToWidgetEvents(ResolvableType listener) {
        ResolvableType event = listener.as(ApplicationListener.class).getGeneric(0);
        Class<?> payload = PayloadApplicationEvent.class.equals(event.resolve()) ? event.getGeneric(0).resolve() : null;
        return payload != null && WidgetApplicationEvent.class.isAssignableFrom(payload);
    }

    /** {@link #hasListeners} once Spring's search has run; null before. */
    @Nullable Boolean listenersOnceSearched(ConfigurableListableBeanFactory beanFactory) {
        return searched ? hasListeners(beanFactory) : null;
    }

    /**
     * Whether Spring's search, not run yet, may still find a listener that the search by bean types cannot see: a bean
     * not made yet whose declared type is an interface or an abstract class (its class's methods are unknown until it
     * exists). False once the search has run.
     */
    boolean mayFindListenersLater(ConfigurableListableBeanFactory beanFactory) {
        if (searched) {
            return false;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && !type.getName().startsWith("org.springframework.") && !type.getName().startsWith("java.")
                    && (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the method is an {@code @EventListener} taking a widget event (or naming it in {@code classes}). */
    static boolean takesWidgetEvents(Method method) {
        EventListener listener = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        if (listener == null) {
            return false;
        }
        for (Class<?> parameter : method.getParameterTypes()) {
            if (WidgetApplicationEvent.class.isAssignableFrom(parameter)) {
                return true;
            }
        }
        for (Class<?> named : listener.classes()) {
            if (WidgetApplicationEvent.class.isAssignableFrom(named)) {
                return true;
            }
        }
        return false;
    }
}
