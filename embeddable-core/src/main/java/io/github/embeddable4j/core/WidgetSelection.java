package io.github.embeddable4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an application serving several tenants decides per request, the same for the servlet and WebFlux adapters: the
 * widget its selector picks, asked once per request (kept in the request's attributes, so a page's filter, its
 * template tags and its redirect page get the same widget), and a bounded cache of what is built per widget.
 *
 * <pre>{@code Embeddable widget = WidgetSelection.once(selector, request::getAttribute, request::setAttribute, () -> selector.select(request));}</pre>
 */
@Internal("embeddable4j's servlet and WebFlux adapters, which ask an application's selector")
public final class WidgetSelection {

    /** The request attribute holding what the selector picked (the widget, or {@code Boolean.FALSE} for none). */
    public static final String ATTRIBUTE = "io.github.embeddable4j.selectedWidget";
    /** How many widgets' built parts {@link #recentlyUsed} keeps. */
    public static final int MAX_WIDGETS = 4096;

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(WidgetSelection.class.getName());
    }

    /** The selectors whose failure was logged: once each. */
    private static final Set<Object> FAILED = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    private WidgetSelection() {
    }

    /**
     * What {@code select} answers for this request, asked once per request; null for none, or when it throws (said once
     * per {@code selector} in the log: the page goes on without the widget).
     *
     * @param selector     the application's selector, as the key its failure is logged under
     * @param getAttribute the request's attribute lookup
     * @param setAttribute the request's attribute setter
     */
    public static @Nullable Embeddable once(Object selector, Function<String, @Nullable Object> getAttribute,
            BiConsumer<String, Object> setAttribute, Supplier<@Nullable Embeddable> select) {
        Object known = getAttribute.apply(ATTRIBUTE);
        if (known instanceof Embeddable widget) {
            return widget;
        } else if (known != null) {
            return null; // asked already: none
        }
        Embeddable widget;
        try {
            widget = select.get();
        } catch (RuntimeException e) {
            if (FAILED.add(selector)) {
                log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: the application's selector ("
                        + selector.getClass().getName() + ") failed, so this request goes on without the widget"
                        + " (logged once): " + e, e);
            }
            widget = null;
        }
        setAttribute.accept(ATTRIBUTE, widget != null ? widget : Boolean.FALSE);
        return widget;
    }

    /**
     * A map by widget identity keeping the {@link #MAX_WIDGETS} most recently used, for what is built once per widget:
     * a value that holds its widget would keep a weak map's keys, so a replaced tenant's widget goes from here instead;
     * one dropped is built again if chosen again.
     */
    public static <V> Map<Embeddable, V> recentlyUsed() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Embeddable, V> eldest) {
                return size() > MAX_WIDGETS;
            }
        });
    }
}
