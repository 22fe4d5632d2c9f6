package io.github.embeddable4j.core.crm;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns phone numbers as people and CRMs write them into E.164 ({@code +16505550101}), the form the widget sends in
 * contact-match call-outs, using Google's libphonenumber. Numbers without a country code are read in the default
 * region (US unless you choose another), so {@code +1 (650) 555-0101}, {@code 650-555-0101} and {@code +16505550101}
 * all become {@code +16505550101}. Thread-safe and immutable.
 *
 * <pre>{@code PhoneNumberNormalizer.forRegion("GB").toE164("020 7946 0018") // Optional[+442079460018]}</pre>
 *
 * <p>A number counts when libphonenumber finds it <em>possible</em> (right length for its country), not only when it
 * is in a range assigned today: CRM data is messy, and fictional numbers such as 555-01xx must match too.
 */
public final class PhoneNumberNormalizer {

    /** A number, then its extension after a star: {@code +1 (650) 555-0100 *123}. */
    private static final Pattern STAR_EXTENSION = Pattern.compile("(.*\\d[\\s)]*)\\*\\s*(\\d{1,10})\\s*");

    private static final PhoneNumberNormalizer US = new PhoneNumberNormalizer("US");

    private final String region;

    private PhoneNumberNormalizer(String region) {
        this.region = region;
    }

    /** Reads numbers without a country code as US numbers. */
    public static PhoneNumberNormalizer us() {
        return US;
    }

    /**
     * Reads numbers without a country code in this region.
     *
     * @param region an ISO 3166 region code such as {@code US}, {@code GB}, {@code DE}
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public static PhoneNumberNormalizer forRegion(String region) {
        Objects.requireNonNull(region, "region");
        String code = region.trim().toUpperCase(Locale.ROOT);
        if (!Lib.UTIL.getSupportedRegions().contains(code)) {
            throw new IllegalArgumentException("'" + region + "' is not a region libphonenumber knows; use an ISO 3166"
                    + " code such as US, GB, DE, FR, AU");
        }
        return code.equals("US") ? US : new PhoneNumberNormalizer(code);
    }

    /** The default region, such as {@code US}. */
    public String region() {
        return region;
    }

    /** The number in E.164, or empty when it is not a possible phone number (too short, letters, empty). */
    public Optional<String> toE164(@Nullable String number) {
        return Optional.ofNullable(parse(number)).map(n -> Lib.UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /**
     * The number in E.164.
     *
     * @throws IllegalArgumentException saying why it is not a phone number
     */
    public String requireE164(@Nullable String number) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("The phone number is empty");
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = Lib.UTIL.parse(number, region);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + number + "' is not a phone number (" + reason(e.getErrorType()) + ")");
        }
        PhoneNumberUtil.ValidationResult result = Lib.UTIL.isPossibleNumberWithReason(parsed);
        if (result != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
            throw new IllegalArgumentException("'" + number + "' is not a full phone number in region " + region + " ("
                    + reason(result) + ")");
        }
        return Lib.UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /**
     * The key two numbers match on: E.164 when the number is possible, otherwise its digits (so short numbers such as
     * extension {@code 101} match each other), or null when it has no digit at all.
     */
    public @Nullable String matchKey(@Nullable String number) {
        if (number == null) {
            return null;
        }
        Phonenumber.PhoneNumber parsed = parse(number);
        if (parsed != null) {
            return Lib.UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        }
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.length() == 0 ? null : digits.toString();
    }

    /**
     * The key of the number with its extension ({@code +16505550100;ext=123}), or null when it has none: a lookup
     * with an extension finds what was stored with that extension before what was stored under the number alone.
     */
    @Nullable String extensionKey(@Nullable String number) {
        Phonenumber.PhoneNumber parsed = parse(number);
        if (parsed == null || !parsed.hasExtension() || parsed.getExtension().isEmpty()) {
            return null;
        }
        return Lib.UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) + ";ext=" + parsed.getExtension();
    }

    private Phonenumber.@Nullable PhoneNumber parse(@Nullable String number) {
        if (number == null || number.isBlank() || number.length() > 250) {
            return null;
        }
        try {
            // RingCentral writes an extension after a star (+16505550100*123), which libphonenumber does not read as one
            Matcher star = STAR_EXTENSION.matcher(number);
            String text = star.matches() ? star.group(1) + " ext. " + star.group(2) : number;
            Phonenumber.PhoneNumber parsed = Lib.UTIL.parse(text, region);
            PhoneNumberUtil.ValidationResult result = Lib.UTIL.isPossibleNumberWithReason(parsed);
            // a local-only number (no area code) has no true E.164 form: it is matched on its digits instead
            return result == PhoneNumberUtil.ValidationResult.IS_POSSIBLE ? parsed : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String reason(PhoneNumberUtil.ValidationResult result) {
        return switch (result) {
            case IS_POSSIBLE_LOCAL_ONLY -> "no area code";
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case TOO_SHORT -> "too short";
            case TOO_LONG -> "too long";
            case INVALID_LENGTH -> "wrong length";
            case IS_POSSIBLE -> "possible";
        };
    }

    private static String reason(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case NOT_A_NUMBER -> "no phone number in it";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }

    @Override
    public String toString() {
        return "PhoneNumberNormalizer[" + region + "]";
    }

    /**
     * libphonenumber, loaded on first use: {@code getInstance()} reads its metadata (about 30 ms of CPU in a fresh JVM),
     * which an application that only builds a service, or has no CRM at all, should not pay at start-up.
     */
    private static final class Lib {
        static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    }
}
