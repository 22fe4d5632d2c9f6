package io.github.embeddable4j.core.graduation;

import static io.github.embeddable4j.core.graduation.WidgetJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileGraduationStoreTest {

    private static final EmbeddableConfig SANDBOX_APP =
            EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.SANDBOX).build();

    @TempDir
    Path folder;

    @Test
    void aMissingFileIsNoCountsAndItsFolderIsMadeOnTheFirstCount() {
        Path file = folder.resolve("not/yet/there/graduation.json");
        GraduationTracker tracker = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        assertThat(tracker.progress().items()).allSatisfy(item -> assertThat(item.count()).isZero());
        assertThat(file).doesNotExist();
        tracker.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        assertThat(file).exists();
        assertThat(tracker.progress().item(GraduationCriterion.SMS_SENT).count()).isEqualTo(1);
    }

    /**
     * A file the store cannot keep is told before the first count (an operations trial's unwritable path started
     * cleanly, then lost every count after one warning that named neither the setting nor a fix).
     */
    @Test
    void aFileTheStoreCannotKeepIsToldBeforeTheFirstCount() throws Exception {
        assertThat(new FileGraduationStore(folder.resolve("not/yet/there/graduation.json")).unwritable()).isEmpty();
        assertThat(new FileGraduationStore(folder.resolve("graduation.json")).unwritable()).isEmpty();

        Path notAFolder = Files.writeString(folder.resolve("notes.txt"), "a file, not a folder");
        FileGraduationStore underAFile = new FileGraduationStore(notAFolder.resolve("counts/graduation.json"));
        assertThat(underAFile.unwritable()).hasValue("the graduation counts file " + notAFolder.resolve("counts/graduation.json")
                + " cannot be made: " + notAFolder + " is not a folder");
        GraduationTracker tracker = new GraduationTracker(SANDBOX_APP, underAFile);
        assertThatThrownBy(() -> tracker.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s")))
                .isInstanceOf(GraduationStoreException.class); // what the check foretold

        Path aFolder = Files.createDirectories(folder.resolve("graduation.json.d"));
        assertThat(new FileGraduationStore(aFolder).unwritable()).hasValue("the graduation counts file " + aFolder + " is a folder");
    }

    @Test
    void countsSurviveARestart() throws Exception {
        Path file = folder.resolve("graduation.json");
        GraduationTracker before = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        before.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        before.onWidgetEvent(received(login(true, true), "s"));
        before.onWidgetEvent(received(login(false, null), "s"));
        before.onWidgetEvent(received(ringOut("r1", "Ringing"), "s"));

        GraduationTracker after = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        after.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s")); // seen before the restart
        after.onWidgetEvent(received(messageUpdated("2", "SMS", "Outbound", "Read"), "s"));
        GraduationProgress progress = after.progress();
        assertThat(progress.item(GraduationCriterion.SMS_SENT).count()).isEqualTo(2);
        assertThat(progress.item(GraduationCriterion.LOGINS_AND_LOGOUTS).count()).isEqualTo(1);
        assertThat(progress.item(GraduationCriterion.RINGOUT_CALLS).count()).isEqualTo(1);

        var json = new ObjectMapper().readTree(file.toFile()); // the documented layout
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.at("/scopes/0/clientId").asText()).isEqualTo("sandboxApp1");
        assertThat(json.at("/scopes/0/appServer").asText()).isEqualTo("https://platform.devtest.ringcentral.com");
        assertThat(json.at("/scopes/0/counters/SMS_SENT").toString()).isEqualTo("[\"1\",\"2\"]");
        try (Stream<Path> files = Files.list(folder)) { // no temporary file left behind
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("graduation.json", "graduation.json.lock");
        }
    }

    @Test
    void twoTrackersOnTheSameFileLoseNoUpdate() throws Exception {
        Path file = folder.resolve("graduation.json");
        GraduationTracker first = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        GraduationTracker second = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                GraduationTracker tracker = t % 2 == 0 ? first : second;
                int offset = t;
                work.add(() -> {
                    // 20 ids per counter in all; each thread sends 12 of them, so every id comes from several threads
                    for (int i = 0; i < 12; i++) {
                        String id = String.valueOf((offset * 4 + i) % 20);
                        tracker.onWidgetEvent(received(messageUpdated("s" + id, "SMS", "Outbound", "Read"), "s"));
                        tracker.onWidgetEvent(received(messageUpdated("p" + id, "Pager", "Outbound", "Read"), "s"));
                        tracker.onWidgetEvent(received(call("rc-call-init-notify", id, "Outbound"), "s"));
                        tracker.onWidgetEvent(received(ringOut(id, "Ringing"), "s"));
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(work, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Map<GraduationCounter, Integer> counts = new FileGraduationStore(file).counts(first.scope());
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(GraduationCounter.SMS_SENT, 20,
                GraduationCounter.INTERNAL_MESSAGES_SENT, 20, GraduationCounter.OUTBOUND_BROWSER_CALLS, 20,
                GraduationCounter.RINGOUT_CALLS, 20));
    }

    @Test
    void anotherProcessWritingTheSameFileLosesNoUpdate() throws Exception {
        Path file = folder.resolve("graduation.json");
        String classPath = String.join(File.pathSeparator, location(FileStoreWriter.class), location(GraduationStore.class),
                location(ObjectMapper.class), location(JsonFactory.class),
                location(com.fasterxml.jackson.annotation.JsonProperty.class));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, FileStoreWriter.class.getName(), file.toString(), "child")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("go\n");
            }
            FileStoreWriter.write(new FileGraduationStore(file), "parent");
            assertThat(out.readLine()).isEqualTo("done");
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
        // 10 keys of each writer and 4 shared: 24 in every counter
        assertThat(new FileGraduationStore(file).counts(FileStoreWriter.SCOPE).values())
                .hasSize(GraduationCounter.values().length).containsOnly(24);
    }

    /**
     * Another web application in the same JVM (its own copy of this class, so not this class's thread lock) holds the
     * file lock: an update waits for it instead of failing. The JVM holds file locks per process, so the other's lock
     * is an overlap here, and the count was lost with an exception (a concurrency audit). Held here as the other
     * application would hold it: a lock on the same file, in this JVM, outside the store.
     */
    @Test
    void anUpdateWaitsForAnotherApplicationInThisJvmHoldingTheFile() throws Exception {
        Path file = folder.resolve("graduation.json");
        FileGraduationStore store = new FileGraduationStore(file);
        GraduationScope scope = GraduationScope.of(SANDBOX_APP);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(folder.resolve("graduation.json.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = other.lock();
            Future<Integer> update = pool.submit(() -> store.record(scope, GraduationCounter.SMS_SENT, "1"));
            Thread.sleep(300);
            assertThat(update).as("waiting while the other holds the file").isNotDone();
            held.release();
            assertThat(update.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.counts(scope)).containsEntry(GraduationCounter.SMS_SENT, 1);
    }

    @Test
    void aCounterKeepsAtMostTheKeyLimit() {
        FileGraduationStore store = new FileGraduationStore(folder.resolve("graduation.json"));
        GraduationScope scope = GraduationScope.of(SANDBOX_APP);
        int last = 0;
        for (int i = 0; i < 30; i++) {
            last = store.record(scope, GraduationCounter.LOGINS, "k" + i);
        }
        assertThat(last).isEqualTo(GraduationStore.KEY_LIMIT);
        assertThat(store.record(scope, GraduationCounter.LOGINS, "k0")).isEqualTo(GraduationStore.KEY_LIMIT);
        assertThat(store.counts(scope)).containsEntry(GraduationCounter.LOGINS, GraduationStore.KEY_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"format\":1,\"scopes\":[", "{\"format\":1,\"scopes\":[]} trailing", "[]",
            "{\"scopes\":[]}", "{\"format\":2,\"scopes\":[]}", "{\"format\":1,\"scopes\":{}}",
            "{\"format\":1,\"scopes\":[{\"clientId\":1,\"appServer\":\"x\",\"counters\":{}}]}",
            "{\"format\":1,\"scopes\":[{\"clientId\":\"a\",\"appServer\":\"x\",\"counters\":{\"SMS_SENT\":[1]}}]}"})
    void aDamagedFileIsAClearErrorAndIsLeftAsItIs(String content) throws Exception {
        Path file = folder.resolve("graduation.json");
        Files.writeString(file, content);
        GraduationTracker tracker = new GraduationTracker(SANDBOX_APP, new FileGraduationStore(file));
        assertThatThrownBy(tracker::progress).isInstanceOf(GraduationStoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is damaged")
                .hasMessageContaining("does not overwrite it");
        assertThatThrownBy(() -> tracker.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s")))
                .isInstanceOf(GraduationStoreException.class);
        assertThat(file).hasContent(content);
    }

    @Test
    void anEmptyFileHoldsNoCounts() throws Exception {
        Path file = folder.resolve("graduation.json");
        Files.writeString(file, "");
        FileGraduationStore store = new FileGraduationStore(file);
        assertThat(store.counts(GraduationScope.of(SANDBOX_APP))).isEmpty();
        assertThat(store.record(GraduationScope.of(SANDBOX_APP), GraduationCounter.SMS_SENT, "1")).isEqualTo(1);
    }

    @Test
    void countersThisVersionDoesNotKnowAreKept() throws Exception {
        Path file = folder.resolve("graduation.json");
        Files.writeString(file, "{\"format\":1,\"scopes\":[{\"clientId\":\"sandboxApp1\","
                + "\"appServer\":\"https://platform.devtest.ringcentral.com\",\"counters\":{\"FUTURE\":[\"x\"]}}]}");
        FileGraduationStore store = new FileGraduationStore(file);
        store.record(GraduationScope.of(SANDBOX_APP), GraduationCounter.SMS_SENT, "1");
        assertThat(Files.readString(file)).contains("\"FUTURE\" : [ \"x\" ]").contains("\"SMS_SENT\" : [ \"1\" ]");
    }

    @Test
    void theDefaultFileIsInTheUsersHome() {
        assertThat(FileGraduationStore.defaultLocation())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".embeddable4j", "graduation.json"));
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
