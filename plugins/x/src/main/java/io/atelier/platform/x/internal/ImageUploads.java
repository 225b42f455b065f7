package io.atelier.platform.x.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * Uploads a post's images before the post: {@code POST /2/media/upload}
 * (multipart: the file as {@code media}, {@code media_category=tweet_image} and
 * its {@code media_type}), then the alt text with
 * {@code POST /2/media/metadata/create}. An upload no post refers to is harmless,
 * so both are repeatable writes: a failure after sending is retryable, never an
 * unknown outcome.
 */
final class ImageUploads {

    private final XApi api;

    ImageUploads(XApi api) {
        this.api = api;
    }

    /** The media ids of {@code media}, in order. */
    List<String> upload(List<Media> media, String postId, AccountContext account) throws PlatformException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            ids.add(one(media.get(i), i, postId, account));
        }
        return ids;
    }

    private String one(Media m, int i, String postId, AccountContext account) throws PlatformException {
        byte[] bytes;
        try {
            bytes = account.media(m);
        } catch (IOException e) {
            throw new RejectedException("X: image " + (i + 1) + " of " + postId + " cannot be read: " + e.getMessage(),
                    e);
        }
        if (bytes.length > XConstants.MAX_IMAGE_BYTES) {
            throw new RejectedException("X: image " + (i + 1) + " of " + postId + " is " + bytes.length
                    + " bytes; X accepts images up to " + XConstants.MAX_IMAGE_BYTES + " bytes");
        }
        Multipart body = Multipart.builder()
                .file("media", "image-" + (i + 1), m.mediaType(), bytes)
                .field("media_category", "tweet_image")
                .field("media_type", m.mediaType())
                .build();
        JsonObject answer = api.require(account, b -> b.uri(api.uri(account, "/2/media/upload"))
                .timeout(api.uploadTimeout()).header("Content-Type", body.contentType())
                .POST(body.publisher()).build(),
                Call.repeatableWrite("uploading image " + (i + 1) + " of " + postId)).json();
        JsonObject data = answer.getAsJsonObject("data");
        String id = Tweets.string(data, "id");
        if (id == null) {
            throw new RejectedException("X answered the upload of image " + (i + 1) + " of " + postId
                    + " without a media id");
        }
        if (!m.altText().isBlank()) {
            JsonObject meta = new JsonObject();
            meta.addProperty("media_id", id);
            JsonObject alt = new JsonObject();
            alt.addProperty("text", m.altText());
            meta.add("alt_text", alt);
            api.require(account, b -> b.uri(api.uri(account, "/2/media/metadata/create"))
                    .header("Content-Type", Json.MEDIA_TYPE).POST(Json.body(meta)).build(),
                    Call.repeatableWrite("setting the alt text of image " + (i + 1) + " of " + postId));
        }
        return id;
    }
}
