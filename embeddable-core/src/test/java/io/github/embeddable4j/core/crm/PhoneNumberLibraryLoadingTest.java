package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * libphonenumber reads its metadata in {@code PhoneNumberUtil.getInstance()} (about 30 ms of CPU in a fresh JVM). That
 * must happen when a number is first normalised, not when an application merely builds a service (the Spring starter
 * builds one at start-up, with or without a CRM). Checked in a class loader of its own, so no other test has loaded
 * libphonenumber before.
 */
class PhoneNumberLibraryLoadingTest {

    @Test
    void theMetadataIsReadAtTheFirstNumberNotWhenAServiceIsBuilt() throws Exception {
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {codeOf(PhoneNumberNormalizer.class),
                codeOf(PhoneNumberUtil.class), codeOf(JsonNode.class), codeOf(JsonParser.class), codeOf(JsonProperty.class)},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> normalizer = Class.forName(PhoneNumberNormalizer.class.getName(), true, fresh);
            Class<?> service = Class.forName(ThirdPartyService.class.getName(), true, fresh);
            Object us = normalizer.getMethod("us").invoke(null);
            service.getMethod("builder", String.class).invoke(null, "acme");
            assertThat(libphonenumberInstance(fresh)).as("PhoneNumberUtil.getInstance() before any number").isNull();

            assertThat(normalizer.getMethod("matchKey", String.class).invoke(us, "(650) 555-0101")).isEqualTo("+16505550101");
            assertThat(libphonenumberInstance(fresh)).as("PhoneNumberUtil.getInstance() after a number").isNotNull();
        }
    }

    /** The singleton libphonenumber creates in getInstance(), as seen by the given loader (its static initializer leaves it null). */
    private static Object libphonenumberInstance(ClassLoader loader) throws Exception {
        Field instance = Class.forName(PhoneNumberUtil.class.getName(), true, loader).getDeclaredField("instance");
        instance.setAccessible(true);
        return instance.get(null);
    }

    private static URL codeOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
