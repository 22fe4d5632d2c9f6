package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link between the repository's documents leads somewhere: the file exists and, for {@code file.md#anchor}, a
 * heading of that file has that anchor as GitHub makes it. The adapters' sections moved out of the README into
 * {@code docs/}, and a link that still pointed at the docs' old anchor would open the docs' top.
 */
class DocumentLinksTest {

    private static final Path ROOT = ConfigurationReferenceTest.repositoryRoot();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("#{1,6} (.+)");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (String target : links(doc)) {
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).as("relative links in the docs").isGreaterThan(100);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    /** GitHub's anchors: lower case, punctuation dropped, spaces as '-', and -1, -2 for a repeated heading. */
    @Test
    void anchorsAreGitHubs() {
        assertThat(anchorsOf(List.of("## Sign in once (Spring)", "### Deploying: a sub-path, a TLS proxy",
                "## `EmbeddableFilter` and CSP", "```", "# not a heading in a fence", "```", "## Sign in once (Spring)")))
                .containsExactly("sign-in-once-spring", "deploying-a-sub-path-a-tls-proxy", "embeddablefilter-and-csp",
                        "sign-in-once-spring-1");
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        for (String name : List.of("README.md", "CHANGELOG.md", "NOTES.md", "BENCHMARKS.md")) {
            docs.add(ROOT.resolve(name));
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The link targets of a document, code blocks left out (a link there is text). */
    private static List<String> links(Path doc) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    private static Set<String> anchors(Path file) throws IOException {
        return file.toString().endsWith(".md") ? anchorsOf(Files.readAllLines(file)) : Set.of();
    }

    private static Set<String> anchorsOf(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                        .replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }
}
