package io.github.embeddable4j.core.graduation;

import static io.github.embeddable4j.core.graduation.WidgetJson.messageUpdated;
import static io.github.embeddable4j.core.graduation.WidgetJson.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update replaces the counts file by a new one, which kept only its owner's permissions: the operator's (a file
 * shared by instances running as other users) were lost at the first count (found by a review).
 */
class CountsFilePermissionsTest {

    @TempDir
    Path folder;

    @Test
    void anUpdateKeepsTheFilesPermissions() throws Exception {
        Path file = folder.resolve("graduation.json");
        Files.writeString(file, "{\"format\":1,\"scopes\":[]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        GraduationTracker tracker = new GraduationTracker(
                EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.SANDBOX).build(),
                new FileGraduationStore(file));
        tracker.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        assertThat(tracker.progress().item(GraduationCriterion.SMS_SENT).count()).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
    }
}
