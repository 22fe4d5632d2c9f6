package io.github.embeddable4j.examples.springboot;

import static org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN_ALLOW_POPUPS;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security's form login in front of everything, with two demo users. The starter does the rest: visitors who
 * have not signed in get no widget, the bridge's requests carry the CSRF token, the CRM's call-outs see the signed-in
 * user, and (with sign in once on) signing out also logs the widget out.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        // The widget's redirect page (with sign in once on, the starter serves it at the redirect URI's path): RingCentral's
        // sign-in popup and single sign-on frame load it without the session cookie. The starter warns at start-up
        // when it is not permitted.
        return http.authorizeHttpRequests(auth -> auth.requestMatchers("/css/**", "/error", "/ringcentral/redirect").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                // Another site that opened a page of ours with window.open could post a login to the widget's frame,
                // which takes one from anyone: this cuts such an opener off and keeps the widget's own login popup
                // (same-origin would cut that off too). The starter's redirect page keeps its own unsafe-none.
                .headers(headers -> headers.crossOriginOpenerPolicy(coop -> coop.policy(SAME_ORIGIN_ALLOW_POPUPS)))
                .build();
    }

    /** Demo users; {noop} keeps their passwords readable here. A real application has a real user store. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ada").password("{noop}lovelace").roles("USER").build(),
                User.withUsername("grace").password("{noop}hopper").roles("USER").build());
    }
}
