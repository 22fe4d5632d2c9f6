package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RingCentralSite;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With {@code disableLoginPopup} the widget asks the page to open the login popup ({@code rc-login-popup-notify}), and
 * the loader in the application's page opens it: the redirect page's opener is then on its own origin. RingCentral's
 * stock {@code redirect.js} posts {@code {callbackUri}} to its own origin too; this page posted only to the widget
 * origins and closed, so such a login did nothing (found by a review, against the real page).
 */
class HostOpenedLoginPopupBrowserTest {

    @Test
    void aPageOfTheApplicationsOwnThatOpenedThePopupGetsTheCallback() throws Exception {
        assertThat(callbackTo("/sdk/redirect?code=c0de&state=x-s1", null))
                .singleElement().asString().endsWith("/sdk/redirect?code=c0de&state=x-s1");
    }

    /** The control: RingCentral's own page, served on the application's origin, does so. */
    @Test
    void theStockPageDoesSoToo() throws Exception {
        Optional<Path> stock = RingCentralSite.fixtures(HostOpenedLoginPopupBrowserTest.class);
        Assumptions.assumeTrue(stock.isPresent(), RingCentralSite.ABSENT);
        assertThat(callbackTo("/stock/redirect.html?code=c0de&state=x-s1", stock.get()))
                .singleElement().asString().endsWith("/stock/redirect.html?code=c0de&state=x-s1");
    }

    /** What a page of the server's opens at {@code path} in a popup hands back to it, in Chromium. */
    @SuppressWarnings("unchecked")
    private static List<Object> callbackTo(String path, Path stock) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://localhost:" + server.getAddress().getPort();
        RedirectPage page = RedirectPage.of(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .disableLoginPopup(true).redirectUri(origin + "/sdk/redirect").build()));
        server.createContext("/", exchange -> {
            String at = exchange.getRequestURI().getPath();
            byte[] body;
            String type = "text/html;charset=UTF-8";
            if (at.equals("/sdk/redirect")) {
                page.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                body = page.bytes();
            } else if (at.startsWith("/stock/") && stock != null) {
                body = Files.readAllBytes(stock.resolve(at.substring("/stock/".length())));
                type = at.endsWith(".js") ? "text/javascript" : type;
            } else {
                body = "<!DOCTYPE html><html><body>host</body></html>".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get(origin + "/host.html");
            chromium.script("window.__cb = []; window.addEventListener('message', function (e) {"
                    + " if (e.data && e.data.callbackUri) { window.__cb.push(e.data.callbackUri); } });"
                    + " window.open(arguments[0], 'login', 'width=400,height=400');", origin + path);
            chromium.await(d -> chromium.windows().size() == 1 ? true : null); // the popup closed itself
            Thread.sleep(500); // a message posted before it closed has arrived by now
            return (List<Object>) chromium.script("return window.__cb");
        } finally {
            server.stop(0);
        }
    }
}
