package io.github.embeddable4j.vaadin;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.github.embeddable4j.core.Internal;

/**
 * Records each UI's page request as the UI is made ({@link PageRequest}), for what the component needs of it in a later
 * push message. Registered through {@code META-INF/services}; Vaadin (with or without Spring) runs it once per service.
 */
@Internal("Vaadin's service loader (META-INF/services)")
public class PageRequestRecorder implements VaadinServiceInitListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> PageRequest.record(init.getUI(), VaadinRequest.getCurrent()));
    }
}
