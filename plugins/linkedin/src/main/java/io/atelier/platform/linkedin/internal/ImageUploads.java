package io.atelier.platform.linkedin.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.json.Json;

/**
 * Uploads a post's images before the post, through the Images API:
 * {@code POST /rest/images?action=initializeUpload} with the post's author as
 * owner answers an {@code uploadUrl} and the image's URN, then the bytes are
 * {@code PUT} to that URL with the same token. The token goes only to LinkedIn's
 * own hosts (or the account's API host): an upload URL elsewhere is refused. An
 * image no post refers to is harmless, so both are repeatable writes: a failure
 * after sending is retryable, never an unknown outcome.
 */
final class ImageUploads {

    private final LinkedInApi api;

    ImageUploads(LinkedInApi api) {
        this.api = api;
    }

    /** The image URNs of {@code media}, in order. */
    List<String> upload(List<Media> media, String author, String postId, AccountContext account)
            throws PlatformException {
        List<String> urns = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            urns.add(one(media.get(i), i, author, postId, account));
        }
        return urns;
    }

    private String one(Media m, int i, String author, String postId, AccountContext account)
            throws PlatformException {
        String which = "image " + (i + 1) + " of " + postId;
        byte[] bytes;
        try {
            bytes = account.media(m);
        } catch (IOException e) {
            throw new RejectedException("LinkedIn: " + which + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > LinkedInConstants.MAX_IMAGE_BYTES) {
            throw new RejectedException("LinkedIn: " + which + " is " + bytes.length + " bytes; the workbench sends"
                    + " images up to " + LinkedInConstants.MAX_IMAGE_BYTES + " bytes to LinkedIn");
        }
        JsonObject request = new JsonObject();
        JsonObject init = new JsonObject();
        init.addProperty("owner", author);
        request.add("initializeUploadRequest", init);
        JsonObject answer = api.require(account, b -> b.uri(api.uri(account, LinkedInConstants.IMAGES_PATH
                + "?action=initializeUpload")).header("Content-Type", Json.MEDIA_TYPE).POST(Json.body(request))
                .build(), Call.repeatableWrite("preparing the upload of " + which), "w_member_social or"
                        + " w_organization_social").json();
        JsonObject value = answer.getAsJsonObject("value");
        String upload = Posts.string(value, "uploadUrl");
        String urn = Posts.string(value, "image");
        if (upload == null || urn == null || !urn.startsWith("urn:li:image:")) {
            throw new RejectedException("LinkedIn answered the upload of " + which + " without an upload URL or"
                    + " image URN");
        }
        URI target = uploadTarget(upload, account, which);
        api.require(account, b -> b.uri(target).timeout(api.uploadTimeout())
                .header("Content-Type", m.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                Call.repeatableWrite("uploading " + which), null);
        return urn;
    }

    /** The upload URL, when the token may go there: https on a LinkedIn host, or the account's own API host. */
    private URI uploadTarget(String upload, AccountContext account, String which) throws RejectedException {
        URI u;
        try {
            u = URI.create(upload);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("LinkedIn answered the upload of " + which + " with an unreadable upload URL");
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
        boolean linkedIn = "https".equals(u.getScheme()) && (host.equals("linkedin.com")
                || host.endsWith(".linkedin.com") || host.endsWith(".licdn.com"));
        URI base = api.base(account);
        boolean sameApi = host.equals(base.getHost()) && u.getPort() == base.getPort()
                && base.getScheme().equals(u.getScheme());
        if (!linkedIn && !sameApi) {
            throw new RejectedException("LinkedIn answered the upload of " + which + " with an upload URL on " + host
                    + ", which is not LinkedIn's: the account's token is not sent there");
        }
        return u;
    }
}
