package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.NonceResolver;
import jakarta.servlet.DispatcherType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddableAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    @Test
    void servletWebApplicationGetsEverythingByDefault() {
        web.run(context -> {
            assertThat(context).hasSingleBean(Embeddable.class).hasSingleBean(CspSources.class)
                    .hasSingleBean(NonceResolver.class).hasSingleBean(EmbeddableDialect.class)
                    .doesNotHaveBean("embeddableRedirectPage");
            FilterRegistrationBean<?> filter = context.getBean(FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(EmbeddableFilter.class);
            assertThat(filter.getOrder()).isEqualTo(EmbeddableAutoConfiguration.FILTER_ORDER).isLessThan(-100);
            assertThat(filter.isAsyncSupported()).isTrue();
            assertThat(filter).extracting("dispatcherTypes").asString().contains("REQUEST", "ASYNC").doesNotContain("ERROR");
            assertThat(context.getBean(Embeddable.class).config()).isEqualTo(EmbeddableConfig.defaults());
        });
    }

    @Test
    void outsideServletApplicationsOnlyTheFrameworkFreeBeans() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Embeddable.class).hasSingleBean(CspSources.class)
                        .doesNotHaveBean(NonceResolver.class).doesNotHaveBean(EmbeddableDialect.class)
                        .doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void propertiesBindToTheConfiguration() {
        web.withPropertyValues("ringcentral.embeddable.client-id=abc", "ringcentral.embeddable.app-server=sandbox",
                "ringcentral.embeddable.default-call-with=ringout", "ringcentral.embeddable.disable-glip=false",
                "ringcentral.embeddable.enable-sms-template=true", "ringcentral.embeddable.z-index=1200",
                "ringcentral.embeddable.hosting=2.x", "ringcentral.embeddable.params.someNewFlag=1",
                "ringcentral.embeddable.inject.exclude-paths=/admin/*,/api/*", "ringcentral.embeddable.inject.post-pages=true",
                "ringcentral.embeddable.client_secret=",
                "ringcentral.embeddable.enableRingtoneSettings=on").run(context -> {
            Embeddable embeddable = context.getBean(Embeddable.class);
            assertThat(embeddable.adapterUrl()).isEqualTo("https://apps.ringcentral.com/integration/ringcentral-embeddable/2.x/"
                    + "adapter.js?clientId=abc&appServer=https%3A%2F%2Fplatform.devtest.ringcentral.com&defaultCallWith=ringout"
                    + "&disableGlip=false&zIndex=1200&enableRingtoneSettings=1&enableSMSTemplate=1&someNewFlag=1");
            EmbeddableFilter filter = (EmbeddableFilter) context.getBean(FilterRegistrationBean.class).getFilter();
            assertThat(filter.rules().excludes()).containsExactly("/admin/*", "/api/*");
            assertThat(filter.rules().postPages()).isTrue();
            assertThat(filter.embeddable()).isSameAs(embeddable);
        });
    }

    @Test
    void warningsAreLoggedOnceAtStartupWithTheirProperty(CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.app-server=sandbox").run(context -> {
            context.getBean(Embeddable.class);
            context.getBean(Embeddable.class);
        });
        String log = output.getAll();
        assertThat(log).contains("ringcentral.embeddable.client-id: no client ID is set")
                .contains("ringcentral.embeddable.app-server: the sandbox server is for development")
                .contains("set ringcentral.embeddable.require-client-id=true in production");
        assertThat(log.split("no client ID is set", -1)).hasSize(2);
        // Where the value was set, as for problems: an operations trial set RINGCENTRAL_APP_SERVER through a
        // placeholder, and the warning named only the property.
        assertThat(log).contains("the sandbox server is for development; production users cannot sign in to it (set in"
                + " property source 'test').");
        web.withPropertyValues("ringcentral.embeddable.app-server=${NOT_SET_HERE:sandbox}").run(context -> context.getBean(Embeddable.class));
        assertThat(output.getAll()).contains("(set in property source 'test', as ${NOT_SET_HERE:sandbox}).");
    }

    @Test
    void withAClientIdTheStartupLogSaysTheRedirectUriToRegisterOnce(CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.client-id=abc123",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect").run(context -> {
            context.getBean(Embeddable.class);
            context.getBean(Embeddable.class);
        });
        assertThat(output).containsOnlyOnce("RingCentral Embeddable: client ID abc123 on production")
                .contains("must list the OAuth redirect URI https://crm.example.com/crm/ringcentral/redirect");
        assertThat(output.toString().lines().filter(l -> l.contains("client ID abc123"))).allMatch(l -> l.contains("INFO"));
    }

    @Test
    void killSwitchTurnsEverythingOff() {
        web.withPropertyValues("ringcentral.embeddable.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(Embeddable.class).doesNotHaveBean(FilterRegistrationBean.class)
                .doesNotHaveBean(EmbeddableDialect.class));
    }

    @Test
    void theServicesThreadsComeFromTheirProperty() {
        // ringcentral.embeddable.service.threads reaches the service's builder: 0 is refused there, 3 is taken.
        io.github.embeddable4j.core.crm.ContactProvider contacts = new io.github.embeddable4j.core.crm.ContactProvider() {
            @Override
            public List<io.github.embeddable4j.core.crm.Contact> search(io.github.embeddable4j.core.crm.ContactSearchRequest r,
                    io.github.embeddable4j.core.crm.Caller caller) {
                return List.of();
            }

            @Override
            public java.util.Map<String, List<io.github.embeddable4j.core.crm.Contact>> match(
                    io.github.embeddable4j.core.crm.ContactMatchRequest r, io.github.embeddable4j.core.crm.Caller caller) {
                return java.util.Map.of();
            }
        };
        WebApplicationContextRunner withContacts = web.withBean(io.github.embeddable4j.core.crm.ContactProvider.class, () -> contacts);
        withContacts.withPropertyValues("ringcentral.embeddable.service.threads=0").run(context -> assertThat(context)
                .getFailure().isInstanceOf(EmbeddableConfigException.class) // in the one report, named as the property
                .hasMessageContaining("ringcentral.embeddable.service.threads: 0 threads cannot run a CRM provider"));
        withContacts.withPropertyValues("ringcentral.embeddable.service.threads=3").run(context -> assertThat(context)
                .hasSingleBean(io.github.embeddable4j.core.crm.ThirdPartyService.class));
    }

    @Test
    void injectionCanBeTurnedOffAlone() {
        // the filter stays for the tag's pages (their bridge script, sign in once), and injects nothing itself
        web.withPropertyValues("ringcentral.embeddable.inject.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(Embeddable.class).hasSingleBean(EmbeddableDialect.class);
            @SuppressWarnings("unchecked")
            FilterRegistrationBean<io.github.embeddable4j.servlet.EmbeddableFilter> filter =
                    context.getBean(FilterRegistrationBean.class);
            assertThat(filter.getFilter().rules().enabled()).isFalse();
        });
    }

    @Test
    void errorPagesAddTheErrorDispatch() {
        web.withPropertyValues("ringcentral.embeddable.inject.error-pages=true").run(context -> {
            FilterRegistrationBean<?> filter = context.getBean(FilterRegistrationBean.class);
            assertThat(filter).extracting("dispatcherTypes").asString().contains(DispatcherType.ERROR.name());
        });
    }

    @Test
    void redirectPageWhenItsPathIsSet() {
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=/rc/redirect",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/rc/redirect").run(context -> {
            ServletRegistrationBean<?> servlet = context.getBean("embeddableRedirectPage", ServletRegistrationBean.class);
            assertThat(servlet.getUrlMappings()).containsExactly("/rc/redirect");
        });
        // A redirect URI that names another path than the page's: the login popup would land on a 404, which a
        // warning scrolling by in a devtools loop did not make plain (a trial's typo, /ringcentral/redirct).
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                "ringcentral.embeddable.redirect-uri=http://localhost:8080/ringcentral/redirct").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-uri");
                                assertThat(p.message()).contains("/ringcentral/redirct", "redirect-page.path=/ringcentral/redirect");
                            }));
                });
        // Behind a prefix (a WAR's context path, a proxy's) the redirect URI ends with the page's path: right.
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void noDialectWithoutThymeleaf() {
        web.withClassLoader(new FilteredClassLoader("org.thymeleaf")).run(context -> assertThat(context)
                .doesNotHaveBean(EmbeddableDialect.class).hasSingleBean(FilterRegistrationBean.class));
    }

    @Test
    void invalidConfigurationFailsStartupWithEveryProblem() {
        web.withPropertyValues("ringcentral.embeddable.app-server=http://x", "ringcentral.embeddable.require-client-id=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    // thrown as it is, before any bean is created: not wrapped in a bean-creation error
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class,
                            e -> assertThat(e.problems()).extracting(p -> p.property())
                                    .containsExactly("ringcentral.embeddable.app-server", "ringcentral.embeddable.client-id"));
                });
    }

    /**
     * A secret's value with a placeholder nothing defines is reported without the value, which may hold the secret (a
     * log audit); another setting's is quoted, so the user sees which placeholder.
     */
    @Test
    void aSecretsUnresolvedPlaceholderIsNotQuoted() {
        web.withPropertyValues("ringcentral.embeddable.client-secret=S3cr3tPart${NOT_DEFINED_HERE}",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/${NOT_DEFINED_EITHER}").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.getMessage()).contains("ringcentral.embeddable.client-secret: the value has a placeholder"
                                + " that nothing defines").contains("'https://crm.example.com/${NOT_DEFINED_EITHER}' has a placeholder")
                                .doesNotContain("S3cr3tPart");
                    });
                });
    }

    /**
     * Sign in once: a server key that is not base64 (an unresolved placeholder) or too short, and what it needs of the
     * widget settings, are in the start-up report before the web server starts, named by property; the key never is.
     */
    @Test
    void signInOnceProblemsAreInTheStartupReport() {
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.server-key=${NOT_DEFINED_KEY}",
                "ringcentral.embeddable.inject.error-pages=maybe").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.problems()).extracting(p -> p.property()).containsExactly(
                                "ringcentral.embeddable.inject.error-pages", "ringcentral.embeddable.login.server-key",
                                "ringcentral.embeddable.client-id", "ringcentral.embeddable.redirect-uri");
                        assertThat(e.problems().get(1).message())
                                .isEqualTo("it has a placeholder that nothing defines, so it is not base64 (set in property source 'test').");
                        assertThat(e.getMessage()).doesNotContain("NOT_DEFINED_KEY");
                    });
                });
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.server-key=c2VjcmV0",
                "ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.property()).isEqualTo("ringcentral.embeddable.login.server-key");
                            assertThat(p.message()).isEqualTo("it is only 6 bytes long (set in property source 'test').");
                        });
                        assertThat(e.getMessage()).doesNotContain("c2VjcmV0");
                    });
                });
    }

    /**
     * Where sign in once's callback is served is checked with the rest, before the web server: a redirect URI outside
     * the context path was an "Unable to start web server" stack trace (a trial under /crm); behind a proxy that
     * strips a prefix, login.callback-path says where the redirect URI arrives.
     */
    /**
     * The connect path is named by its property, with where it was set (a WebFlux trial's report said "connectPath:",
     * and a connect path on the callback's was blamed on the redirect URI, whose fix never named the connect path).
     */
    @Test
    void aBadConnectPathIsNamedByItsProperty() {
        String[] login = {"ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
            "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
            "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect"};
        web.withPropertyValues(login).withPropertyValues("ringcentral.embeddable.login.connect-path=ringcentral/go",
                "ringcentral.embeddable.client-secret=nope").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).filteredOn(p -> p.property().equals("ringcentral.embeddable.login.connect-path"))
                                    .singleElement().satisfies(p -> {
                                        assertThat(p.message()).isEqualTo("'ringcentral/go' is not a path (set in property source 'test').");
                                        assertThat(p.fix()).isEqualTo("Use a path of its own, such as /ringcentral/connect.");
                                    }));
                });
        web.withPropertyValues(login).withPropertyValues("ringcentral.embeddable.login.connect-path=/ringcentral/redirect").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.property()).isEqualTo("ringcentral.embeddable.login.connect-path");
                        assertThat(p.message()).isEqualTo("'/ringcentral/redirect' is the sign-in callback's path (the redirect"
                                + " URI's) (set in property source 'test').");
                    }));
        });
    }

    /** A bad authorize endpoint is listed beside what else sign in once lacks, not only once that is fixed. */
    @Test
    void aBadAuthorizeEndpointIsReportedWithTheMissingClientId() {
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true",
                "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect",
                "ringcentral.embeddable.login.authorize-endpoint=not-a-url").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                                    "ringcentral.embeddable.client-id", "ringcentral.embeddable.login.authorize-endpoint"));
                });
    }

    /**
     * What sign in once lacks is listed beside a widget setting that fails: a Vaadin 25 trial's report named a bad
     * redirect URI and a short key, and only the next start said the client ID was missing. The failed setting's own
     * problem is said once (a bad redirect URI is not also "without a redirect URI").
     */
    @Test
    void aMissingClientIdIsReportedBesideAFailingWidgetSetting() {
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.server-key=c2VjcmV0",
                "ringcentral.embeddable.redirect-uri=http://crm.example.com/ringcentral/redirect").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                                    "ringcentral.embeddable.login.server-key", "ringcentral.embeddable.redirect-uri",
                                    "ringcentral.embeddable.client-id"));
                });
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true",
                "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
                "ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv", "ringcentral.embeddable.hosting=2.2.0",
                "ringcentral.embeddable.enable-from-number-setting=maybe").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                                    "ringcentral.embeddable.enable-from-number-setting", "ringcentral.embeddable.redirect-uri",
                                    "ringcentral.embeddable.hosting"));
                });
    }

    /** A WebFlux trial's secret given as params.clientSecret was reported as client-secret, a property it never set. */
    @Test
    void aSecretGivenAsAParamIsReportedUnderThePropertyThatSetIt() {
        web.withPropertyValues("ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
                "ringcentral.embeddable.params.clientSecret=s3cr3t-value").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                        assertThat(e.problems()).extracting(ConfigProblem::property)
                                .containsExactly("ringcentral.embeddable.params.clientSecret");
                        assertThat(e.getMessage()).doesNotContain("s3cr3t-value");
                    });
                });
    }

    /** A trial wrote the authorize endpoint without its scheme: the fix said only to leave it unset. */
    @Test
    void anAuthorizeEndpointWithoutItsSchemeIsReportedWithTheFormToWrite() {
        web.withPropertyValues("ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
                "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect",
                "ringcentral.embeddable.login.authorize-endpoint=127.0.0.1:18211/authorize").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.login.authorize-endpoint");
                                assertThat(p.fix()).contains("absolute URL").contains("http://localhost:9999/authorize")
                                        .contains("leave it unset");
                            }));
                });
    }

    @Test
    void theCallbacksPlaceIsInTheStartupReport() {
        String[] signInOnce = {"ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
            "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU="};
        web.withPropertyValues(signInOnce).withPropertyValues("server.servlet.context-path=/crm",
                "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-uri");
                                assertThat(p.message()).contains("context path '/crm'").contains("/crm/ringcentral/redirect");
                            }));
                });
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect",
                "ringcentral.embeddable.login.callback-path=/oauth/back").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).extracting(io.github.embeddable4j.core.ConfigProblem::property).containsExactly("ringcentral.embeddable.login.callback-path"));
                });
        // With sign in once, the callback serves the redirect page: another redirect-page.path would be a 404 (OIDC trial).
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/oauth/back",
                "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).extracting(io.github.embeddable4j.core.ConfigProblem::property)
                                    .containsExactly("ringcentral.embeddable.redirect-page.path"));
                });
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect",
                "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect").run(context -> assertThat(context).hasNotFailed());
        // A WAR's context path is the container's, unknown to the properties: the redirect URI under /crm and the page
        // at /ringcentral/redirect inside it are right, not an error.
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect",
                "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect").run(context -> assertThat(context).hasNotFailed());
        // Spring Security's OAuth 2.0 login answers its callback path first (an OIDC trial got "Invalid credentials").
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/login/oauth2/code/ringcentral")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-uri");
                                assertThat(p.message()).contains("oauth2Login");
                            }));
                });
        // Spring Security's own sign-in page answers first: a WebFlux trial's connect ended on "Please sign in".
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/login")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-uri");
                                assertThat(p.message()).contains("/login is Spring Security's own sign-in page");
                                assertThat(p.fix()).contains("/ringcentral/redirect");
                            }));
                });
        web.withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/logout",
                "ringcentral.embeddable.redirect-page.path=/logout").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class, e ->
                            assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.property()).isEqualTo("ringcentral.embeddable.redirect-page.path");
                                assertThat(p.message()).contains("sign-out page");
                            }));
                });
        web.withPropertyValues(signInOnce).withPropertyValues("ringcentral.embeddable.redirect-uri=https://crm.example.com/crm/ringcentral/redirect",
                "ringcentral.embeddable.login.callback-path=/ringcentral/redirect").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(io.github.embeddable4j.servlet.LoginHandoffFlow.class).callbackPath()).isEqualTo("/ringcentral/redirect");
                });
    }

    /** The event script posts to the application's own endpoints: a default-src 'none' policy must allow that. */
    @Test
    void theCspSourcesAllowTheBridgesEndpointsWhileTheBridgeIsOn() {
        web.run(context -> assertThat(context.getBean(CspSources.class).mergeInto("default-src 'none'; script-src 'nonce-n'"))
                .contains("; connect-src 'self'"));
        web.withPropertyValues("ringcentral.embeddable.bridge.enabled=false").run(context ->
                assertThat(context.getBean(CspSources.class).sources("connect-src")).isEmpty());
    }

    /**
     * The filter's path patterns and header name are in the same start-up report, named by their properties, with
     * where they were set (a WebFlux trial found them without it, beside problems that had it).
     */
    @Test
    void badInjectionRulesAreInTheStartupReport() {
        web.withPropertyValues("ringcentral.embeddable.app-server=http://x", "ringcentral.embeddable.inject.include-paths=admin",
                "ringcentral.embeddable.inject.exclude-paths=/a/*/b", "ringcentral.embeddable.inject.injected-header=X Bad")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOfSatisfying(EmbeddableConfigException.class,
                            e -> assertThat(e.problems()).extracting(p -> p.property() + ": " + p.message()).containsExactly(
                                    "ringcentral.embeddable.inject.include-paths: 'admin' is not a path pattern (set in property source 'test').",
                                    "ringcentral.embeddable.inject.exclude-paths: '/a/*/b' has a * in the middle (set in property source 'test').",
                                    "ringcentral.embeddable.inject.injected-header: 'X Bad' is not a header name (set in property source 'test').",
                                    "ringcentral.embeddable.app-server: 'http://x' does not use https (set in property source 'test')."));
                });
    }

    /** The bridge is decided at the first page, but its path is checked at start-up. */
    @Test
    void aBridgePathThatIsNoPathFailsStartup() {
        web.withPropertyValues("ringcentral.embeddable.bridge.path=/bad path").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class) // in the one report
                    .hasMessageContaining("ringcentral.embeddable.bridge.path")
                    .hasMessageContaining("mount '/bad path' is not a path on the application's origin");
        });
        web.withPropertyValues("ringcentral.embeddable.bridge.rate-limit.requests=0",
                "ringcentral.embeddable.bridge.rate-limit.window=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class) // in the one report
                    .hasMessageContaining("ringcentral.embeddable.bridge.rate-limit.requests: 0 requests would refuse every batch")
                    .hasMessageContaining("ringcentral.embeddable.bridge.rate-limit.window: PT0S is not a positive duration");
        });
    }

    @Test
    void everyBeanBacksOffWhenTheApplicationDefinesItsOwn() {
        web.withUserConfiguration(OwnBeans.class).withPropertyValues("ringcentral.embeddable.redirect-page.path=/r").run(context -> {
            assertThat(context.getBean(Embeddable.class)).isSameAs(OwnBeans.EMBEDDABLE);
            assertThat(context.getBean(CspSources.class)).isSameAs(OwnBeans.CSP);
            assertThat(context.getBean(NonceResolver.class)).isSameAs(OwnBeans.NONCE);
            assertThat(context).getBeans(EmbeddableFilter.class).containsOnlyKeys("myFilter");
            assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                    .noneMatch(r -> r.getFilter() instanceof EmbeddableFilter);
            assertThat(context.getBean("embeddableRedirectPage")).isEqualTo("mine");
            assertThat(context.getBean(EmbeddableDialect.class)).isSameAs(OwnBeans.DIALECT);
        });
    }

    /**
     * With its own {@code Embeddable} bean the application's widget properties are not read: said once at start-up,
     * by property (a Kotlin trial set default-call-with in application.yml next to its own bean and saw it ignored
     * without a word).
     */
    @Test
    void widgetPropertiesBesideAnOwnEmbeddableAreReportedAsUnused(CapturedOutput output) {
        web.withUserConfiguration(OwnBeans.class).withPropertyValues("ringcentral.embeddable.default-call-with=browser",
                "ringcentral.embeddable.z-index=1200", "ringcentral.embeddable.inject.exclude-paths=/api/*").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Embeddable.class)).isSameAs(OwnBeans.EMBEDDABLE);
        });
        assertThat(output).containsOnlyOnce("the application defines its own Embeddable bean")
                .contains("ringcentral.embeddable.default-call-with, ringcentral.embeddable.z-index")
                .contains("EmbeddableConfigCustomizer");
        assertThat(output.toString().lines().filter(l -> l.contains("its own Embeddable bean")))
                .noneMatch(l -> l.contains("inject.exclude-paths")); // the filter's settings still apply
    }

    /** Customizers change the configuration read from the properties, in order; the result is validated like it. */
    @Test
    void customizersAdjustThePropertiesConfiguration() {
        web.withPropertyValues("ringcentral.embeddable.client-id=abc", "ringcentral.embeddable.z-index=1200")
                .withBean("first", EmbeddableConfigCustomizer.class, () -> b -> b.defaultCallWith(io.github.embeddable4j.core.CallWith.RINGOUT))
                .withBean("second", EmbeddableConfigCustomizer.class, () -> b -> b.zIndex(7))
                .run(context -> {
                    EmbeddableConfig config = context.getBean(Embeddable.class).config();
                    assertThat(config.clientId()).hasValue("abc");
                    assertThat(config.get(io.github.embeddable4j.core.WidgetParameter.DEFAULT_CALL_WITH))
                            .hasValue(io.github.embeddable4j.core.CallWith.RINGOUT);
                    assertThat(config.get(io.github.embeddable4j.core.WidgetParameter.Z_INDEX)).hasValue(7);
                });
        web.withBean(EmbeddableConfigCustomizer.class, () -> b -> b.stylesUri("http://not-https.example/x.css")).run(context -> {
            assertThat(context).hasFailed();
            // In property terms, as the start-up report is, and saying where the value came from.
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(io.github.embeddable4j.core.EmbeddableConfigException.class)
                    .hasMessageContaining("ringcentral.embeddable.styles-uri").hasMessageContaining("after the EmbeddableConfigCustomizer beans ran");
        });
    }

    /**
     * Service customizers change what has no property (here a deadline) after the properties and providers, in order;
     * a problem they make stops the application with the service's message.
     */
    @Test
    void serviceCustomizersAdjustTheStartersServiceInOrder() {
        var callout = io.github.embeddable4j.core.crm.Callout.CONTACT_MATCH;
        var withCrm = web.withPropertyValues("ringcentral.embeddable.service.display-name=Acme CRM")
                .withBean(io.github.embeddable4j.core.crm.ContactProvider.class, io.github.embeddable4j.spring.app.AdaContacts::new);
        withCrm.withBean("later", ThirdPartyServiceCustomizer.class, () -> b -> b.deadline(callout, java.time.Duration.ofSeconds(2)))
                .withBean("sooner", ThirdPartyServiceCustomizer.class, () -> new OrderedCustomizer(b -> b.deadline(callout, java.time.Duration.ofSeconds(9))))
                .run(context -> {
                    var service = context.getBean(io.github.embeddable4j.core.crm.ThirdPartyService.class);
                    // registered first but unordered, so applied after the Ordered one: its deadline stands
                    assertThat(service.deadline(callout)).isEqualTo(java.time.Duration.ofSeconds(2));
                    assertThat(service.descriptor().displayName()).isEqualTo("Acme CRM"); // the properties still apply
                });
        withCrm.withBean(ThirdPartyServiceCustomizer.class, () -> b -> b.deadline(callout, java.time.Duration.ofMinutes(5)))
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(EmbeddableConfigException.class)
                        .hasMessageContaining("ThirdPartyService.Builder.deadline(CONTACT_MATCH) (from your provider beans or a"
                                + " ThirdPartyServiceCustomizer): PT5M is not below the widget's timeout"));
    }

    /** The first of the customizers in order. */
    private record OrderedCustomizer(ThirdPartyServiceCustomizer customizer) implements ThirdPartyServiceCustomizer,
            org.springframework.core.Ordered {
        @Override
        public void customize(io.github.embeddable4j.core.crm.ThirdPartyService.Builder builder) {
            customizer.customize(builder);
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    }

    /** The condition compares names (so that it loads none of them): exactly the providers the service bean takes. */
    @Test
    void theProviderConditionKnowsEveryProviderTheServiceBeanTakes() {
        Method bean = java.util.Arrays.stream(ServiceBeans.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("embeddableThirdPartyService")).findFirst().orElseThrow();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (java.lang.reflect.Type t : bean.getGenericParameterTypes()) {
            if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() == ObjectProvider.class
                    && p.getActualTypeArguments()[0] != ThirdPartyServiceCustomizer.class) {
                taken.add(((Class<?>) p.getActualTypeArguments()[0]).getName());
            }
        }
        assertThat(taken).hasSize(10);
        assertThat(ServiceBeans.HasProviders.NAMES).containsExactlyInAnyOrderElementsOf(taken);
    }

    @Test
    void everyBeanMethodHasAnOnMissingBeanCondition() {
        // resilience4j's guard: a new @Bean without a back-off condition would take over the application's own.
        // The configuration check is a BeanFactoryPostProcessor, not a bean anyone would replace.
        List<Method> unguarded = new ArrayList<>();
        List<Class<?>> configurations = List.of(EmbeddableAutoConfiguration.class, ServletBeans.class, LoginBeans.class,
                AnonymousVisitorsConfiguration.class, OtherSecurityVisitorsConfiguration.class, ThymeleafConfiguration.class, SecuredPathsCheck.class, EventBeans.class,
                ServiceBeans.class, SpringSecurityLogin.class, WebFluxBeans.class, ReactiveAnonymousVisitorsConfiguration.class,
                ReactiveLoginBeans.class, ReactiveThymeleafConfiguration.class, ReactiveSecuredPathsCheck.class, MetricsBeans.class, EndpointBeans.class);
        for (Class<?> type : configurations) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Bean.class) && !m.isAnnotationPresent(ConditionalOnMissingBean.class)
                        && !BeanFactoryPostProcessor.class.isAssignableFrom(m.getReturnType())) {
                    unguarded.add(m);
                }
            }
        }
        assertThat(unguarded).isEmpty();
        // and every configuration is in the list above
        assertThat(EmbeddableAutoConfiguration.ServletConfiguration.class.getAnnotation(Import.class).value())
                .containsExactlyInAnyOrderElementsOf(configurations.subList(1, 7));
        assertThat(EmbeddableAutoConfiguration.class.getAnnotation(Import.class).value())
                .containsExactlyInAnyOrder(EventBeans.class, ServiceBeans.class, MetricsBeans.class, EndpointBeans.class);
        assertThat(LoginBeans.class.getAnnotation(Import.class).value()).containsExactly(SpringSecurityLogin.class);
        assertThat(EmbeddableAutoConfiguration.WebFluxConfiguration.class.getAnnotation(Import.class).value())
                .containsExactlyInAnyOrderElementsOf(configurations.subList(10, 15));
        assertThat(EmbeddableAutoConfiguration.class.getDeclaredClasses()).containsExactlyInAnyOrder(
                EmbeddableAutoConfiguration.ServletConfiguration.class, EmbeddableAutoConfiguration.WebFluxConfiguration.class,
                EmbeddableAutoConfiguration.Enabled.class, EmbeddableAutoConfiguration.RedirectPagePathSet.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("mine").build());
        static final CspSources CSP = EMBEDDABLE.contentSecurityPolicy(io.github.embeddable4j.core.EmbedMode.IFRAME);
        static final NonceResolver NONCE = NonceResolver.none();
        static final EmbeddableDialect DIALECT = new EmbeddableDialect(EMBEDDABLE, NONCE);

        @Bean
        Embeddable embeddable() {
            return EMBEDDABLE;
        }

        @Bean
        CspSources cspSources() {
            return CSP;
        }

        @Bean
        NonceResolver nonceResolver() {
            return NONCE;
        }

        @Bean
        EmbeddableFilter myFilter() {
            return new EmbeddableFilter(EMBEDDABLE);
        }

        @Bean
        String embeddableRedirectPage() {
            return "mine";
        }

        @Bean
        EmbeddableDialect dialect() {
            return DIALECT;
        }
    }
}
