package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.bridge.BridgeError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The short JSON answers of this module's endpoints: every refusal in core's one form ({@link BridgeError#toJson()}). */
final class JsonResponses {

    private JsonResponses() {
    }

    /** A 405 for a path that answers only {@code allow}. */
    static void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        error(response, BridgeError.methodNotAllowed(allow));
    }

    /** The refusal, with its {@code Allow} and {@code Retry-After}; nothing when the response is already committed. */
    static void error(HttpServletResponse response, BridgeError e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(e.status());
        String allow = e.allow();
        if (allow != null) {
            response.setHeader("Allow", allow);
        }
        if (e.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        json(response, e.toJson());
    }

    /** A JSON body, never cached, never sniffed as anything else. */
    static void json(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
