package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffFlow;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.ui.ExtendedModelMap;

/**
 * Zero setup: sign in once is off by default and the widget keeps RingCentral's redirect page (the demo app's); turned
 * on, the redirect URI becomes this application's callback on its own port; and while it is off the page header says
 * what it takes instead of offering a button that cannot work.
 */
class ConnectSettingsTest {

    @Test
    void theRedirectUriFollowsLoginEnabled() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        // only the file: environment variables of the machine running the test must not change the answer
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        assertThat(env.getProperty("ringcentral.embeddable.login.enabled")).isEqualTo("false");
        assertThat(env.getProperty("ringcentral.embeddable.redirect-uri")).isEmpty(); // blank: not set

        env.getPropertySources().addFirst(new MapPropertySource("environment",
                Map.of("ringcentral.embeddable.login.enabled", "true", "server.port", "9090")));
        assertThat(env.getProperty("ringcentral.embeddable.redirect-uri")).isEqualTo("http://localhost:9090/ringcentral/redirect");
    }

    @Test
    void withoutSignInOnceThePageSaysWhatItNeeds() {
        PageModel pages = new PageModel(new StaticListableBeanFactory().getBeanProvider(LoginHandoffFlow.class));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/calls");
        request.setServerPort(8080);
        ExtendedModelMap model = new ExtendedModelMap();
        pages.header(model, request, () -> "ada");
        assertThat(model).containsEntry("user", "ada").containsEntry("callbackUrl", "http://localhost:8080/ringcentral/redirect")
                .doesNotContainKey("connectHref");
    }
}
