package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.bridge.BridgeError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The redirect page of the widget an {@link EmbeddableSelector} picks for a request, for {@link RedirectPageServlet}
 * and {@link LoginHandoffServlet} alike: each widget's page is built once (a page holds its widget's origins, not the
 * widget, so a weak map lets a replaced widget go), and its redirect URI checked against the servlet's mapping then;
 * a request without a widget gets a 404.
 */
final class SelectedRedirectPages {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    private record Served(RedirectPage page, byte[] body) {
    }

    private final EmbeddableSelector selector;
    /** The warnings for a widget whose redirect URI this servlet may not serve (its mapping, its context path). */
    private final Function<Embeddable, List<String>> mismatches;
    private final Map<Embeddable, Served> pages = Collections.synchronizedMap(new WeakHashMap<>());

    SelectedRedirectPages(EmbeddableSelector selector, Function<Embeddable, List<String>> mismatches) {
        this.selector = selector;
        this.mismatches = mismatches;
    }

    /** Serves the selected widget's page (GET, HEAD), or a 404 when the request has none. */
    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Embeddable widget = EmbeddableFilter.selected(selector, request);
        if (widget == null) {
            EmbeddableFilter.skip(request);
            JsonResponses.error(response, new BridgeError(404, "not-found", "No redirect page here."));
            return;
        }
        Served served = pages.get(widget);
        if (served == null) {
            // Made outside a lambda, so that java.util.logging names this method rather than lambda$serve$0. Two
            // requests for a new widget may both make its page; the first kept wins, and only it warns.
            RedirectPage page = RedirectPage.of(widget);
            Served made = new Served(page, page.bytes());
            served = pages.putIfAbsent(widget, made);
            if (served == null) {
                served = made;
                for (String warning : mismatches.apply(widget)) {
                    log().log(System.Logger.Level.WARNING, warning);
                }
            }
        }
        RedirectPageServlet.serve(served.page(), served.body(), request, response);
    }
}
