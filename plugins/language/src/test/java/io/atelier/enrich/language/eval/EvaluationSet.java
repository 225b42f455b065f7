package io.atelier.enrich.language.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads the labelled evaluation set: JSON Lines on the test class path, one post a line with
 * {@code id}, {@code split}, {@code lang}, {@code sentiment} (absent for language-only posts)
 * and {@code text}. A malformed line fails with its file, line and field.
 */
public final class EvaluationSet {

    /** French and English posts with sentiment labels (kept in plugins/sentiment). */
    public static final String MENTIONS = "/eval/mentions.jsonl";
    /** Posts in other languages, emoji-only or too short, all {@code lang=unknown} (kept in plugins/language). */
    public static final String OTHER_LANGUAGES = "/eval/other-languages.jsonl";

    private static final Set<String> SPLITS = Set.of(LabelledPost.DEV, LabelledPost.TEST);
    private static final Set<String> LANGUAGES = Set.of("fr", "en", "unknown");
    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");

    private EvaluationSet() {
    }

    /** Every post of the given resources, in file order; ids must be unique across them. */
    public static List<LabelledPost> read(String... resources) {
        List<LabelledPost> posts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String resource : resources) {
            InputStream in = EvaluationSet.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("evaluation set not on the test class path: " + resource);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    LabelledPost post = parse(resource, number, line);
                    if (!ids.add(post.id())) {
                        throw new IllegalStateException(resource + " line " + number + ": duplicate id " + post.id());
                    }
                    posts.add(post);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(resource, e);
            }
        }
        return posts;
    }

    private static LabelledPost parse(String resource, int number, String line) {
        String where = resource + " line " + number;
        JsonObject o;
        try {
            o = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + ": not a JSON object: " + e.getMessage(), e);
        }
        String id = field(o, "id", where, null);
        String split = field(o, "split", where, SPLITS);
        String lang = field(o, "lang", where, LANGUAGES);
        String sentiment = o.has("sentiment") ? field(o, "sentiment", where, SENTIMENTS) : null;
        String text = field(o, "text", where, null);
        return new LabelledPost(id, split, lang, sentiment, text);
    }

    private static String field(JsonObject o, String name, String where, Set<String> allowed) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || e.getAsString().isEmpty()) {
            throw new IllegalStateException(where + ": field '" + name + "' is missing or empty");
        }
        String value = e.getAsString();
        if (allowed != null && !allowed.contains(value)) {
            throw new IllegalStateException(where + ": field '" + name + "' must be one of " + allowed + ", got '"
                    + value + "'");
        }
        return value;
    }
}
