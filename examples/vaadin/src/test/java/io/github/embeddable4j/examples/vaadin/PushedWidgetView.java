package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Test-only view: {@link LateWidgetView} with {@code @Push(transport = WEBSOCKET)}, so every click reaches the server
 * over the websocket. Each click shows how it came and which cookies the server saw with it: a websocket message
 * carries the cookies of the connection's handshake, not the browser's current ones.
 */
@Route("test/late-push")
public class PushedWidgetView extends VerticalLayout implements BeforeEnterObserver {

    private final Span request = new Span();
    private final RingCentralEmbeddable phone;
    private int clicks;

    public PushedWidgetView(Embeddable embeddable) {
        phone = new RingCentralEmbeddable(embeddable); // the starter's dispatcher, taken by itself over the websocket too
        Button add = new Button("Add phone", e -> {
            add(phone);
            showRequest();
        });
        add.setId("add-phone");
        Button remove = new Button("Remove phone", e -> {
            remove(phone);
            showRequest();
        });
        remove.setId("remove-phone");
        Button call = new Button("Call", e -> {
            phone.call("+16505550123");
            showRequest();
        });
        call.setId("call");
        // A sign-out of the application's own in the click: what flow.signedOut(request, response) sets, when there is
        // a response to set it on. Over the websocket there is none.
        Button signOut = new Button("Sign out", e -> {
            signOut();
            showRequest();
        });
        signOut.setId("sign-out");
        // The same, as Vaadin's AuthenticationContext.logout() does it: over plain requests, in the next round trip.
        Button signOutOverHttp = new Button("Sign out over HTTP", e -> {
            UI ui = e.getSource().getUI().orElseThrow();
            ui.getPushConfiguration().setTransport(Transport.WEBSOCKET_XHR);
            ui.getPage().executeJs("return true").then(answer -> {
                signOut();
                showRequest();
            });
        });
        signOutOverHttp.setId("sign-out-over-http");
        request.setId("request");
        add(add, remove, call, signOut, signOutOverHttp, request);
    }

    private void signOut() {
        VaadinResponse response = VaadinResponse.getCurrent();
        if (response instanceof VaadinServletResponse servlet) {
            servlet.getHttpServletResponse().addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader());
        }
        request.getElement().setAttribute("data-response", response == null ? "none" : "http");
    }

    /** With {@code ?phone}, the phone comes with the page (its first request is plain HTTP, before the websocket). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("phone")) {
            add(phone);
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().getPushConfiguration().setTransport(Transport.WEBSOCKET);
        event.getUI().getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
    }

    private void showRequest() {
        VaadinRequest current = VaadinRequest.getCurrent();
        boolean websocket = current instanceof VaadinServletRequest servlet
                && servlet.getRequest() instanceof org.atmosphere.cpr.AtmosphereRequest;
        Cookie[] cookies = current == null ? null : current.getCookies();
        request.setText(++clicks + " " + (websocket ? "websocket" : "http") + " cookies="
                + (cookies == null ? "" : Arrays.stream(cookies).map(Cookie::getName).sorted().collect(Collectors.joining(","))));
    }
}
