package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * Sign in once behind a proxy that publishes the application under a prefix it strips: the redirect URI's path holds
 * the prefix, so the callback must be told where the proxy really sends it ({@code login.callback-path}). Without it,
 * the callback was mapped under the prefix, where the proxy never forwards, and a {@code redirect-page.path} naming
 * the path the proxy does forward was accepted silently (a trial behind nginx: the login popup ended on a sign-in
 * page). With an embedded server the context path is known, so this is a start-up error. Real embedded Tomcat.
 */
class CallbackBehindAProxyTest {

    private static final String[] SIGN_IN_ONCE = {"--server.port=0", "--spring.main.banner-mode=off",
        "--logging.level.root=warn", "--ringcentral.embeddable.login.enabled=true",
        "--ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
        "--ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
        "--ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect",
        "--ringcentral.embeddable.redirect-page.path=/ringcentral/redirect"};

    @Test
    void withoutTheCallbackPathStartUpSaysToSetIt() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> SpringApplication.run(SecuredApplication.class, SIGN_IN_ONCE).close());
        assertThat(e).as("start-up failure").isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-page.path");
            assertThat(p.message()).contains("/crm/ringcentral/redirect");
            assertThat(p.fix()).startsWith("Behind a proxy that strips /crm, set"
                    + " ringcentral.embeddable.login.callback-path=/ringcentral/redirect;");
        });
    }

    @Test
    void withTheCallbackPathTheCallbackIsMappedWhereTheProxyForwards() {
        List<String> args = new ArrayList<>(List.of(SIGN_IN_ONCE));
        args.add("--ringcentral.embeddable.login.callback-path=/ringcentral/redirect");
        try (ConfigurableApplicationContext context = SpringApplication.run(SecuredApplication.class, args.toArray(String[]::new))) {
            ServletContext servletContext = ((WebApplicationContext) context).getServletContext();
            assertThat(servletContext).isNotNull();
            assertThat(servletContext.getServletRegistration("embeddableLogin").getMappings())
                    .contains("/ringcentral/redirect").doesNotContain("/crm/ringcentral/redirect");
        }
    }
}
