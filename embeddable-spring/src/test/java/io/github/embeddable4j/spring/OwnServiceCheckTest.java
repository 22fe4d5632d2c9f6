package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.DoNotContactDecision;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.spring.app.AdaContacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An application's own {@code ThirdPartyService} bean gets no {@link ThirdPartyServiceCustomizer} and none of the
 * {@code service.*} properties: a trial's customizer that blocks calls when the Do Not Contact check fails was dropped
 * without a word, so failing checks let calls go on. The starter names what it does not use.
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnServiceCheckTest {

    private static final String WARNING = "defines its own ThirdPartyService bean";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
            .withBean("blockWhenTheCheckFails", ThirdPartyServiceCustomizer.class,
                    () -> b -> b.whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.BLOCK));

    @Test
    void anOwnServiceNamesTheCustomizersAndPropertiesItDoesNotGet(CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.service.display-name=Other")
                .withBean("ownService", ThirdPartyService.class, OwnServiceCheckTest::own)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("embeddableThirdPartyService");
                });
        assertThat(output.getOut()).contains(WARNING)
                .contains("these are not used: blockWhenTheCheckFails, ringcentral.embeddable.service.display-name")
                .contains("whenDoNotContactCheckFails");
    }

    /** Where the starter's service would refuse visitors who have not signed in, an own one that answers them is named. */
    @Test
    void anOwnServiceThatAnswersEveryoneIsNamedWhereTheStartersWouldNot(CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.service.signed-in-only=true")
                .withBean("ownService", ThirdPartyService.class, OwnServiceCheckTest::own)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("own ThirdPartyService \"own\" answers visitors who have not signed in")
                .contains("signedInCallersOnly(true)");
        int seen = output.getOut().length();
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
                .withPropertyValues("ringcentral.embeddable.service.signed-in-only=true")
                .withBean("ownService", ThirdPartyService.class,
                        () -> ThirdPartyService.builder("own").contacts(new AdaContacts()).signedInCallersOnly(true).build())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut().substring(seen)).doesNotContain("answers visitors who have not signed in");
    }

    /** Under the starter's bean name, to replace its bean: still the application's own (a review). */
    @Test
    void anOwnServiceUnderTheStartersBeanNameIsStillNamed(CapturedOutput output) {
        web.withBean("embeddableThirdPartyService", ThirdPartyService.class, OwnServiceCheckTest::own)
                .run(context -> assertThat(context).hasNotFailed().getBean(ThirdPartyService.class)
                        .extracting(s -> s.descriptor().name()).isEqualTo("own"));
        assertThat(output.getOut()).contains(WARNING);
    }

    static class ServiceFactory implements FactoryBean<ThirdPartyService> {
        @Override
        public ThirdPartyService getObject() {
            return own();
        }

        @Override
        public Class<?> getObjectType() {
            return ThirdPartyService.class;
        }
    }

    /** From a FactoryBean, and under lazy initialization (what spring.main.lazy-initialization=true registers). */
    @Test
    void anOwnServiceFromAFactoryBeanOrMadeLazilyIsNamed(CapturedOutput output) {
        web.withInitializer(c -> c.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withBean("ownService", ServiceFactory.class, ServiceFactory::new)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ThirdPartyService.class));
        assertThat(output.getOut()).contains(WARNING);
    }

    private static ThirdPartyService own() {
        return ThirdPartyService.builder("own").contacts(new AdaContacts()).build();
    }

    @Test
    void theStartersServiceReadsThemAndSaysNothing(CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.service.display-name=Other")
                .withBean(ContactProvider.class, AdaContacts::new)
                .run(context -> {
                    assertThat(context).hasSingleBean(ThirdPartyService.class);
                    assertThat(context).hasBean("embeddableThirdPartyService");
                });
        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    /** A trial's CRM had no call logger and nothing said why the widget showed no "Log" button: the start-up does. */
    @Test
    void theStartersServiceSaysWhatItAnswersAndWhatNot(CapturedOutput output) {
        web.withBean(ContactProvider.class, AdaContacts::new)
                .run(context -> assertThat(context).hasSingleBean(ThirdPartyService.class));
        assertThat(output.getOut()).contains("the CRM service \"crm\" answers the widget's call-outs to search contacts,"
                + " match phone numbers to contacts; the widget makes none to load contacts").contains("log the call");
    }

    @Test
    void noServiceSaysNothing(CapturedOutput output) {
        web.run(context -> assertThat(context).doesNotHaveBean(ThirdPartyService.class));
        assertThat(output.getOut()).doesNotContain(WARNING);
    }
}
