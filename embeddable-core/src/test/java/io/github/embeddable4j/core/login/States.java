package io.github.embeddable4j.core.login;

import java.net.URI;

/** The state a connect's redirect to RingCentral carries, which RingCentral's answer brings back. */
final class States {

    private States() {
    }

    static String of(LoginEndpoints.Redirect redirect) {
        for (String pair : URI.create(redirect.location()).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return pair.substring("state=".length());
            }
        }
        throw new AssertionError("no state in " + redirect.location());
    }
}
