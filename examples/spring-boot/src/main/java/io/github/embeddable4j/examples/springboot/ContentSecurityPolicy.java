package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.CspSources;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A strict Content-Security-Policy on the application's own pages: scripts only from this origin or with the page's
 * nonce, nothing framed but the widget. The nonce goes into the request attribute {@code _csp_nonce}, where the
 * starter's filter finds it for the loader it injects, and the starter's {@link CspSources} adds what the widget needs
 * (its loader's origin, its frame origins, inline styles the loader sets).
 *
 * <p>Only pages Spring MVC serves get it (an interceptor, not a filter): the starter's own servlets, such as the
 * redirect page with its inline script allowed by hash, set their own policy, and a second policy would be enforced
 * on top of theirs.
 */
@Configuration(proxyBeanMethods = false)
public class ContentSecurityPolicy implements WebMvcConfigurer {

    /** The request attribute the starter reads the nonce from by default. */
    static final String NONCE_ATTRIBUTE = "_csp_nonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CspSources widget;

    public ContentSecurityPolicy(CspSources widget) {
        this.widget = widget;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor());
    }

    /** Sets the nonce and the policy before a controller writes the page. */
    HandlerInterceptor interceptor() {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // Spring calls this again when an async request (DeferredResult, Callable) is dispatched back: keep
                // the nonce the page's model already holds, or its own scripts would carry a nonce the policy lacks
                String nonce = request.getAttribute(NONCE_ATTRIBUTE) instanceof String existing ? existing : newNonce();
                request.setAttribute(NONCE_ATTRIBUTE, nonce);
                response.setHeader("Content-Security-Policy", policy(nonce));
                return true;
            }
        };
    }

    private static String newNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The application's own policy with the widget's sources merged in. */
    String policy(String nonce) {
        return widget.mergeInto("default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self';"
                + " img-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'");
    }
}
