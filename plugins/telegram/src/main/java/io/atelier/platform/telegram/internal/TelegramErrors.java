package io.atelier.platform.telegram.internal;

import java.time.Duration;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * Reads the Bot API's error answer, {@code {"ok":false,"error_code":…,"description":…,
 * "parameters":{"retry_after":…,"migrate_to_chat_id":…}}}, into the SPI's typed
 * exception. The SDK's {@link ErrorMapping} knows HTTP but not Telegram's
 * {@code description} nor its {@code retry_after} in the body, so those are read
 * here first; whatever is not Telegram's own (a proxy's 503 with
 * {@code Retry-After}, a 408, a redirect) is left to the SDK. Every message is
 * passed through the call's redaction, which hides the bot token.
 */
final class TelegramErrors {

    /** Longest part of Telegram's description kept in a message. */
    private static final int MAX_DESCRIPTION = 300;

    private final ErrorMapping sdk;

    TelegramErrors(ErrorMapping sdk) {
        this.sdk = sdk;
    }

    /** The exception for {@code answer}, which is not {@code {"ok":true,...}}. */
    PlatformException failure(HttpAnswer answer, Call call) {
        JsonObject body = answer.json();
        int status = answer.status();
        String said = description(body).map(d -> ": " + d).orElse("");
        String http = "HTTP " + status + said;
        Optional<Long> retryAfter = parameter(body, "retry_after");
        if (retryAfter.isPresent() && retryAfter.get() >= 0) {
            return new RateLimitedException(redacted("Telegram asked to wait while " + call.what() + " (" + http
                    + "); retry after " + retryAfter.get() + " s", call), Duration.ofSeconds(retryAfter.get()));
        }
        if (status == 429 || status == 408 || status == 503 && answer.header("Retry-After").isPresent()
                || status >= 300 && status < 400) {
            return sdk.failure(answer, call); // Retry-After and redirects, read as for every network
        }
        if (status == 401 || status == 404) {
            // The Bot API answers 401 to an unknown token and 404 to a path it cannot read as a bot's method,
            // which for the methods this plugin calls means the token part is wrong.
            return new AuthExpiredException(redacted("Telegram refused the bot token while " + call.what() + " ("
                    + http + "); get the bot's current token from @BotFather (/token) and connect the account again",
                    call));
        }
        if (status == 403) {
            return new AuthExpiredException(redacted("Telegram does not let the bot post to the chat while "
                    + call.what() + " (" + http + "); add the bot to the channel or group again as an administrator"
                    + " allowed to post messages, then reconnect the account", call));
        }
        if (status >= 400 && status < 500) {
            Optional<Long> migrated = parameter(body, "migrate_to_chat_id");
            if (migrated.isPresent()) {
                return new RejectedException(redacted("Telegram refused " + call.what() + " (" + http + "): the group"
                        + " became a supergroup with chat id " + migrated.get() + "; change the account's chat id to it",
                        call));
            }
            return new RejectedException(redacted("Telegram refused " + call.what() + " (" + http + ")", call));
        }
        if (status >= 200 && status < 300) {
            return sdk.afterSending(call, "got an answer that is not the Bot API's from " + answer.uri().getHost()
                    + " (HTTP " + status + ")", null);
        }
        return sdk.afterSending(call, "failed at " + answer.uri().getHost() + " with " + http, null);
    }

    /** Telegram's {@code description}, cleaned of control characters and cut; empty when absent. */
    static Optional<String> description(JsonObject body) {
        JsonElement d = body.get("description");
        if (d == null || !d.isJsonPrimitive() || d.getAsString().isBlank()) {
            return Optional.empty();
        }
        String clean = d.getAsString().replaceAll("[\\p{Cntrl}]+", " ").trim();
        return Optional.of(clean.length() > MAX_DESCRIPTION ? clean.substring(0, MAX_DESCRIPTION) + "…" : clean);
    }

    private static Optional<Long> parameter(JsonObject body, String name) {
        JsonElement p = body.get("parameters");
        if (p == null || !p.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement v = p.getAsJsonObject().get(name);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        return Optional.of(v.getAsLong());
    }

    private static String redacted(String text, Call call) {
        return ErrorMapping.redacted(text, call);
    }
}
