/**
 * The server side of the HTTP bridge between the page and the server, the same for every adapter: the checks a bridge
 * request must pass ({@link io.github.embeddable4j.core.bridge.BridgeRequestCheck}: POST, JSON, same origin, size),
 * the event batch the bridge script posts ({@link io.github.embeddable4j.core.bridge.EventBatch}), the per-session
 * rate limit, and the third-party service relay ({@link io.github.embeddable4j.core.bridge.ServiceRelay}).
 * {@link io.github.embeddable4j.core.bridge.BridgeHandler} is API: the whole bridge for a server without an adapter.
 * {@link io.github.embeddable4j.core.bridge.BridgeLimits} and {@link io.github.embeddable4j.core.bridge.BridgeRefusals}
 * are API (the servlet module's {@code BridgeServlet} takes them); the rest is {@link io.github.embeddable4j.core.Internal}: building blocks of embeddable4j's own adapters.
 */
@NullMarked
package io.github.embeddable4j.core.bridge;

import org.jspecify.annotations.NullMarked;
