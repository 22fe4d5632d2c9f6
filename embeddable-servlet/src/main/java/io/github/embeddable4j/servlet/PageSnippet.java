package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.BridgeScript;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.PolicyNonceWarning;
import io.github.embeddable4j.core.login.LoginHandoff;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * What the filter puts into a page: the widget's loader and, when events go to the server, the bridge script. The part
 * that does not depend on the request is encoded once; the nonce, the CSRF token and a login handoff are added per
 * request. A snippet with a handoff is built for its one page and never kept.
 */
@NullUnmarked // internal: the bridge, nonce and handoff are optional per page
final class PageSnippet {

    private final Embeddable embeddable;
    private final BridgeScript bridge;
    private final CsrfTokenResolver csrf;
    /**
     * The whole snippet without a nonce or a token, encoded once. Embeddable's markup is pure ASCII, so these bytes
     * are right in every ASCII-compatible charset. Not cached when secrets are rendered: each render must log its warning.
     */
    private final byte[] plain;
    /** Says once when a page's policy refuses these tags' nonce. */
    final PolicyNonceWarning nonceWarning = new PolicyNonceWarning();
    /** Whether a resolver's failure was logged: said once per filter, not once per page. */
    private final java.util.concurrent.atomic.AtomicBoolean resolverFailureLogged = new java.util.concurrent.atomic.AtomicBoolean();

    PageSnippet(Embeddable embeddable, BridgeScript bridge, CsrfTokenResolver csrf) {
        this.embeddable = embeddable;
        this.bridge = bridge;
        CsrfTokenResolver tokens = csrf == null ? CsrfTokenResolver.none() : csrf;
        // A resolver that fails leaves the page its widget (and the bridge without a token), as in WebFlux: a review
        // found every page answering 500 instead
        this.csrf = request -> {
            try {
                return tokens.resolve(request);
            } catch (RuntimeException e) {
                resolverFailed("CSRF token resolver", e);
                return null;
            }
        };
        this.plain = embeddable.config().secrets().isEmpty()
                ? text(null, null, null, false).getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** The page's CSP nonce from the application's resolver; null, and said once in the log, when it fails. */
    @Nullable String nonce(NonceResolver nonces, HttpServletRequest request) {
        try {
            return nonces.resolve(request);
        } catch (RuntimeException e) {
            resolverFailed("nonce resolver", e);
            return null;
        }
    }

    private void resolverFailed(String which, RuntimeException e) {
        if (resolverFailureLogged.compareAndSet(false, true)) {
            System.getLogger(PageSnippet.class.getName()).log(System.Logger.Level.WARNING, "RingCentral Embeddable: the "
                    + which + " failed, so pages go on without what it gives (logged once): " + e, e);
        }
    }

    /** Whether the snippet has the bridge script. */
    boolean hasBridge() {
        return bridge != null;
    }

    /**
     * The snippet for this request, with its nonce and its one-time login handoff (both may be null); {@code
     * signOutMarked}: the application's sign-out mark is set. A page carrying a login does not also log the widget out:
     * the widget takes the code whenever its externalAuthId differs (another user: it signs in as that one), and a
     * logout would end that new login; its script ends the mark once the widget reports it.
     */
    String text(HttpServletRequest request, String nonce, LoginHandoff handoff, boolean signOutMarked) {
        String loader = handoff == null ? embeddable.scriptTag(nonce) : embeddable.scriptTagWithLoginHandoff(nonce, handoff);
        if (bridge == null) {
            return loader;
        }
        CsrfTokenResolver.Token token = request == null ? null : csrf.resolve(request);
        return loader + bridge.tag(nonce, token == null ? null : token.headerName(), token == null ? null : token.value(),
                BridgeScript.SignOutMark.of(signOutMarked, handoff != null), null);
    }

    /** The bridge script alone, for a page that placed the loader itself ("" without a bridge). */
    String bridgeOnly(HttpServletRequest request, String nonce) {
        return bridgeOnly(request, nonce, BridgeScript.SignOutMark.NONE, null);
    }

    /** The bridge's tag alone, for a page that places the widget itself; for an iframe form, with its frame's id. */
    String bridgeOnly(HttpServletRequest request, String nonce, BridgeScript.SignOutMark mark, String frameId) {
        if (bridge == null) {
            return "";
        }
        CsrfTokenResolver.Token token = request == null ? null : csrf.resolve(request);
        return bridge.tag(nonce, token == null ? null : token.headerName(), token == null ? null : token.value(),
                mark, frameId);
    }

    byte[] bytes(HttpServletRequest request, String nonce, LoginHandoff handoff, boolean signOutMarked, Charset charset) {
        boolean perRequest = handoff != null || signOutMarked || (nonce != null && !nonce.isEmpty())
                || (bridge != null && csrf.resolve(request) != null);
        return !perRequest && plain != null ? plain : text(request, nonce, handoff, signOutMarked).getBytes(charset);
    }
}
