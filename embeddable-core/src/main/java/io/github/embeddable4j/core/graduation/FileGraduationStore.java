package io.github.embeddable4j.core.graduation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default {@link GraduationStore}: one JSON file, {@link #defaultLocation()} unless given. Each update reads the
 * file, adds the key and replaces the file atomically, under a lock on a side file ({@code <name>.lock}) that other
 * processes respect too, so instances of the app sharing the file lose no update. A missing file (or folder) means
 * no counts yet; a damaged file is reported by a {@link GraduationStoreException} and left as it is.
 *
 * <pre>{@code GraduationStore store = new FileGraduationStore(Path.of("/var/lib/myapp/graduation.json"));}</pre>
 */
public final class FileGraduationStore implements GraduationStore {

    /** One lock per file in this JVM: a file lock is held per process, so threads of one process queue here first. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    /** A store in the given file; neither it nor its folder need exist yet. */
    public FileGraduationStore(Path file) {
        Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("The graduation counts file needs a file name, not " + file);
        }
        this.file = absolute;
    }

    /** {@code ${user.home}/.embeddable4j/graduation.json}. */
    public static Path defaultLocation() {
        return Path.of(System.getProperty("user.home"), ".embeddable4j", "graduation.json");
    }

    /** The file the counts are kept in. */
    public Path file() {
        return file;
    }

    /**
     * Why this store could not keep its file, if it could not; checked without creating anything, so that an
     * application can refuse a bad path at start-up rather than lose its counts from the first one. The file is
     * replaced through its folder, so that folder (or, while it does not exist, the nearest one on the path that does)
     * must be writable.
     *
     * <pre>{@code new FileGraduationStore(path).unwritable().ifPresent(why -> log.warn(why));}</pre>
     */
    public Optional<String> unwritable() {
        if (Files.isDirectory(file)) {
            return Optional.of("the graduation counts file " + file + " is a folder");
        }
        Path existing = file.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("no folder on the path of the graduation counts file " + file + " exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of("the graduation counts file " + file + " cannot be made: " + existing + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of("the graduation counts file " + file + " cannot be written: " + (existing.equals(file.getParent())
                    ? "its folder " + existing + " is not writable" : "its folder would be made in " + existing + ", which is not writable"));
        }
        return Optional.empty();
    }

    @Override
    public int record(GraduationScope scope, GraduationCounter counter, String key) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(key, "key");
        return locked(() -> {
            CountsFile counts = CountsFile.read(file);
            var keys = counts.keys(scope, counter);
            if (keys.contains(key) || keys.size() >= KEY_LIMIT) {
                return keys.size();
            }
            keys.add(key);
            try {
                counts.write(file);
            } catch (IOException e) {
                throw new GraduationStoreException("Cannot write the graduation counts file " + file + ": " + e, e);
            }
            return keys.size();
        });
    }

    /** Reads without the lock: the file is only ever replaced whole. */
    @Override
    public Map<GraduationCounter, Integer> counts(GraduationScope scope) {
        return CountsFile.read(file).counts(Objects.requireNonNull(scope, "scope"));
    }

    /**
     * The file lock, waited for when another copy of this class in this JVM holds it: a JVM holds file locks per
     * process, so another web application's lock on the same file (the starter's default one in the user's home) is an
     * overlap here, not a wait, and the count was lost (a concurrency audit).
     */
    private FileLock lock(FileChannel channel) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() - end > 0) {
                    throw new GraduationStoreException("Cannot lock the graduation counts file " + file + ": another"
                            + " application in this JVM has held it for 10 s", e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new GraduationStoreException("Interrupted while waiting to update " + file, interrupted);
                }
            }
        }
    }

    private int locked(Supplier<Integer> update) {
        Path folder;
        try {
            folder = Files.createDirectories(file.getParent()).toRealPath();
        } catch (IOException e) {
            throw new GraduationStoreException("Cannot create the folder of the graduation counts file " + file + ": " + e, e);
        }
        ReentrantLock threads = LOCKS.computeIfAbsent(folder.resolve(file.getFileName()), k -> new ReentrantLock());
        try {
            threads.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraduationStoreException("Interrupted while waiting to update " + file, e);
        }
        try (FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock processes = lock(channel)) {
            return update.get();
        } catch (IOException e) {
            throw new GraduationStoreException("Cannot lock the graduation counts file " + file + ": " + e, e);
        } finally {
            threads.unlock();
        }
    }
}
