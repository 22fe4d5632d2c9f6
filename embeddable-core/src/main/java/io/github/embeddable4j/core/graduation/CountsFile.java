package io.github.embeddable4j.core.graduation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The counts file's content, read and written whole. Its layout:
 * <pre>{@code
 * {"format": 1, "scopes": [
 *   {"clientId": "abc", "appServer": "https://platform.devtest.ringcentral.com",
 *    "counters": {"SMS_SENT": ["m1", "m2"], "LOGINS": ["4f1c..."]}}]}
 * }</pre>
 * Counters this version does not know are kept as they are.
 */
final class CountsFile {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private record ScopeId(String clientId, String appServer) {
    }

    private final Map<ScopeId, Map<String, Set<String>>> scopes = new LinkedHashMap<>();

    private CountsFile() {
    }

    /** The file's counts; none when it does not exist. A damaged file is an error, never an empty store. */
    static CountsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new CountsFile();
        } catch (IOException e) {
            throw new GraduationStoreException("Cannot read the graduation counts file " + file + ": " + e, e);
        }
        CountsFile counts = new CountsFile();
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                return counts; // an empty file holds no counts
            }
            counts.load(root);
        } catch (JsonProcessingException e) {
            throw damaged(file, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new GraduationStoreException("Cannot read the graduation counts file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw damaged(file, String.valueOf(e.getMessage()), e);
        }
        return counts;
    }

    private void load(JsonNode root) {
        require(root.isObject(), "it is not a JSON object");
        require(root.path("format").isInt(), "\"format\" is missing or not a number");
        require(root.get("format").asInt() == FORMAT, "its format " + root.get("format").asInt()
                + " is not " + FORMAT + " (a newer embeddable4j wrote it?)");
        require(root.path("scopes").isArray(), "\"scopes\" is missing or not an array");
        for (JsonNode scope : root.get("scopes")) {
            require(scope.path("clientId").isTextual() && scope.path("appServer").isTextual()
                    && scope.path("counters").isObject(), "a scope lacks a text clientId and appServer or a counters object");
            Map<String, Set<String>> counters = scopes.computeIfAbsent(
                    new ScopeId(scope.get("clientId").asText(), scope.get("appServer").asText()), k -> new LinkedHashMap<>());
            for (Map.Entry<String, JsonNode> counter : scope.get("counters").properties()) {
                require(counter.getValue().isArray(), "counter " + counter.getKey() + " is not an array");
                Set<String> keys = counters.computeIfAbsent(counter.getKey(), k -> new LinkedHashSet<>());
                for (JsonNode key : counter.getValue()) {
                    require(key.isTextual(), "counter " + counter.getKey() + " holds a key that is not text");
                    keys.add(key.asText());
                }
            }
        }
    }

    /** The keys of one counter, to read or add to. */
    Set<String> keys(GraduationScope scope, GraduationCounter counter) {
        return scopes.computeIfAbsent(id(scope), k -> new LinkedHashMap<>())
                .computeIfAbsent(counter.name(), k -> new LinkedHashSet<>());
    }

    Map<GraduationCounter, Integer> counts(GraduationScope scope) {
        Map<GraduationCounter, Integer> counts = new EnumMap<>(GraduationCounter.class);
        scopes.getOrDefault(id(scope), Map.of()).forEach((name, keys) -> {
            for (GraduationCounter counter : GraduationCounter.values()) {
                if (counter.name().equals(name)) {
                    counts.put(counter, keys.size());
                }
            }
        });
        return counts;
    }

    /**
     * Replaces the file atomically: the new content goes to a temporary file in the same folder, is forced to disk,
     * then moved over the old one, so a reader or a crash sees the old file or the new one, never a part.
     */
    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("scopes");
        scopes.forEach((id, counters) -> {
            ObjectNode scope = list.addObject();
            scope.put("clientId", id.clientId());
            scope.put("appServer", id.appServer());
            ObjectNode node = scope.putObject("counters");
            counters.forEach((name, keys) -> {
                ArrayNode array = node.putArray(name);
                keys.forEach(array::add);
            });
        });
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's folder");
        Path temporary = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
        try {
            keepPermissions(file, temporary); // the temporary file is the owner's only: the operator's choice stays
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceFolder(folder);
    }

    /** Gives the new file the old one's POSIX permissions, where there is an old one and the file system has them. */
    private static void keepPermissions(Path file, Path temporary) throws IOException {
        if (Files.exists(file) && Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (not on Windows). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is done; only its durability against a power cut is left to the file system
        }
    }

    private static ScopeId id(GraduationScope scope) {
        return new ScopeId(scope.clientId(), scope.appServer().origin());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static GraduationStoreException damaged(Path file, String problem, Exception cause) {
        return new GraduationStoreException("The graduation counts file " + file + " is damaged: " + problem
                + ". embeddable4j does not overwrite it: repair it, or move it away to start counting from zero.", cause);
    }
}
