package io.atelier.ghost.internal;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.ghost.peer.LocalGhost;
import io.atelier.sdk.tck.RemotePost;

/**
 * The site's posts read straight from the Admin API (every status), and their
 * text read back the way a person wrote it: the title, and after a blank line the
 * body — written here independently of the connector, from the HTML Ghost renders
 * of its stored post ({@code <p>} paragraphs, {@code <br>} line breaks).
 */
final class StoredPosts {

    private StoredPosts() {
    }

    /** The posts whose title and body read exactly {@code text}. */
    static List<RemotePost> withText(LocalGhost ghost, String text) throws Exception {
        String title = text.lines().findFirst().orElse(text);
        List<RemotePost> found = new ArrayList<>();
        JsonObject answer = ghost.get("/posts/?limit=all&formats=html&filter="
                + LocalGhost.enc("title:'" + title.replace("'", "\\'") + "'"));
        for (JsonElement e : answer.getAsJsonArray("posts")) {
            JsonObject post = e.getAsJsonObject();
            if (text.equals(textOf(post))) {
                found.add(new RemotePost(post.get("id").getAsString(), text));
            }
        }
        return found;
    }

    /** Post {@code id} with its tags, in any status. */
    static JsonObject read(LocalGhost ghost, String id) throws Exception {
        return ghost.get("/posts/" + id + "/?formats=html&include=tags,email,newsletter").getAsJsonArray("posts")
                .get(0).getAsJsonObject();
    }

    /** The text of a post: title, then (if any) a blank line and the body. */
    static String textOf(JsonObject post) {
        String title = post.get("title").getAsString();
        JsonElement html = post.get("html");
        String body = html == null || html.isJsonNull() ? "" : bodyOf(html.getAsString());
        return body.isEmpty() ? title : title + "\n\n" + body;
    }

    /** Ghost's rendered paragraphs back to plain text: paragraphs apart by a blank line, {@code <br>} a line break. */
    static String bodyOf(String html) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : html.split("</p>")) {
            String p = block.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.startsWith("<p>")) {
                throw new AssertionError("not a paragraph: " + p);
            }
            p = p.substring(3).replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n");
            paragraphs.add(p.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return String.join("\n\n", paragraphs);
    }
}
