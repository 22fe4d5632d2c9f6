package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a third-party service registers with the widget: its name, the paths of the call-outs it serves (only those:
 * the widget shows a feature exactly when its path is registered) and display options. Built by
 * {@link ThirdPartyService.Builder} from the providers present; immutable.
 *
 * <pre>{@code String message = WidgetCommand.registerService(service.descriptor()).toJson();}</pre>
 */
public final class ServiceDescriptor {

    private final String name;
    private final @Nullable String displayName;
    private final Map<Callout, String> paths;
    private final Map<String, Callout> byPath;
    private final Map<String, @Nullable Object> options;
    private final @Nullable AuthorizationStatus authorization;

    ServiceDescriptor(String name, @Nullable String displayName, Map<Callout, String> paths, Map<String, @Nullable Object> options,
            @Nullable AuthorizationStatus authorization) {
        this.name = Objects.requireNonNull(name, "name");
        this.displayName = displayName;
        EnumMap<Callout, String> p = new EnumMap<>(Callout.class);
        p.putAll(paths);
        this.paths = Collections.unmodifiableMap(p);
        Map<String, Callout> reverse = new LinkedHashMap<>();
        p.forEach((callout, path) -> reverse.put(path, callout));
        this.byPath = Collections.unmodifiableMap(reverse);
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.authorization = authorization;
    }

    /** The service name: the widget's {@code type} of every contact you return. */
    public String name() {
        return name;
    }

    /** The name shown to users (the display name, or the name). */
    public String displayName() {
        return displayName != null ? displayName : name;
    }

    /** The registered call-outs and their paths, in {@link Callout} order. */
    public Map<Callout, String> paths() {
        return paths;
    }

    /** The path of a call-out, when it is registered. */
    public Optional<String> path(Callout callout) {
        return Optional.ofNullable(paths.get(callout));
    }

    /** Which call-out a path belongs to, when it is registered. */
    public Optional<Callout> calloutAt(@Nullable String path) {
        return Optional.ofNullable(path == null ? null : byPath.get(path));
    }

    /** Whether the call-out is registered. */
    public boolean serves(Callout callout) {
        return paths.containsKey(callout);
    }

    /** Display options and settings other than name and paths, such as {@code callLoggerTitle}. */
    public Map<String, @Nullable Object> options() {
        return options;
    }

    /** The authorization status sent with the registration, when an authorization button is registered. */
    public Optional<AuthorizationStatus> authorization() {
        return Optional.ofNullable(authorization);
    }

    /**
     * This descriptor with a user's authorization status (meaningful only with {@link Callout#AUTHORIZATION}
     * registered; ignored otherwise).
     */
    public ServiceDescriptor withAuthorization(AuthorizationStatus status) {
        Objects.requireNonNull(status, "status");
        return new ServiceDescriptor(name, displayName, paths, options, serves(Callout.AUTHORIZATION) ? status : null);
    }

    /**
     * This descriptor with only the Do Not Contact check's path, if it has one: what a caller who has not signed in is
     * registered with where the service answers signed-in users only, so their widget shows no contacts or "Log"
     * buttons that would only fail, and still checks before a call.
     */
    ServiceDescriptor doNotContactOnly() {
        Map<Callout, String> kept = new EnumMap<>(Callout.class);
        path(Callout.DO_NOT_CONTACT).ifPresent(p -> kept.put(Callout.DO_NOT_CONTACT, p));
        return new ServiceDescriptor(name, displayName, kept, options, null);
    }

    /** The {@code service} object of the registration message, as JSON. */
    public String toJson() {
        return CrmJson.write(toTree());
    }

    ObjectNode toTree() {
        ObjectNode o = CrmJson.NODES.objectNode().put("name", name);
        if (displayName != null) {
            o.put("displayName", displayName);
        }
        paths.forEach((callout, path) -> o.put(callout.registrationField(), path));
        options.forEach((k, v) -> o.set(k, CrmJson.tree(v)));
        if (serves(Callout.AUTHORIZATION)) {
            AuthorizationStatus status = authorization != null ? authorization : AuthorizationStatus.unauthorized();
            o.put("authorized", status.authorized());
            if (status.account() != null) {
                o.put("authorizedAccount", status.account());
            }
        }
        return o;
    }

    @Override
    public String toString() {
        return "ServiceDescriptor" + toJson();
    }
}
