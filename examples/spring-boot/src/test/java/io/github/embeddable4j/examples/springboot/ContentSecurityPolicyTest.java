package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Spring calls an interceptor's {@code preHandle} again when an async request (a {@code DeferredResult}) is dispatched
 * back. A new nonce then went into the header and the loader, while the page's model still held the first one, so the
 * page's own inline script was refused (found by a trial; the docs' interceptor had the same flaw).
 */
class ContentSecurityPolicyTest {

    private final HandlerInterceptor interceptor = new ContentSecurityPolicy(
            Embeddable.of(EmbeddableConfig.defaults()).contentSecurityPolicy()).interceptor();

    @Test
    void theAsyncDispatchOfARequestKeepsItsNonce() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/deferred");
        MockHttpServletResponse response = new MockHttpServletResponse();
        interceptor.preHandle(request, response, new Object());
        Object first = request.getAttribute(ContentSecurityPolicy.NONCE_ATTRIBUTE);
        assertThat(first).isInstanceOf(String.class);
        assertThat(response.getHeader("Content-Security-Policy")).contains("'nonce-" + first + "'");

        request.setDispatcherType(DispatcherType.ASYNC);
        interceptor.preHandle(request, response, new Object());
        assertThat(request.getAttribute(ContentSecurityPolicy.NONCE_ATTRIBUTE)).isEqualTo(first);
        assertThat(response.getHeaders("Content-Security-Policy")).hasSize(1).allMatch(h -> h.contains("'nonce-" + first + "'"));

        MockHttpServletRequest next = new MockHttpServletRequest("GET", "/contacts");
        interceptor.preHandle(next, new MockHttpServletResponse(), new Object());
        assertThat(next.getAttribute(ContentSecurityPolicy.NONCE_ATTRIBUTE)).as("each request its own").isNotEqualTo(first);
    }
}
