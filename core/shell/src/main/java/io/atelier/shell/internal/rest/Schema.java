package io.atelier.shell.internal.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The shape of a JSON body, written once per body and used twice: to check a
 * request before any handler sees it (types, required and unknown fields, each
 * error naming the field) and to describe the API in OpenAPI.
 */
public sealed interface Schema {

    /**
     * Checks {@code value} found at {@code path} (empty for the whole body).
     *
     * @throws ApiException {@code validation_failed} naming the first offending field
     */
    void check(JsonElement value, String path);

    /** The OpenAPI schema object; named objects are added to {@code components} and referenced. */
    JsonObject openApi(Map<String, JsonObject> components);

    /** A JSON string. */
    static Schema string(String description) {
        return new Scalar("string", null, description);
    }

    /** A JSON string holding an ISO-8601 instant. */
    static Schema instant(String description) {
        return new Scalar("string", "date-time", description);
    }

    /** A JSON integer. */
    static Schema integer(String description) {
        return new Scalar("integer", null, description);
    }

    /** A JSON number, e.g. a target of 4.5 (percent). */
    static Schema number(String description) {
        return new Scalar("number", null, description);
    }

    /** A JSON boolean. */
    static Schema bool(String description) {
        return new Scalar("boolean", null, description);
    }

    /** Any JSON value. */
    static Schema any(String description) {
        return new AnyValue(description);
    }

    /** An array of {@code items}. */
    static Schema array(Schema items) {
        return new ArrayOf(items);
    }

    /** An object whose keys are free and whose values are {@code values}. */
    static Schema map(Schema values, String description) {
        return new MapOf(values, description);
    }

    /** A named object as the API answers it; later versions may add fields. */
    static Schema object(String name, Field... fields) {
        return new ObjectOf(name, List.of(fields), false);
    }

    /** A named request body that refuses fields it does not declare. */
    static Schema input(String name, Field... fields) {
        return new ObjectOf(name, List.of(fields), true);
    }

    /** A required field. */
    static Field required(String name, Schema schema) {
        return new Field(name, schema, true);
    }

    /** An optional field; JSON {@code null} counts as absent. */
    static Field optional(String name, Schema schema) {
        return new Field(name, schema, false);
    }

    /** Where a nested value sits, in the notation of error fields: {@code credentials.appPassword}. */
    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the body" : path;
    }

    private static JsonObject described(JsonObject schema, String description) {
        if (description != null && !description.isEmpty()) {
            schema.addProperty("description", description);
        }
        return schema;
    }

    /** One member of an {@link ObjectOf}. */
    record Field(String name, Schema schema, boolean required) {
    }

    /** A string, integer or boolean. */
    record Scalar(String type, String format, String description) implements Schema {

        @Override
        public void check(JsonElement value, String path) {
            boolean ok = value.isJsonPrimitive() && switch (type) {
                case "string" -> value.getAsJsonPrimitive().isString();
                case "boolean" -> value.getAsJsonPrimitive().isBoolean();
                case "integer" -> isInteger(value.getAsJsonPrimitive());
                case "number" -> value.getAsJsonPrimitive().isNumber();
                default -> true;
            };
            if (!ok) {
                String article = type.equals("integer") ? "an " : "a ";
                throw ApiException.invalid(path, describe(path) + " must be " + article + type);
            }
        }

        private static boolean isInteger(JsonPrimitive primitive) {
            if (!primitive.isNumber()) {
                return false;
            }
            try {
                primitive.getAsBigDecimal().longValueExact();
                return true;
            } catch (ArithmeticException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public JsonObject openApi(Map<String, JsonObject> components) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", type);
            if (format != null) {
                schema.addProperty("format", format);
            }
            return described(schema, description);
        }
    }

    /** Any value, e.g. the structured outcome of a command. */
    record AnyValue(String description) implements Schema {

        @Override
        public void check(JsonElement value, String path) {
        }

        @Override
        public JsonObject openApi(Map<String, JsonObject> components) {
            return described(new JsonObject(), description);
        }
    }

    /** An array whose items all have one schema. */
    record ArrayOf(Schema items) implements Schema {

        @Override
        public void check(JsonElement value, String path) {
            if (!value.isJsonArray()) {
                throw ApiException.invalid(path, describe(path) + " must be an array");
            }
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                JsonElement item = array.get(i);
                String itemPath = path + "[" + i + "]";
                if (item.isJsonNull()) {
                    throw ApiException.invalid(itemPath, itemPath + " must not be null");
                }
                items.check(item, itemPath);
            }
        }

        @Override
        public JsonObject openApi(Map<String, JsonObject> components) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "array");
            schema.add("items", items.openApi(components));
            return schema;
        }
    }

    /** An object used as a dictionary, e.g. credentials by field name. */
    record MapOf(Schema values, String description) implements Schema {

        @Override
        public void check(JsonElement value, String path) {
            if (!value.isJsonObject()) {
                throw ApiException.invalid(path, describe(path) + " must be an object");
            }
            for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
                String entryPath = child(path, entry.getKey());
                if (entry.getValue().isJsonNull()) {
                    throw ApiException.invalid(entryPath, entryPath + " must not be null");
                }
                values.check(entry.getValue(), entryPath);
            }
        }

        @Override
        public JsonObject openApi(Map<String, JsonObject> components) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "object");
            schema.add("additionalProperties", values.openApi(components));
            return described(schema, description);
        }
    }

    /**
     * A named object with declared fields. A request is always checked strictly
     * (any other field is refused); {@code closed} only tells OpenAPI readers so.
     */
    record ObjectOf(String name, List<Field> fields, boolean closed) implements Schema {

        public ObjectOf {
            fields = List.copyOf(fields);
        }

        @Override
        public void check(JsonElement value, String path) {
            if (!value.isJsonObject()) {
                throw ApiException.invalid(path.isEmpty() ? null : path,
                        describe(path) + " must be a JSON object");
            }
            JsonObject object = value.getAsJsonObject();
            Set<String> known = new LinkedHashSet<>();
            fields.forEach(f -> known.add(f.name()));
            for (String key : object.keySet()) {
                if (!known.contains(key)) {
                    throw ApiException.invalid(child(path, key),
                            "unknown field '" + child(path, key) + "'; expected " + String.join(", ", known));
                }
            }
            for (Field field : fields) {
                String fieldPath = child(path, field.name());
                JsonElement member = object.get(field.name());
                if (member == null || member.isJsonNull()) {
                    if (field.required()) {
                        throw ApiException.invalid(fieldPath, fieldPath + " is required");
                    }
                    continue;
                }
                field.schema().check(member, fieldPath);
            }
        }

        @Override
        public JsonObject openApi(Map<String, JsonObject> components) {
            if (!components.containsKey(name)) {
                JsonObject schema = new JsonObject();
                components.put(name, schema); // registered before recursing, so self-references terminate
                schema.addProperty("type", "object");
                JsonObject properties = new JsonObject();
                JsonArray required = new JsonArray();
                for (Field field : fields) {
                    properties.add(field.name(), field.schema().openApi(components));
                    if (field.required()) {
                        required.add(field.name());
                    }
                }
                schema.add("properties", properties);
                if (!required.isEmpty()) {
                    schema.add("required", required);
                }
                if (closed) {
                    schema.addProperty("additionalProperties", false);
                }
            }
            JsonObject ref = new JsonObject();
            ref.addProperty("$ref", "#/components/schemas/" + name);
            return ref;
        }
    }
}
