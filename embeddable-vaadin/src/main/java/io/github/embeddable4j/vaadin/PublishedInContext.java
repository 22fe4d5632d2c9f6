package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.LoginRequests;
import org.jspecify.annotations.Nullable;

/**
 * What the application published in the servlet context for {@link RingCentralEmbeddable} to find: its one event
 * dispatcher and third-party service (the Spring starter publishes its beans; found again after a session is read
 * back), and sign in once's handoff, connect and which widgets sign in once (the starter's flow, or
 * {@code LoginHandoffFlow.publishIn}). The servlet context, not a Spring or CDI lookup: the component runs in both.
 */
final class PublishedInContext {

    /** The component's logger: its warnings read as the component's. */
    private static final System.Logger LOG = System.getLogger(RingCentralEmbeddable.class.getName());

    private PublishedInContext() {
    }

    /**
     * What a service setter was given: never called (the application's published instance, looked up where it is
     * needed), nothing (null: none, said so), the application's published instance, or another object.
     */
    enum SetTo { UNSET, NOTHING, PUBLISHED, OTHER }

    static SetTo setTo(@Nullable Object object, Class<?> type) {
        return object == null ? SetTo.NOTHING : object == published(type) ? SetTo.PUBLISHED : SetTo.OTHER;
    }

    /**
     * The application's one instance of a type, published in the servlet context under the type's name, itself or as a
     * {@link java.util.function.Supplier} of it (the Spring starter publishes its dispatcher and {@code ThirdPartyService}
     * beans so); or null.
     */
    static @Nullable Object published(Class<?> type) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        Object published = servlet == null ? null : servlet.getServletContext().getAttribute(type.getName());
        if (published instanceof java.util.function.Supplier<?> supplier) {
            published = supplier.get();
        }
        return type.isInstance(published) ? published : null;
    }

    /**
     * A service that was set on a component before its session was written: the published instance again when it
     * was that one, else null and a warning (once: the caller forgets the service).
     */
    static <T> @Nullable T readBack(Class<T> type, SetTo setTo, String what, String setter, String consequence) {
        Object published = setTo == SetTo.PUBLISHED ? published(type) : null;
        if (published != null) {
            return type.cast(published);
        }
        LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: this component was read back from a serialized"
                + " session without its " + what + " (the application's services are not written with the session), so "
                + consequence + ". Set it again with " + setter + " after the session is read back, or give the component the"
                + " application's one, published in the servlet context under the name " + type.getName()
                + " (the Spring starter publishes its beans there): that one is found again.");
        return null;
    }

    /**
     * Whether a component's widget signs in once with what the application published (the flow's own widget, or a
     * tenant's with its own app), or nothing says otherwise: a component built with a widget that does not takes none
     * of the flow's handoff, connect or sign-out mark (a review: it took the default widget's handoff and failed, and
     * sent the window to a connect answering 404).
     */
    static boolean signsInOnce(Embeddable embeddable) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        if (servlet == null
                || !(servlet.getServletContext().getAttribute(LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE)
                        instanceof java.util.function.Predicate<?> published)) {
            return true;
        }
        @SuppressWarnings("unchecked") // what LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE holds
        boolean signsIn = ((java.util.function.Predicate<Embeddable>) published).test(embeddable);
        return signsIn;
    }

    /**
     * Sign in once: the user's waiting handoff, taken with what the application published for it (the starter's flow,
     * or {@code LoginHandoffFlow.publishIn}), as the servlet filter takes it for the pages it writes; asked once per
     * request, by the first component attached. Null when nothing is published or nothing waits.
     */
    static @Nullable LoginHandoff takeHandoff(Embeddable embeddable) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        if (!(VaadinRequest.getCurrent() instanceof VaadinServletRequest request) || servlet == null
                || request.getAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE) != null
                || !(servlet.getServletContext().getAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE)
                        instanceof java.util.function.Function<?, ?> published)) {
            return null;
        }
        request.setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, Boolean.TRUE);
        request.setAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE, embeddable); // its tenant's handoff
        @SuppressWarnings("unchecked") // what LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE holds
        Object taken = ((java.util.function.Function<jakarta.servlet.http.HttpServletRequest, ?>) published)
                .apply(request.getHttpServletRequest());
        if (!(taken instanceof LoginEndpoints.Reservation reservation)) {
            return null;
        }
        // No cache keeps the response that carries the code: usually the UI's first UIDL answer, but with Vaadin's
        // eagerServerLoad the HTML page itself, which had no Cache-Control at all (a review); core says which headers
        if (VaadinResponse.getCurrent() instanceof VaadinServletResponse response && !response.getHttpServletResponse().isCommitted()) {
            jakarta.servlet.http.HttpServletResponse http = response.getHttpServletResponse();
            LoginRequests.noStoreHeaders(http::getHeader).forEach(http::setHeader);
        }
        reservation.rendered(); // its URL goes out with this response
        return reservation.handoff();
    }

    /**
     * Sign in once's connect on login, for a sign-in in a UI event that no page load follows (a login view, then
     * {@code UI.navigate}): when the session is marked, the window goes to the connect path and comes back to this
     * view. Asked once per request, with what the application published (the starter's flow, or
     * {@code LoginHandoffFlow.publishIn}). True when the window leaves for it.
     */
    static boolean takeConnect(Embeddable embeddable, UI ui) {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        Object asked = VaadinRequest.getCurrent() == null ? null
                : VaadinRequest.getCurrent().getAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE);
        if (asked != null) {
            return asked == LEAVING; // a component before this one asked: every phone of the request leaves with it
        }
        if (!(VaadinRequest.getCurrent() instanceof VaadinServletRequest request) || servlet == null
                || !(servlet.getServletContext().getAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE)
                        instanceof java.util.function.BiFunction<?, ?, ?> published)) {
            return false;
        }
        request.setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, Boolean.TRUE);
        request.setAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE, embeddable); // its tenant's connect
        // the view's path is relative to Vaadin's servlet (vaadin.url-mapping=/app/*: /app/contacts), as connectHref's
        // are; without it a review's window came back to /contacts, a 404 (the page's servlet path, not a push message's)
        PageRequest page = PageRequest.current(ui);
        String view = (page == null ? "" : page.servletPath()) + "/"
                + ui.getInternals().getActiveViewLocation().getPathWithQueryParameters();
        @SuppressWarnings("unchecked") // what LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE holds
        Object href = ((java.util.function.BiFunction<jakarta.servlet.http.HttpServletRequest, String, ?>) published)
                .apply(request.getHttpServletRequest(), view);
        if (href instanceof String connect) {
            ui.getPage().setLocation(connect);
            request.setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, LEAVING);
            return true;
        }
        return false;
    }

    /** The request attribute's value once a component of the request sent the window to the connect. */
    static final Object LEAVING = new Object();
}
