package io.github.embeddable4j.core.login;

import io.github.embeddable4j.core.Internal;

/**
 * The mark an application's sign-out leaves for the next page: a cookie asking that page's widget to log its
 * RingCentral user out, so the next person at this browser does not inherit the phone (the widget keeps its login in
 * the browser, apart from the application's session, which is usually gone by then). Every adapter reads the same
 * cookie: the servlet filter's pages and the Vaadin component alike.
 *
 * <p>The mark stays until the widget acted on it: the page's script clears it once it logged out the login the widget
 * restored, or saw a fresh login (the new user's own); a page carrying a new login (sign in once's handoff) logs
 * nothing out and clears it once its widget reports that login, or the login it kept for that same handoff (a frame
 * loaded again). Cleared when
 * a page was written, it was lost when the user left that page before its widget loaded, and the next page's widget
 * kept the previous user's phone. So it is not {@code HttpOnly}: the page's script must be able to clear it. Its value
 * says nothing but "log out".
 */
public final class WidgetLogoutCookie {

    /** The cookie's name. */
    public static final String NAME = "E4J_WIDGET_LOGOUT";
    /** Its path: every page of the host. */
    public static final String PATH = "/";
    /** How long it waits for a page with the widget: a day. */
    public static final int MAX_AGE_SECONDS = 60 * 60 * 24;
    /**
     * The request attribute ({@code Boolean.TRUE}) of a request whose own response sets the cookie: a page or component
     * rendered in that same request acts on the mark too, since the cookie only comes back with the next request (a
     * Vaadin trial: a sign-in in a UI event, then {@code UI.navigate} to the view holding the phone, never logged the
     * previous user's widget out). Whatever acts on it removes it.
     */
    @Internal("embeddable4j's adapters, which tell one another the mark was set")
    public static final String SET_IN_REQUEST_ATTRIBUTE = NAME + ".set";

    /**
     * The {@code Set-Cookie} header value that sets the cookie: {@code SameSite=Lax}, not {@code HttpOnly} (see above). Written as a
     * header rather than through a framework's cookie type, because {@code SameSite} needs Servlet 6's
     * {@code Cookie.setAttribute}, which a Servlet 5 container (Jetty 11, Tomcat 10.0) does not have.
     *
     * <pre>{@code response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader());}</pre>
     */
    public static String setCookieHeader() {
        return setCookieHeader(false);
    }

    /**
     * The same, with {@code Secure} when the page was requested over HTTPS (behind a TLS-terminating proxy, as the
     * server sees it once it reads the proxy's forwarded headers): the value is no secret, but scanners flag a cookie
     * set over HTTPS without it, and it then never travels over plain HTTP.
     *
     * <pre>{@code response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader(request.isSecure()));}</pre>
     */
    public static String setCookieHeader(boolean secure) {
        return NAME + "=1; Path=" + PATH + "; Max-Age=" + MAX_AGE_SECONDS + "; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /**
     * The {@code Set-Cookie} header value that clears the cookie, for a page carrying a new login: the same attributes,
     * so a browser matches it to the cookie it holds, and {@code Max-Age=0}. Every adapter clears it with this one
     * header, rather than each through its framework's cookie type (which differ in what they add).
     *
     * <pre>{@code response.addHeader("Set-Cookie", WidgetLogoutCookie.clearCookieHeader(request.isSecure()));}</pre>
     */
    public static String clearCookieHeader(boolean secure) {
        return NAME + "=; Path=" + PATH + "; Max-Age=0; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private WidgetLogoutCookie() {
    }
}
