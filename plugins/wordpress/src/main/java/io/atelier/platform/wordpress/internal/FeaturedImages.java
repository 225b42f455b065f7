package io.atelier.platform.wordpress.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Map;

import com.google.gson.JsonArray;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * The featured image of a post: uploaded to the site's media library
 * ({@code POST /wp/v2/media}, multipart, with its alt text) under a slug derived
 * from the post's idempotency key, so that a publish repeated after a lost answer
 * finds the image it uploaded and does not leave a second copy in the library.
 */
final class FeaturedImages {

    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png",
            "image/gif", "gif", "image/webp", "webp");

    private final WordPressHttp http;

    FeaturedImages(WordPressHttp http) {
        this.http = http;
    }

    /** The media id of the featured image of {@code request}, uploaded now unless an earlier attempt did. */
    long upload(AccountContext account, PublishRequest request, Media medium) throws PlatformException {
        String slug = Slugs.image(request.idempotencyKey());
        String postId = request.postId();
        Call lookup = WordPressHttp.hiding(Call.read("looking up the featured image of post " + postId), account);
        HttpAnswer found = http.require(http.get(account, "/wp/v2/media", Query.of("slug", slug,
                "context", "edit", "_fields", "id,slug")), lookup);
        JsonArray existing = WpJson.array(found.text());
        for (int i = 0; i < existing.size(); i++) {
            if (slug.equals(WpJson.string(existing.get(i).getAsJsonObject(), "slug"))) {
                return WpJson.number(existing.get(i).getAsJsonObject(), "id");
            }
        }
        byte[] bytes;
        try {
            bytes = account.media(medium);
        } catch (IOException e) {
            throw new RejectedException("the featured image of post " + postId + " (" + medium.id()
                    + ") cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > WordPressConstants.MAX_IMAGE_BYTES || bytes.length > medium.size() && medium.size() > 0) {
            throw new RejectedException("the featured image of post " + postId + " (" + medium.id() + ") is "
                    + bytes.length + " bytes, more than the " + Math.min(medium.size(), WordPressConstants.MAX_IMAGE_BYTES)
                    + " declared; nothing was sent");
        }
        Multipart.Builder form = Multipart.builder().field("slug", slug);
        if (!medium.altText().isBlank()) {
            form.field("alt_text", medium.altText());
        }
        Multipart body = form.file("file", slug + "." + EXTENSIONS.getOrDefault(medium.mediaType(), "bin"),
                medium.mediaType(), bytes).build();
        HttpRequest upload = http.request(account, "/wp/v2/media", "")
                .timeout(http.settings().uploadTimeout())
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        // Repeating an upload is harmless: the slug finds it next time.
        Call call = WordPressHttp.hiding(Call.repeatableWrite("uploading the featured image of post " + postId),
                account);
        HttpAnswer answer = http.send(upload, call);
        if (answer.ok()) {
            long id = WpJson.number(answer.json(), "id");
            if (id < 1) {
                throw new RetryableException("WordPress answered the upload of the featured image of post " + postId
                        + " without a media id");
            }
            return id;
        }
        String code = WordPressHttp.code(answer);
        if (code != null && code.startsWith("rest_upload")) {
            // WordPress answers 500 for a file it will not take (type, size); sending it again would not help.
            throw WordPressHttp.refused(answer, call, code.equals("rest_upload_no_data")
                    ? "; the image may be larger than the site accepts (PHP's post_max_size)" : "");
        }
        throw http.failure(answer, call);
    }
}
