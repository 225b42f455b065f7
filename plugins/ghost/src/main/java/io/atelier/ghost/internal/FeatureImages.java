package io.atelier.ghost.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * The feature image of a post: uploaded through the Admin API's image upload
 * ({@code POST /images/upload/}, multipart, {@code purpose=image}), named after the
 * post's slug; the address Ghost answers becomes the post's {@code feature_image}.
 * Ghost keeps uploads as files with no id to look up, so an upload repeated after a
 * lost answer leaves a second file ({@code …-1.png}) that no post uses.
 */
final class FeatureImages {

    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png",
            "image/gif", "gif", "image/webp", "webp");

    private final GhostHttp http;

    FeatureImages(GhostHttp http) {
        this.http = http;
    }

    /** The address of the feature image of {@code request}, uploaded now. */
    String upload(AccountContext account, PublishRequest request, Media medium, String slug) throws PlatformException {
        String postId = request.postId();
        byte[] bytes;
        try {
            bytes = account.media(medium);
        } catch (IOException e) {
            throw new RejectedException("the feature image of post " + postId + " (" + medium.id()
                    + ") cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > GhostConstants.MAX_IMAGE_BYTES || bytes.length > medium.size() && medium.size() > 0) {
            throw new RejectedException("the feature image of post " + postId + " (" + medium.id() + ") is "
                    + bytes.length + " bytes, more than the " + Math.min(medium.size(), GhostConstants.MAX_IMAGE_BYTES)
                    + " declared; nothing was sent");
        }
        Multipart body = Multipart.builder()
                .file("file", slug + "." + EXTENSIONS.getOrDefault(medium.mediaType(), "bin"), medium.mediaType(),
                        bytes)
                .field("purpose", "image")
                .field("ref", slug)
                .build();
        HttpRequest upload = http.request(account, "/images/upload/", "")
                .timeout(http.settings().uploadTimeout())
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        // Repeating an upload does no harm beyond an unused file.
        Call call = GhostHttp.hiding(Call.repeatableWrite("uploading the feature image of post " + postId), account);
        HttpAnswer answer = http.send(upload, call);
        if (answer.ok()) {
            Optional<JsonObject> image = GhostJson.first(answer.json(), "images");
            String url = image.map(i -> GhostJson.string(i, "url")).orElse(null);
            if (url == null || url.isBlank()) {
                throw new RetryableException("Ghost answered the upload of the feature image of post " + postId
                        + " without the image's address");
            }
            return url;
        }
        if (answer.status() == 413) {
            throw new RejectedException("the site refused the feature image of post " + postId + " (" + medium.id()
                    + ", " + bytes.length + " bytes) as too large (HTTP 413): its web server takes less; nothing was"
                    + " published");
        }
        if (answer.status() >= 400 && answer.status() < 500 && GhostHttp.GhostError.of(answer).isPresent()
                && answer.status() != 401 && answer.status() != 403 && answer.status() != 429) {
            // A file Ghost will not take (type, a broken image): sending it again would not help.
            throw GhostHttp.refused(answer, call, "; nothing was published");
        }
        throw http.failure(answer, call);
    }
}
