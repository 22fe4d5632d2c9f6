package io.github.embeddable4j.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs that Spring AOT cannot see: the class path resources read at run time, and the JDK proxies
 * of a request and an exchange that the start-up check of Spring Security's rules makes. Everything else the starter does
 * needs no reflection of its own (JSON goes through Jackson's tree model; the properties class is
 * covered by Spring's own hints for {@code @ConfigurationProperties}).
 */
final class EmbeddableRuntimeHints implements RuntimeHintsRegistrar {

    /** The bridge's glue script, the setup page's style sheet, and libphonenumber's metadata (contact matching). */
    static final String[] RESOURCES = {
        "io/github/embeddable4j/core/embeddable4j.js",
        "io/github/embeddable4j/core/setup/setup-page.css",
        "com/google/i18n/phonenumbers/data/*",
    };

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        for (String pattern : RESOURCES) {
            hints.resources().registerPattern(pattern);
        }
        // The requests the start-up check of Spring Security's rules makes up (AnonymousRequest, AnonymousExchange)
        for (String type : new String[] {SERVLET_REQUEST, "org.springframework.web.server.ServerWebExchange",
            "org.springframework.http.server.reactive.ServerHttpRequest",
            "org.springframework.http.server.reactive.ServerHttpResponse"}) {
            if (org.springframework.util.ClassUtils.isPresent(type, classLoader)) {
                hints.proxies().registerJdkProxy(org.springframework.aot.hint.TypeReference.of(type));
            }
        }
    }

    private static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";
}
