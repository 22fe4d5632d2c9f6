package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberNormalizerTest {

    private final PhoneNumberNormalizer us = PhoneNumberNormalizer.us();

    @Test
    void theThreeCommonFormsBecomeTheSameE164() {
        assertThat(us.toE164("+1 (650) 555-0101")).contains("+16505550101");
        assertThat(us.toE164("6505550101")).contains("+16505550101");
        assertThat(us.toE164("+16505550101")).contains("+16505550101");
        assertThat(us.toE164("1-650-555-0101")).contains("+16505550101");
        assertThat(us.toE164("650.555.0101 ext. 12")).contains("+16505550101");
        assertThat(us.matchKey("(650) 555-0101")).isEqualTo(us.matchKey("+16505550101"));
    }

    @Test
    void theDefaultRegionReadsNationalNumbersAndInternationalOnesStayAsTheyAre() {
        PhoneNumberNormalizer gb = PhoneNumberNormalizer.forRegion("gb");
        assertThat(gb.region()).isEqualTo("GB");
        assertThat(gb.toE164("020 7946 0018")).contains("+442079460018");
        assertThat(us.toE164("020 7946 0018")).isEmpty(); // not a US number
        assertThat(gb.toE164("+1 650 555 0101")).contains("+16505550101");
        assertThat(us.toE164("+44 20 7946 0018")).contains("+442079460018");
    }

    @Test
    void invalidNumbersAreEmptyOrAClearException() {
        assertThat(us.toE164(null)).isEmpty();
        assertThat(us.toE164("")).isEmpty();
        assertThat(us.toE164("call me")).isEmpty();
        assertThat(us.toE164("12")).isEmpty();
        assertThatThrownBy(() -> us.requireE164("call me")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'call me' is not a phone number").hasMessageContaining("no phone number in it");
        assertThatThrownBy(() -> us.requireE164("555-0101")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no area code");
        assertThatThrownBy(() -> us.requireE164(" ")).hasMessageContaining("empty");
        assertThat(us.requireE164("(650) 555-0101")).isEqualTo("+16505550101");
    }

    @Test
    void numbersWithoutAnE164FormMatchOnTheirDigits() {
        // a local number has no area code: writing it as +1 5550101 would be a wrong number
        assertThat(us.toE164("555-0101")).isEmpty();
        assertThat(us.matchKey("555-0101")).isEqualTo("5550101");
        assertThat(us.matchKey("101")).isEqualTo("101"); // an extension, as the widget sends for internal calls
        assertThat(us.matchKey("ext 101")).isEqualTo("101");
        assertThat(us.matchKey("no digits")).isNull();
        assertThat(us.matchKey(null)).isNull();
    }

    @Test
    void unknownRegionsAreRefused() {
        assertThatThrownBy(() -> PhoneNumberNormalizer.forRegion("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX' is not a region");
    }
}
