package io.github.embeddable4j.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What counts as a secret's name; read through {@link SettingNames#isSecretName(String)}. */
final class SecretNames {

    private SecretNames() {
    }

    /**
     * Words of a setting's name that mark it as a credential. Wider than the widget's four secrets on purpose: a
     * misspelt {@code clientSecrt}, the old {@code appSecret}, or an extra parameter such as {@code access_token} is
     * as secret as {@code clientSecret}. Sign in once's server key ({@code login.server-key}) is no widget setting,
     * but whoever has it can derive every user's {@code externalAuthId}.
     */
    private static final List<String> SECRET_WORDS = List.of("secret", "jwt", "authorizationcode", "password", "token",
            "privatekey", "serverkey", "apikey", "accesskey", "credential", "passwd", "verifier", "bearer", "sessionid",
            "signature", "cookie", "passphrase", "passcode", "pwd", "sharedkey", "signingkey", "licensekey",
            "encryptionkey", "hmackey");
    /**
     * Names that are a credential only as the whole name: OAuth's {@code code}, an {@code auth} or {@code key}
     * parameter; as words they are in many harmless names ({@code countryCode}, {@code authProxy}).
     */
    private static final List<String> SECRET_NAMES = List.of("code", "auth", "authorization", "key", "session", "sig",
            "pass", "pin", "otp");
    /** The switch that lets secrets into markup is not one itself. */
    private static final String ALLOW_SECRETS = "allowSecretsInMarkup";
    private static final String PREFIX = "ringcentralembeddable";

    /** Every setting name, relaxed, each marked secret or not: a misspelt name is as secret as the one it is nearest to. */
    private static final Map<String, Boolean> SETTING_NAMES = settingNames();

    /**
     * Whether a setting's name (any relaxed form, with or without a prefix or {@code params.}) names a credential, or is
     * a likely misspelling of one ({@code clientSecrt}): nearer to a secret's name than to any other setting's, as near
     * as "Did you mean" reaches.
     */
    static boolean isSecretName(String key) {
        String k = normalize(key);
        if (k.startsWith(PREFIX)) {
            k = k.substring(PREFIX.length());
        }
        for (String params : List.of("params", "param")) {
            if (k.startsWith(params) && !k.equals(params)) {
                k = k.substring(params.length());
                break;
            }
        }
        Boolean known = SETTING_NAMES.get(k);
        if (known != null) {
            return known;
        }
        if (SECRET_NAMES.contains(k)) {
            return true;
        }
        for (String word : SECRET_WORDS) {
            if (k.contains(word)) {
                return true;
            }
        }
        int allowed = Suggestions.allowedDistance(k); // as far as "Did you mean" reaches
        int nearestSecret = Integer.MAX_VALUE;
        int nearestOther = Integer.MAX_VALUE;
        for (Map.Entry<String, Boolean> name : SETTING_NAMES.entrySet()) {
            if (Math.abs(name.getKey().length() - k.length()) > allowed) {
                continue; // that far apart in length alone: neither nearest within reach nor a misspelling
            }
            int d = Suggestions.distance(k, name.getKey());
            if (name.getValue()) {
                nearestSecret = Math.min(nearestSecret, d);
            } else {
                nearestOther = Math.min(nearestOther, d);
            }
        }
        // a tie with a secret counts as a secret, whatever order the names come in
        return nearestSecret <= nearestOther && nearestSecret <= allowed;
    }

    /** Every setting's relaxed name, each marked secret or not (package-private for a test). */
    static Map<String, Boolean> settingNames() {
        Map<String, Boolean> names = new HashMap<>();
        for (WidgetParameter p : WidgetParameter.values()) {
            names.put(normalize(p.wireName()), p.isSecret());
            p.formerName().ifPresent(former -> names.put(normalize(former), p.isSecret()));
        }
        for (String name : List.of("hosting", "frameOrigins", "requireClientId", ALLOW_SECRETS)) {
            names.put(normalize(name), false);
        }
        names.put("serverkey", true); // sign in once's key (login.server-key), so that its misspellings are secret too
        names.put("loginserverkey", true);
        return Map.copyOf(names);
    }

    private static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                // one char at a time, as the settings reader does: String.toLowerCase turns 'İ' into "i\u0307", so a
                // secret's name spelt with it was read as the secret yet not found to be one here
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
