package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects right after the application's sign-in: the browser's first page visit in a session marked by
 * {@link LoginHandoffFlow#signedIn} (with {@code connect}) or {@link LoginHandoffFlow#connectAtNextPage} goes to the
 * connect path, which comes back to that page. Only the browser's own navigation of a page by a signed-in user is
 * redirected ({@link LoginEndpoints#takeConnectRedirect}): a script's fetch, a frame, sign in once's own paths pass,
 * and the mark waits. Register it after the filter that signs your users in, so that it sees who is signed in (the
 * Spring starter registers it after Spring Security with {@code login.connect-on-login=true}).
 *
 * <pre>{@code ConnectOnLoginFilter.register(ctx, flow);}</pre>
 */
public final class ConnectOnLoginFilter implements Filter {

    /** The name {@link #register} gives the filter: {@value}. */
    public static final String FILTER_NAME = EmbeddableFilter.FILTER_NAME + "-connect-on-login";

    private final LoginHandoffFlow flow;
    private @Nullable EmbeddableSelector selector;

    /** A filter for this flow's sessions; see {@link #register}. */
    public ConnectOnLoginFilter(LoginHandoffFlow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
        flow.connectAnswered();
    }

    /**
     * In an application serving several tenants ({@link EmbeddableFilter#withSelector}): a page is sent to the connect
     * only where {@code selector} gives it a widget that signs in once ({@link LoginHandoffFlow#forWidget}: the
     * flow's, or another tenant's with its own app); elsewhere its mark waits. The flow's {@link LoginHandoffFlow#signedIn}
     * then connects only where the sign-in's widget can sign in once. Call it before the first request.
     */
    public ConnectOnLoginFilter withSelector(EmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        flow.connectSelector(selector);
        return this;
    }

    /** Registers the filter for every path (requests only, not forwards or includes), after those registered before. */
    public static FilterRegistration.Dynamic register(ServletContext context, LoginHandoffFlow flow) {
        return register(context, new ConnectOnLoginFilter(flow));
    }

    /**
     * The same for a filter set up first, such as one serving several tenants.
     *
     * <pre>{@code ConnectOnLoginFilter.register(ctx, new ConnectOnLoginFilter(flow).withSelector(selector));}</pre>
     */
    public static FilterRegistration.Dynamic register(ServletContext context, ConnectOnLoginFilter filter) {
        FilterRegistration.Dynamic registration = Registrations.filter(context, FILTER_NAME, filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        return registration;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && request.getDispatcherType() == DispatcherType.REQUEST && signsInOnce(http)) {
            String connect = flow.takeConnectRedirect(http);
            if (connect != null) { // a relative Location, as the connect endpoint's own: not one built from the Host header
                LoginEndpoints.REDIRECT_HEADERS.forEach(answer::setHeader);
                answer.setStatus(HttpServletResponse.SC_FOUND);
                answer.setHeader("Location", connect);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the request's widget signs in once; the mark and connect path are the same for every tenant's. */
    private boolean signsInOnce(HttpServletRequest request) {
        EmbeddableSelector chooser = selector;
        if (chooser == null) {
            return true;
        }
        Embeddable widget = EmbeddableFilter.selected(chooser, request);
        return widget != null && flow.forWidget(widget) != null;
    }
}
