package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as the HTTP client sees it: its own cookies (the WebSession's), no redirect followed, and Spring
 * Security's form login and logout, each POST with the CSRF token of the login page.
 */
final class FormLoginBrowser {

    /** What Chromium sends when it navigates to a page. */
    static final String[] NAVIGATION = {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Sec-Fetch-Mode", "navigate"};
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String origin;

    FormLoginBrowser(int port) {
        this("localhost", port);
    }

    /** A browser of the application at another host name (a tenant's, where a selector picks by host). */
    FormLoginBrowser(String host, int port) {
        this.origin = "http://" + host + ":" + port;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : origin + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> navigate(String path) throws Exception {
        return get(path, NAVIGATION);
    }

    HttpResponse<String> signIn(String user) throws Exception {
        return post("/login", "username=" + user + "&password=secret&_csrf=" + MockRingCentral.enc(csrf()));
    }

    HttpResponse<String> signOut() throws Exception {
        return post("/logout", "_csrf=" + MockRingCentral.enc(csrf()));
    }

    /** A POST of JSON from this origin's page, as the bridge's script sends it (no CSRF token). */
    HttpResponse<String> postJson(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(origin + path)).header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf() throws Exception {
        String page = get("/login").body();
        Matcher input = CSRF.matcher(page);
        assertThat(input.find()).as(page).isTrue();
        Matcher value = VALUE.matcher(input.group());
        assertThat(value.find()).as(input.group()).isTrue();
        return value.group(1);
    }

    /**
     * This browser's WebSession cookie, as a {@code Cookie} header's value: sent to another host, it stands for a
     * session cookie several hosts share (one set for a parent domain).
     */
    String sessionCookie() {
        return cookies.getCookieStore().get(URI.create(origin)).stream().filter(c -> c.getName().equals("SESSION"))
                .map(java.net.HttpCookie::toString).findFirst()
                .orElseThrow(() -> new AssertionError("no SESSION cookie: " + cookies.getCookieStore().getCookies()));
    }

    /** A navigation to {@code url} (another host's) with only {@code cookie}, as another tab of the browser would. */
    static HttpResponse<String> navigate(String url, String cookie) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header(NAVIGATION[0], NAVIGATION[1]).header(NAVIGATION[2], NAVIGATION[3]).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code Set-Cookie} headers of a response that set or clear the widget-logout mark. */
    static List<String> widgetLogoutCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("E4J_WIDGET_LOGOUT=")).toList();
    }
}
