package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code embeddable} actuator endpoint ({@code /actuator/embeddable}, exposed as any other:
 * {@code management.endpoints.web.exposure.include=health,embeddable}): the graduation progress the setup page shows,
 * as JSON, for a team that watches its instances through the actuator. Read from the store on each request, so it
 * counts every instance sharing the store; a store that cannot be read is said in {@code error} (its kind; the log has
 * its message), not a 500. When the
 * tracker is off, {@code graduation} is {@code {"enabled": false}}.
 */
@Endpoint(id = "embeddable")
final class EmbeddableEndpoint {

    private final @Nullable GraduationTracker tracker;

    EmbeddableEndpoint(@Nullable GraduationTracker tracker) {
        this.tracker = tracker;
    }

    @ReadOperation
    Map<String, Object> embeddable() {
        return Map.of("graduation", graduation(tracker));
    }

    private static Map<String, Object> graduation(@Nullable GraduationTracker tracker) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", tracker != null);
        if (tracker == null) {
            return out;
        }
        out.put("clientId", tracker.scope().clientId());
        out.put("server", tracker.scope().appServer().origin());
        out.put("demoApp", tracker.scope().demoApp());
        GraduationProgress progress;
        try {
            progress = tracker.progress();
        } catch (RuntimeException e) { // a GraduationStoreException, or whatever a store of the application's throws
            // The log has the message; the answer only the kind, as the setup page: a store's message may hold a JDBC
            // URL with its password, and the endpoint is shown to whoever may read the actuator
            org.apache.commons.logging.LogFactory.getLog(EmbeddableEndpoint.class).warn("RingCentral Embeddable: cannot read graduation progress", e);
            out.put("error", e.getClass().getSimpleName() + " (the application's log has the details)");
            return out;
        }
        out.put("readyForProduction", progress.readyForProduction());
        List<Map<String, Object>> criteria = progress.items().stream().map(item -> {
            Map<String, Object> criterion = new LinkedHashMap<>();
            criterion.put("name", item.criterion().name());
            criterion.put("requirement", item.criterion().requirement());
            criterion.put("status", item.status().name());
            if (item.status() != GraduationProgress.Status.CHECK_BY_HAND) {
                criterion.put("count", item.count());
                criterion.put("target", item.target());
            }
            return criterion;
        }).toList();
        out.put("criteria", criteria);
        return out;
    }
}
