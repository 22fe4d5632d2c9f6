package io.github.embeddable4j.spring.shapes.mvcownlogin;

import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application that signs its users in itself (no Spring Security), as the docs' "Sign in once
 * (Spring)" says for such applications: the user in the session, an {@link AppUserResolver} bean that reads it, and
 * the flow told at sign-in and sign-out.
 */
@SpringBootApplication
public class OwnLoginApplication {

    @Bean
    AppUserResolver appUsers() {
        return AppUserResolver.sessionAttribute("user");
    }

    @RestController
    static class Pages {
        private final LoginHandoffFlow flow;

        Pages(LoginHandoffFlow flow) {
            this.flow = flow;
        }

        /** The application's sign-in (a password check would come first). */
        @PostMapping("/signin")
        ResponseEntity<Void> signIn(@RequestParam("user") String user, HttpServletRequest request, HttpServletResponse response) {
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            request.getSession().setAttribute("user", user);
            flow.signedIn(request, response, user, true);
            return ResponseEntity.status(HttpStatus.FOUND).header("Location", "/").build();
        }

        @PostMapping("/signout")
        ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
            flow.signedOut(request, response);
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return ResponseEntity.status(HttpStatus.FOUND).header("Location", "/").build();
        }

        @GetMapping(value = {"/", "/inbox"}, produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return "<!DOCTYPE html><html><head><title>Inbox</title></head><body><h1>Inbox</h1></body></html>";
        }
    }
}
