package io.github.embeddable4j.vaadin;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.inject.InjectionRules;

/**
 * Keeps an injecting filter (the servlet filter of embeddable4j, which the Spring Boot starter registers) off Vaadin's
 * bootstrap page: with this module on the classpath, {@link RingCentralEmbeddable} places the widget, and a loader
 * injected into the page as well would load the widget twice. Registered through {@code META-INF/services}; Vaadin
 * (with or without Spring) runs it once per service.
 */
@Internal("Vaadin's service loader (META-INF/services)")
public class FilterSkippingServiceInitListener implements VaadinServiceInitListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response ->
                response.getVaadinRequest().setAttribute(InjectionRules.SKIP_ATTRIBUTE, Boolean.TRUE));
    }
}
