package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "CRM in ten lines" is the example's own code, word for word, so it compiles and stays current. */
class ReadmeSnippetTest {

    @Test
    void theReadmeSnippetIsTheExamplesCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/github/embeddable4j/examples/springboot/CrmConfiguration.java"));
        Matcher region = Pattern.compile("(?s)// README: crm-in-ten-lines\\n(.*?)\\n\\s*// README: end").matcher(source);
        assertThat(region.find()).as("the marked region in CrmConfiguration.java").isTrue();
        String code = region.group(1).replaceAll("(?m)^    ", "");

        String readme = Files.readString(Path.of("../../README.md"));
        Matcher snippet = Pattern.compile("(?s)### CRM in ten lines.*?```java\\n(.*?)\\n```").matcher(readme);
        assertThat(snippet.find()).as("the README's 'CRM in ten lines' block").isTrue();
        assertThat(snippet.group(1)).isEqualTo(code);
    }
}
