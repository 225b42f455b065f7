package io.atelier.platform.wordpress.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.platform.wordpress.peer.LocalWordPress;
import io.atelier.sdk.tck.RemotePost;

/**
 * The site's posts read straight from its REST API (as the administrator, with
 * {@code context=edit}, so drafts and raw fields are seen), and their text read
 * back the way a person wrote it: the title, and after a blank line the body —
 * written here independently of the connector, from the paragraph blocks
 * WordPress's editor stores.
 */
final class StoredPosts {

    private StoredPosts() {
    }

    /** The posts (not in the trash) whose title and body read exactly {@code text}. */
    static List<RemotePost> withText(LocalWordPress wp, String text) throws Exception {
        List<RemotePost> found = new ArrayList<>();
        String route = "/wp/v2/posts?status=any&context=edit&per_page=100&_fields=id,title,content&search="
                + URLEncoder.encode(text.lines().findFirst().orElse(text), StandardCharsets.UTF_8);
        for (JsonElement e : wp.get(route).getAsJsonArray()) {
            JsonObject post = e.getAsJsonObject();
            if (text.equals(textOf(post))) {
                found.add(new RemotePost(post.get("id").getAsString(), text));
            }
        }
        return found;
    }

    /** A post read with {@code context=edit}. */
    static JsonObject read(LocalWordPress wp, String id) throws Exception {
        return wp.get("/wp/v2/posts/" + id + "?context=edit").getAsJsonObject();
    }

    /** The text of a post read with {@code context=edit}: title, then (if any) a blank line and the body. */
    static String textOf(JsonObject post) {
        String title = post.getAsJsonObject("title").get("raw").getAsString();
        String body = bodyOf(post.getAsJsonObject("content").get("raw").getAsString());
        return body.isEmpty() ? title : title + "\n\n" + body;
    }

    /** Paragraph blocks back to plain text: paragraphs apart by a blank line, {@code <br>} as a line break. */
    static String bodyOf(String raw) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : raw.split("<!-- /wp:paragraph -->")) {
            String p = block.replace("<!-- wp:paragraph -->", "").strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.startsWith("<p>") || !p.endsWith("</p>")) {
                throw new AssertionError("not a paragraph block: " + p);
            }
            p = p.substring(3, p.length() - 4).replace("<br>", "\n");
            paragraphs.add(p.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return String.join("\n\n", paragraphs);
    }
}
