import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;
import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Build step of embeddable-spring (run by exec-maven-plugin in process-classes, as a single-file Java program, so it
 * never ships in the jar): adds a property for every WidgetParameter, with its description, type, default and value
 * hints, to the META-INF/spring-configuration-metadata.json that Spring Boot's annotation processor wrote for the
 * starter's own switches. Adding a widget parameter to core is then all it takes to get IDE completion for it.
 *
 * Usage: java -cp <classpath> WidgetPropertiesMetadata.java target/classes/META-INF/spring-configuration-metadata.json
 */
public class WidgetPropertiesMetadata {

    private static final String PREFIX = "ringcentral.embeddable.";

    public static void main(String[] args) throws IOException {
        File file = new File(args[0]);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode metadata = file.isFile() ? (ObjectNode) json.readTree(file) : json.createObjectNode();
        Set<String> generated = new HashSet<>();
        for (WidgetParameter p : WidgetParameter.values()) {
            generated.add(PREFIX + p.kebabName());
            p.formerName().ifPresent(former -> generated.add(PREFIX + EmbeddableConfig.kebabKey(former)));
        }
        // Drop what an earlier run generated (a build without a new compile runs this again on its own output).
        ArrayNode properties = json.createArrayNode();
        for (JsonNode existing : metadata.path("properties")) {
            if (WidgetParameter.class.getName().equals(existing.path("sourceType").asText())) {
                continue;
            }
            if (generated.contains(existing.path("name").asText())) {
                throw new IllegalStateException(existing.path("name").asText() + " is a widget parameter; its metadata is"
                        + " generated from WidgetParameter, so declare it nowhere else");
            }
            properties.add(existing);
        }
        ArrayNode hints = json.createArrayNode();
        for (JsonNode existing : metadata.path("hints")) {
            if (!generated.contains(existing.path("name").asText())) {
                hints.add(existing);
            }
        }
        for (WidgetParameter p : WidgetParameter.values()) {
            properties.add(property(json, p));
            p.formerName().ifPresent(former -> properties.add(formerProperty(json, p, former)));
            ArrayNode values = json.createArrayNode();
            if (!p.type().isBoolean()) {
                for (String choice : SettingNames.choices(p)) {
                    ObjectNode value = values.addObject().put("value", choice);
                    if (p.type() == WidgetParameter.ValueType.APP_SERVER) {
                        value.put("description", AppServer.parse(choice).origin());
                    }
                }
            }
            if (!values.isEmpty()) {
                ObjectNode hint = hints.addObject().put("name", PREFIX + p.kebabName());
                hint.set("values", values);
                if (p.type() == WidgetParameter.ValueType.APP_SERVER) {
                    hint.putArray("providers").addObject().put("name", "any"); // or a custom https:// origin
                }
            }
        }
        metadata.set("properties", properties);
        metadata.set("hints", hints);
        file.getParentFile().mkdirs();
        json.writeValue(file, metadata);
        System.out.println("Spring metadata: " + WidgetParameter.values().length + " widget parameters added to " + file);
    }

    /** The description with the settings it mentions in Spring's spelling: clientSecret becomes client-secret. */
    private static String springWords(String text) {
        return new ConfigProblem("description", text, "-").named(EmbeddableConfig::kebabKey).message();
    }

    /** A parameter's name before widget 1.4.0 (app-key), still read as the parameter: deprecated, with its replacement. */
    private static ObjectNode formerProperty(ObjectMapper json, WidgetParameter p, String former) {
        ObjectNode property = json.createObjectNode()
                .put("name", PREFIX + EmbeddableConfig.kebabKey(former))
                .put("type", "java.lang.String")
                .put("description", "Old name of " + p.kebabName() + ", still read as it.")
                .put("sourceType", WidgetParameter.class.getName());
        property.putObject("deprecation").put("level", "warning").put("replacement", PREFIX + p.kebabName());
        return property;
    }

    private static boolean isDeprecated(WidgetParameter p) {
        try {
            return WidgetParameter.class.getField(p.name()).isAnnotationPresent(Deprecated.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode property(ObjectMapper json, WidgetParameter p) {
        ObjectNode property = json.createObjectNode()
                .put("name", PREFIX + p.kebabName())
                .put("type", switch (p.type()) {
                    case FLAG, FLAG_DEFAULT_ON, TRUE_STRING -> "java.lang.Boolean";
                    case INTEGER -> "java.lang.Integer";
                    default -> "java.lang.String";
                })
                .put("description", springWords(p.description()))
                .put("sourceType", WidgetParameter.class.getName());
        if (isDeprecated(p)) { // core warns of it at start; the IDE strikes it through
            property.putObject("deprecation").put("level", "warning").put("reason", "Current widget builds ignore it.");
        }
        switch (p.type()) {
            case FLAG, TRUE_STRING -> property.put("defaultValue", false);
            case FLAG_DEFAULT_ON -> property.put("defaultValue", true);
            case APP_SERVER -> property.put("defaultValue", AppServer.PRODUCTION.name());
            default -> { }
        }
        return property;
    }
}
