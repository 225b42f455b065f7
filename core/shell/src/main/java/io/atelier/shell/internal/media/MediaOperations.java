package io.atelier.shell.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.Download;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.MediaRepository;
import io.atelier.store.MediaRepository.StoredMedia;

/**
 * The workspaces' media libraries as the shell offers them: the one implementation
 * behind the media routes of {@code /api/v1} and the {@code media} console command.
 * An upload is kept only when its bytes start as its {@code Content-Type} says
 * ({@link MediaSignatures}); the content is served back with that type, never
 * sniffed, and in a sandbox. Uploads and deletions are recorded in the audit log.
 * Rights are checked at the routes' gates.
 */
@Component(service = MediaOperations.class)
public final class MediaOperations {

    /** Media one list answers when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;

    /** The longest file name kept with a medium. */
    static final int MAX_NAME = 255;

    /** The longest alt text. */
    static final int MAX_ALT = 5000;

    private final StoreAccess store;
    private final Audit audit;

    @Activate
    public MediaOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * A medium as the API answers it.
     *
     * @param fileName the name it was uploaded under, or {@code null}
     * @param createdBy a person's id or {@code system}
     * @param url      where its content is, relative to the workbench
     */
    public record MediaView(String id, String workspace, String mediaType, long size, String sha256, String fileName,
            String alt, Instant createdAt, String createdBy, String url) {

        static MediaView of(StoredMedia media) {
            return new MediaView(media.id(), media.workspaceId(), media.mediaType(), media.size(), media.sha256(),
                    media.fileName(), media.altText(), media.createdAt(), media.createdBy(),
                    "/api/v1/workspaces/" + media.workspaceId() + "/media/" + media.id() + "/content");
        }
    }

    /**
     * Adds an uploaded file to the workspace's library.
     *
     * @param type        the body's media type, one of {@link MediaSignatures#types()}
     * @param body        the file, capped at {@link MediaRepository#MAX_BYTES} by the route
     * @param name        the file's name, or {@code null}
     * @param alt         its alt text, or {@code null}
     * @throws ApiException {@code unsupported_media_type} on field {@code body} when the bytes are not of that type
     */
    public MediaView upload(Actor actor, String workspaceId, String type, InputStream body, String name,
            String alt) throws IOException {
        String fileName = fileName(name);
        String altText = altText(alt);
        byte[] bytes = body.readAllBytes();
        if (bytes.length == 0) {
            throw ApiException.invalid("body", "the body is empty; send the file itself");
        }
        if (type == null || !MediaSignatures.matches(type, bytes)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body is not a " + label(type)
                    + " file, as its Content-Type " + type + " says: its first bytes are those of another kind of"
                    + " file; send the file with its real type (" + String.join(", ", MediaSignatures.types()) + ")",
                    "body");
        }
        StoredMedia stored = call(() -> store.media().add(workspaceId, type, bytes, fileName, altText, actor.id()));
        audit.record(actor, workspaceId, "media.uploaded", "media", stored.id(), type + ", " + stored.size()
                + " bytes" + (fileName == null ? "" : ", " + fileName));
        return MediaView.of(stored);
    }

    /** The workspace's media, newest first; query {@code limit} (1 to 1000, default {@value #DEFAULT_LIMIT}). */
    public List<MediaView> list(String workspaceId, Map<String, String> query) {
        int limit = limit(query.get("limit"));
        requireWorkspace(workspaceId);
        return call(() -> store.media().list(workspaceId, limit)).stream().map(MediaView::of).toList();
    }

    /** One medium, or 404 on field {@code id}. */
    public MediaView get(String workspaceId, String mediaId) {
        return MediaView.of(find(workspaceId, mediaId));
    }

    /** A medium's content, with the type it was uploaded as, shown inline in a sandbox. */
    public Download content(String workspaceId, String mediaId) {
        StoredMedia media = find(workspaceId, mediaId);
        byte[] bytes = call(() -> store.media().bytes(workspaceId, mediaId)).orElseThrow(() -> notFound(mediaId));
        return Download.inline(media.mediaType(), media.id() + "." + MediaSignatures.extension(media.mediaType()),
                bytes);
    }

    /**
     * The content a public link names ({@code MediaRepository.publicLink}), for a
     * network fetching a post's media by URL; 404 for a link altered, expired or
     * of a medium deleted since, without saying which.
     */
    public Download publicContent(String token) {
        StoredMedia media = call(() -> store.media().openPublicLink(token, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("token", "no medium at this link: it expired or is wrong"));
        return content(media.workspaceId(), media.id());
    }

    /** Removes a medium from the library; posts that name it can no longer be published with it. */
    public void delete(Actor actor, String workspaceId, String mediaId) {
        StoredMedia media = find(workspaceId, mediaId);
        if (!call(() -> store.media().delete(workspaceId, mediaId))) {
            throw notFound(mediaId);
        }
        audit.record(actor, workspaceId, "media.deleted", "media", mediaId, media.mediaType() + ", " + media.size()
                + " bytes" + (media.fileName() == null ? "" : ", " + media.fileName()));
    }

    private StoredMedia find(String workspaceId, String mediaId) {
        return call(() -> store.media().find(workspaceId, mediaId)).orElseThrow(() -> notFound(mediaId));
    }

    private void requireWorkspace(String workspaceId) {
        StoreCalls.call(() -> store.workspaces().find(workspaceId))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + workspaceId));
    }

    private static ApiException notFound(String mediaId) {
        return ApiException.notFound("id", "no medium " + mediaId + " in this workspace's media library");
    }

    /** The file name given with an upload: trimmed, folders dropped, at most 255 characters, no control characters. */
    static String fileName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isEmpty()) {
            return null;
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name", "name must not contain control characters");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.invalid("name", "name is " + name.length() + " characters; at most " + MAX_NAME
                    + " are allowed");
        }
        return name;
    }

    /** The alt text given with an upload: at most 5,000 characters; line breaks allowed, no other control character. */
    static String altText(String raw) {
        if (raw == null) {
            return null;
        }
        String alt = raw.strip();
        if (alt.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ApiException.invalid("alt", "alt must not contain control characters other than line breaks");
        }
        if (alt.length() > MAX_ALT) {
            throw ApiException.invalid("alt", "alt is " + alt.length() + " characters; at most " + MAX_ALT
                    + " are allowed");
        }
        return alt;
    }

    private static int limit(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(given.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MediaRepository.MAX_LIMIT) {
            throw ApiException.invalid("limit", "limit must be a whole number from 1 to " + MediaRepository.MAX_LIMIT);
        }
        return limit;
    }

    /** {@code image/png} as people say it: PNG. */
    private static String label(String type) {
        String subtype = type.substring(type.indexOf('/') + 1);
        return subtype.equals("jpeg") ? "JPEG" : subtype.toUpperCase(Locale.ROOT);
    }

    /** A store call, a missing workspace being 404 on field {@code workspace}. */
    private static <T> T call(Supplier<T> call) {
        try {
            return StoreCalls.call(call);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("workspace", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(null, e.getMessage());
        }
    }
}
