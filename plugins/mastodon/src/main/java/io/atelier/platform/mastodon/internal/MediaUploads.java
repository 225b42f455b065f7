package io.atelier.platform.mastodon.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * Uploads a post's media before the status is sent: each medium's bytes, read
 * from the workbench's media library through the account context, go to
 * {@code POST /api/v2/media} (multipart: the file and its alt text as
 * {@code description}). An instance answers 200 when the medium is ready, 202
 * when it still processes it (videos, large images); then
 * {@code GET /api/v1/media/:id} is asked, with a growing pause, until it stops
 * answering 206 — a status cannot carry a medium still in processing.
 * <p>
 * Nothing a person sees exists yet, so every failure here leaves the post
 * unpublished: an upload that may be repeated is a {@link RetryableException}
 * (an unattached medium is removed by the instance on its own), a medium the
 * instance refuses or cannot process is a {@link RejectedException}.
 */
final class MediaUploads {

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final MastodonHttp http;

    MediaUploads(MastodonHttp http) {
        this.http = http;
    }

    /** The ids of the uploaded media, ready to attach, in order. */
    List<String> upload(String postId, List<Media> media, AccountContext account, InstanceConfig config)
            throws PlatformException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            ids.add(uploadOne(postId, i, media.get(i), account, config));
        }
        return ids;
    }

    private String uploadOne(String postId, int index, Media m, AccountContext account, InstanceConfig config)
            throws PlatformException {
        byte[] bytes;
        try {
            bytes = account.media(m);
        } catch (IOException e) {
            throw new RejectedException("post " + postId + ": media[" + index + "] cannot be read: " + e.getMessage(), e);
        }
        long limit = config.sizeLimit(m.mediaType());
        if (bytes.length > limit) {
            // The declared size was checked; the content is what the instance would refuse.
            throw new RejectedException("post " + postId + ": media[" + index + "] is " + bytes.length
                    + " bytes; Mastodon accepts " + kind(m) + " up to " + limit + " bytes");
        }
        Multipart.Builder form = Multipart.builder().file("file", fileName(index, m.mediaType()), m.mediaType(), bytes);
        if (!m.altText().isEmpty()) {
            form.field("description", m.altText());
        }
        Multipart body = form.build();
        Call call = MastodonHttp.hiding(Call.repeatableWrite("uploading media[" + index + "] of post " + postId),
                account);
        HttpRequest request = http.request(Instance.of(account.account()), "/api/v2/media", MastodonHttp.token(account))
                .timeout(http.settings().uploadTimeout())
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        HttpAnswer answer = http.require(request, call);
        JsonObject attachment = answer.json();
        String id = Statuses.string(attachment, "id");
        if (id == null || id.isBlank()) {
            throw new RetryableException("Mastodon answered the upload of media[" + index + "] of post " + postId
                    + " without a media id; nothing was published");
        }
        if (answer.status() == 202) {
            waitForProcessing(postId, index, id, account);
        }
        return id;
    }

    /** Asks for the medium until it is processed, within the settings' limit. */
    private void waitForProcessing(String postId, int index, String id, AccountContext account)
            throws PlatformException {
        Call call = MastodonHttp.hiding(Call.read("checking the processing of media[" + index + "] of post " + postId),
                account);
        Instant deadline = http.settings().clock().instant().plus(http.settings().mediaProcessingLimit());
        Duration pause = http.settings().mediaPollInterval();
        while (true) {
            pause(pause, postId);
            HttpAnswer answer = http.send(http.get(account, "/api/v1/media/" + MastodonHttp.segment(id)), call);
            if (answer.status() == 200) {
                return;
            }
            if (answer.status() == 422) {
                throw new RejectedException("Mastodon could not process media[" + index + "] of post " + postId
                        + ErrorMapping.networkMessage(answer).map(m -> ": " + m).orElse("")
                        + "; nothing was published");
            }
            if (answer.status() != 206) {
                throw http.failure(answer, call);
            }
            if (!http.settings().clock().instant().isBefore(deadline)) {
                throw new RetryableException("Mastodon was still processing media[" + index + "] of post " + postId
                        + " after " + http.settings().mediaProcessingLimit().toSeconds() + " s; nothing was"
                        + " published, it may be tried again");
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static void pause(Duration d, String postId) throws RetryableException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted while Mastodon processed the media of post " + postId
                    + "; nothing was published", e);
        }
    }

    private static String kind(Media m) {
        String t = m.mediaType().toLowerCase(Locale.ROOT);
        return t.startsWith("video/") ? "videos" : t.startsWith("audio/") ? "audio" : "images";
    }

    /** A neutral file name: the library's own name is not the network's business. */
    private static String fileName(int index, String mediaType) {
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1).replaceAll("[^A-Za-z0-9]", "");
        return "media-" + (index + 1) + "." + (subtype.equals("jpeg") ? "jpg" : subtype.equals("quicktime") ? "mov"
                : subtype);
    }
}
