package io.atelier.shell.internal.json;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The shell's one JSON setup. java.time values are written as ISO-8601 strings
 * (instants with {@code Z}, zones as IANA ids) because Gson cannot reflect into
 * JDK classes; {@code null} members are written so every answer of one kind has
 * the same keys.
 */
public final class Json {

    /** The shared, thread-safe Gson instance. */
    public static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, textual(Instant::parse).nullSafe())
            .registerTypeHierarchyAdapter(ZoneId.class, textual(ZoneId::of).nullSafe())
            .registerTypeAdapter(Duration.class, textual(Duration::parse).nullSafe())
            .registerTypeAdapter(LocalDateTime.class, textual(LocalDateTime::parse).nullSafe())
            .registerTypeAdapter(LocalDate.class, textual(LocalDate::parse).nullSafe())
            .create();

    private Json() {
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /** An adapter writing {@code toString()} and reading with {@code parser}. */
    private static <T> TypeAdapter<T> textual(java.util.function.Function<String, T> parser) {
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                out.value(value.toString());
            }

            @Override
            public T read(JsonReader in) throws IOException {
                if (in.peek() != JsonToken.STRING) {
                    throw new IOException("expected a string at " + in.getPath());
                }
                return parser.apply(in.nextString());
            }
        };
    }
}
