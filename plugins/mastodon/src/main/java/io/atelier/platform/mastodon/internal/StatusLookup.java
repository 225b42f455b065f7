package io.atelier.platform.mastodon.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.text.HtmlText;

/**
 * Finds the status a noted attempt made ({@link AttemptJournal}), reading
 * only: by its id when an answer named it; else among the account's own
 * statuses ({@code GET /api/v1/accounts/:id/statuses}, newest first, boosts
 * left out) created since shortly before the attempt, the one that answers the
 * same status, carries as many media, and has the same text — compared on the
 * plain text of its content, and where that differs (a remote mention is shown
 * as its username only) on its source ({@code GET /api/v1/statuses/:id/source}).
 * When several match, the oldest is the attempt's.
 * <p>
 * Limits: a status with the same text, reply target and media count that
 * someone posted by hand in that window is taken for the attempt's; more than
 * {@link #MAX_PAGES} pages of statuses since the attempt, or more than
 * {@link #MAX_SOURCE_LOOKUPS} sources to read, and the lookup gives up with
 * {@link OutcomeUnknownException} rather than guess.
 */
final class StatusLookup {

    /** How long before the attempt (clock differences between this machine and the instance) statuses are looked at. */
    static final Duration MARGIN = Duration.ofMinutes(10);
    static final int MAX_PAGES = 10;
    static final int MAX_SOURCE_LOOKUPS = 20;

    private final MastodonHttp http;

    StatusLookup(MastodonHttp http) {
        this.http = http;
    }

    /** The status of {@code attempt}, or empty when the instance certainly has none. */
    Optional<JsonObject> find(AccountContext account, Attempt attempt) throws PlatformException {
        if (attempt.remoteId() != null) {
            Call call = MastodonHttp.hiding(Call.read("looking up status " + attempt.remoteId()), account);
            HttpAnswer answer = http.send(http.get(account, "/api/v1/statuses/"
                    + MastodonHttp.segment(attempt.remoteId())), call);
            if (answer.status() == 404) {
                return Optional.empty(); // deleted since
            }
            if (!answer.ok()) {
                throw http.failure(answer, call);
            }
            return Optional.of(answer.json());
        }
        Call list = MastodonHttp.hiding(Call.read("looking for a status sent with an idempotency key"), account);
        String me = Statuses.string(http.require(http.get(account, "/api/v1/accounts/verify_credentials"), list)
                .json(), "id");
        if (me == null) {
            throw new OutcomeUnknownException("Mastodon did not say which account the token belongs to; cannot look"
                    + " for the status");
        }
        Instant windowStart = attempt.firstSentAt().minus(MARGIN);
        JsonObject match = null;
        String maxId = null;
        int sources = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/api/v1/accounts/" + MastodonHttp.segment(me) + "/statuses" + Query.of(
                    "limit", String.valueOf(MastodonConstants.STATUSES_PAGE), "exclude_reblogs", "true",
                    "max_id", maxId);
            JsonElement body = Json.element(http.require(http.get(account, path), list).text());
            JsonArray statuses = body != null && body.isJsonArray() ? body.getAsJsonArray() : new JsonArray();
            boolean reachedWindowStart = false;
            for (JsonElement e : statuses) {
                if (!e.isJsonObject()) {
                    continue;
                }
                JsonObject s = e.getAsJsonObject();
                String id = Statuses.string(s, "id");
                if (id != null && (maxId == null || Statuses.newer(maxId, id))) {
                    maxId = id;
                }
                Optional<Instant> created = Statuses.instant(s, "created_at");
                if (created.isPresent() && created.get().isBefore(windowStart)) {
                    reachedWindowStart = true;
                    continue;
                }
                if (!Objects.equals(Statuses.string(s, "in_reply_to_id"), attempt.inReplyTo())
                        || Statuses.array(s, "media_attachments").size() != attempt.mediaCount()) {
                    continue;
                }
                if (sameText(HtmlText.toText(Statuses.string(s, "content")), attempt)) {
                    match = s; // pages run newest first: the last match is the oldest
                } else if (id != null) {
                    if (++sources > MAX_SOURCE_LOOKUPS) {
                        throw new OutcomeUnknownException("Mastodon: too many statuses since the attempt to compare;"
                                + " cannot tell whether the status was created");
                    }
                    HttpAnswer source = http.send(http.get(account, "/api/v1/statuses/" + MastodonHttp.segment(id)
                            + "/source"), list);
                    if (source.ok() && sameText(Statuses.string(source.json(), "text"), attempt)) {
                        match = s;
                    } else if (!source.ok() && source.status() != 404) {
                        throw http.failure(source, list);
                    }
                }
            }
            if (reachedWindowStart || statuses.size() < MastodonConstants.STATUSES_PAGE) {
                return Optional.ofNullable(match);
            }
        }
        throw new OutcomeUnknownException("Mastodon: more than " + MAX_PAGES * MastodonConstants.STATUSES_PAGE
                + " statuses since the attempt; cannot tell whether the status was created");
    }

    private static boolean sameText(String text, Attempt attempt) {
        String t = Statuses.normalized(text);
        return attempt.texts().stream().anyMatch(sent -> Statuses.normalized(sent).equals(t));
    }
}
