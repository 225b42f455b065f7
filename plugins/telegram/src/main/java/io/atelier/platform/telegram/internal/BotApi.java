package io.atelier.platform.telegram.internal;

import java.net.http.HttpRequest;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * Calls Bot API methods over the SDK's HTTP client: a JSON body, or a
 * multipart body when files are uploaded, always {@code POST}, and the
 * answer's {@code result} when it is {@code {"ok":true}}. The bot token sits in
 * the URL path, where the SDK's own redaction (headers, query) does not look,
 * so every call names the token as a secret: no message or cause shows it.
 */
final class BotApi {

    private final ConnectorHttp http;
    private final TelegramErrors errors;

    BotApi(HttpSettings settings) {
        this.http = new ConnectorHttp(TelegramConstants.PLATFORM_NAME, settings);
        this.errors = new TelegramErrors(http.errors());
    }

    /** Calls {@code method} with {@code params} as JSON; returns its {@code result}. */
    JsonElement call(BotAccount bot, String method, JsonObject params, Call call) throws PlatformException {
        HttpRequest request = http.request(bot.method(method)).header("Content-Type", Json.MEDIA_TYPE)
                .POST(Json.body(params)).build();
        return result(request, safe(bot, call));
    }

    /** Calls {@code method} with a multipart body (files to upload); returns its {@code result}. */
    JsonElement upload(BotAccount bot, String method, Multipart body, Call call) throws PlatformException {
        HttpRequest request = http.request(bot.method(method)).header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        return result(request, safe(bot, call));
    }

    private JsonElement result(HttpRequest request, Call call) throws PlatformException {
        HttpAnswer answer = http.send(request, call);
        JsonObject body = answer.json();
        JsonElement ok = body.get("ok");
        if (answer.ok() && ok != null && ok.isJsonPrimitive() && ok.getAsJsonPrimitive().isBoolean() && ok.getAsBoolean()
                && body.has("result")) {
            return body.get("result");
        }
        throw errors.failure(answer, call);
    }

    /** The call hiding the token, and its secret part alone should a server quote only that. */
    static Call safe(BotAccount bot, Call call) {
        String token = bot.token();
        return call.redacting(List.of(token, token.substring(token.indexOf(':') + 1)));
    }

    @Override
    public String toString() {
        return "BotApi[" + http + "]";
    }
}
