package io.github.embeddable4j.servlet.testing;

import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A browser for sign in once's tests over HTTP: one cookie jar, redirects followed by hand, and the request headers a
 * browser sends when it navigates the window to a page (which connect-on-login waits for) or a script fetches one.
 */
public final class SignInBrowser {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String origin;

    /** A browser of the application at {@code origin}, such as {@code http://localhost:8080}. */
    public SignInBrowser(String origin) {
        this.origin = origin;
    }

    /** The absolute URL of a path of the application (a URL is kept as it is). */
    public String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathOrUrl) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(pathOrUrl))));
    }

    /** The browser's own navigation of the window to a page, as Chromium sends it. */
    public HttpResponse<String> navigate(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document"));
    }

    /** A page script's {@code fetch()} of a page. */
    public HttpResponse<String> fetch(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty"));
    }

    public HttpResponse<String> post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The response's {@code Location}; an {@link AssertionError} when it has none. */
    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    /** The {@code Set-Cookie} headers of the widget-logout mark (setting or clearing it). */
    public static List<String> logoutMarks(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WidgetLogoutCookie.NAME + "=")).toList();
    }
}
