package io.github.embeddable4j.core.graduation;

import io.github.embeddable4j.core.AppServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another process writing to the same counts file: says "ready", waits for "go", then records
 * {@link #keys(String)} in every counter.
 */
public final class FileStoreWriter {

    static final GraduationScope SCOPE = new GraduationScope("sandboxApp1", AppServer.SANDBOX);

    /** This writer's keys: 10 of its own, and 4 every writer shares. */
    static String[] keys(String writer) {
        String[] keys = new String[14];
        for (int i = 0; i < 10; i++) {
            keys[i] = writer + i;
        }
        for (int i = 0; i < 4; i++) {
            keys[10 + i] = "shared" + i;
        }
        return keys;
    }

    static void write(FileGraduationStore store, String writer) {
        for (String key : keys(writer)) {
            for (GraduationCounter counter : GraduationCounter.values()) {
                store.record(SCOPE, counter, key);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        FileGraduationStore store = new FileGraduationStore(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        write(store, args[1]);
        System.out.println("done");
    }
}
