package io.github.embeddable4j.core;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing wrong with (or worth knowing about) a configuration: the property, what is wrong, and how to fix it.
 *
 * @param property the setting's name as the widget spells it, such as {@code clientId} (or, after
 *                 {@link #named(UnaryOperator)}, as a framework names it)
 * @param message  what is wrong, in one sentence
 * @param fix      what to change, in one sentence
 */
public record ConfigProblem(String property, String message, String fix) {

    /** A quoted value ('...' after a space or bracket): user input, never renamed. */
    private static final Pattern QUOTED = Pattern.compile("(?<=^|[\\s(])'[^']*'(?=$|[\\s.,;:)?!])");
    /** A word that may be a setting name: not part of a URL, a path or a dotted property name. */
    private static final Pattern WORD = Pattern.compile("(?<![\\w/.:-])[A-Za-z][A-Za-z0-9]*(?![\\w/])");

    public ConfigProblem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * This problem in another configuration vocabulary, such as a framework's property names: the property, and
     * every setting its message and fix mention, passed through {@code naming}. In the text, a setting name is
     * renamed when it is camel case ({@code multipleTabsSupport}) or followed by {@code =} ({@code hosting=3.x}), so
     * that plain words ({@code brand}, {@code prefix}) and quoted values stay as they are.
     *
     * <pre>{@code problem.named(s -> "ringcentral.embeddable." + EmbeddableConfig.kebabKey(s))}</pre>
     */
    public ConfigProblem named(UnaryOperator<String> naming) {
        Set<String> names = new HashSet<>(ConfigReader.settingNames());
        for (WidgetParameter p : WidgetParameter.values()) {
            p.formerName().ifPresent(names::add);
        }
        // A property that is no setting name (a key as the user mistyped it) stays as written.
        String renamed = names.contains(property) || property.startsWith("params.") ? naming.apply(property) : property;
        return new ConfigProblem(renamed, rename(message, names, naming), rename(fix, names, naming));
    }

    private static String rename(String text, Set<String> names, UnaryOperator<String> naming) {
        StringBuilder out = new StringBuilder();
        Matcher quoted = QUOTED.matcher(text);
        int from = 0;
        while (quoted.find()) {
            out.append(renameWords(text.substring(from, quoted.start()), names, naming)).append(quoted.group());
            from = quoted.end();
        }
        return out.append(renameWords(text.substring(from), names, naming)).toString();
    }

    private static String renameWords(String text, Set<String> names, UnaryOperator<String> naming) {
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            String w = word.group();
            boolean assigned = word.end() < text.length() && text.charAt(word.end()) == '=';
            boolean camel = !w.equals(w.toLowerCase(Locale.ROOT));
            String replacement = names.contains(w) && (camel || assigned) ? naming.apply(w) : w;
            word.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** {@code property: message Fix: fix}, on one line. */
    @Override
    public String toString() {
        return property + ": " + message + " Fix: " + fix;
    }
}
