package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every page's header shows: the signed-in user, and the "Connect RingCentral" link when sign in once is on
 * ({@code ringcentral.embeddable.login.enabled=true}, which needs the application's own RingCentral app), or otherwise
 * what it takes to turn it on.
 */
@ControllerAdvice(assignableTypes = {ContactsController.class, CallsController.class, EventsController.class})
class PageModel {

    private final ObjectProvider<LoginHandoffFlow> login;

    PageModel(ObjectProvider<LoginHandoffFlow> login) {
        this.login = login;
    }

    @ModelAttribute
    void header(Model model, HttpServletRequest request, Principal user) {
        model.addAttribute("user", user == null ? null : user.getName());
        // with sign in once, the header's rc:connect link connects (the starter's Thymeleaf dialect)
        if (login.getIfAvailable() == null) {
            model.addAttribute("callbackUrl",
                    ServletUriComponentsBuilder.fromContextPath(request).path("/ringcentral/redirect").toUriString());
        }
    }
}
