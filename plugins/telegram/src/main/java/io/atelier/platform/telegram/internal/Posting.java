package io.atelier.platform.telegram.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * Sends one post: the first message ({@code sendMessage}, {@code sendPhoto}, or
 * {@code sendMediaGroup} for two to ten photos), then each part of its thread as
 * a message answering the one before ({@code reply_parameters}). Every request
 * goes once: one that may have reached Telegram and failed leaves the outcome
 * unknown, and so does any failure once the first message exists, since sending
 * the post again would repeat what is already in the chat.
 */
final class Posting {

    private final BotApi api;

    Posting(BotApi api) {
        this.api = api;
    }

    PublishResult publish(BotAccount bot, PublishRequest request, AccountContext context) throws PlatformException {
        PostVariant v = request.variant();
        List<byte[]> photos = photos(v, context);
        Long replyTo = request.inReplyTo() == null ? null : RemoteId.parse(request.inReplyTo()).last();
        Call first = Call.publish("publishing " + request.postId());
        JsonElement result;
        if (photos.isEmpty()) {
            result = api.call(bot, "sendMessage", message(bot, v.text(), replyTo), first);
        } else if (photos.size() == 1) {
            result = api.upload(bot, "sendPhoto", photo(bot, v, photos.get(0), replyTo), first);
        } else {
            result = api.upload(bot, "sendMediaGroup", album(bot, v, photos, replyTo), first);
        }
        List<JsonObject> sent = messages(result, first);
        JsonObject chat = sent.get(0).getAsJsonObject("chat");
        long chatId = chat.get("id").getAsLong();
        List<Long> ids = new ArrayList<>();
        sent.forEach(m -> ids.add(m.get("message_id").getAsLong()));
        for (int i = 0; i < v.thread().size(); i++) {
            Call part = Call.publish("publishing part " + (i + 2) + " of " + request.postId());
            try {
                JsonElement m = api.call(bot, "sendMessage", message(bot, v.thread().get(i), ids.get(ids.size() - 1)),
                        part);
                ids.add(messages(m, part).get(0).get("message_id").getAsLong());
            } catch (PlatformException e) {
                throw new OutcomeUnknownException(TelegramConnector.redacted("Telegram: " + e.getMessage() + ". The"
                        + " earlier parts of " + request.postId() + " are in chat " + chatId + " as messages "
                        + TelegramConnector.ids(ids) + " and are not sent again: delete them or post the rest by"
                        + " hand", bot), e);
            }
        }
        RemoteId id = new RemoteId(chatId, ids);
        return new PublishResult(id.toString(), url(chat, ids.get(0)), TelegramConnector.date(sent.get(0)));
    }

    private static List<byte[]> photos(PostVariant v, AccountContext context) throws RejectedException {
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < v.media().size(); i++) {
            Media m = v.media().get(i);
            try {
                photos.add(context.media(m));
            } catch (IOException e) {
                throw new RejectedException("Telegram: media[" + i + "] (" + m.id() + ") cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return photos;
    }

    /** sendMessage's parameters: no {@code parse_mode} and no entities, so the text is shown as written. */
    private static JsonObject message(BotAccount bot, String text, Long replyTo) {
        JsonObject p = new JsonObject();
        chat(p, bot);
        p.addProperty("text", text);
        if (replyTo != null) {
            p.add("reply_parameters", reply(replyTo));
        }
        return p;
    }

    private static Multipart photo(BotAccount bot, PostVariant v, byte[] photo, Long replyTo) {
        Multipart.Builder b = Multipart.builder().field("chat_id", bot.chatId());
        if (!v.text().isBlank()) {
            b.field("caption", v.text());
        }
        if (replyTo != null) {
            b.field("reply_parameters", reply(replyTo).toString());
        }
        Media m = v.media().get(0);
        return b.file("photo", fileName("photo", m), m.mediaType(), photo).build();
    }

    /** sendMediaGroup: InputMediaPhoto items pointing at uploaded parts ({@code attach://photoN}), caption on the first. */
    private static Multipart album(BotAccount bot, PostVariant v, List<byte[]> photos, Long replyTo) {
        Multipart.Builder b = Multipart.builder().field("chat_id", bot.chatId());
        JsonArray media = new JsonArray();
        for (int i = 0; i < photos.size(); i++) {
            JsonObject item = new JsonObject();
            item.addProperty("type", "photo");
            item.addProperty("media", "attach://photo" + i);
            if (i == 0 && !v.text().isBlank()) {
                item.addProperty("caption", v.text());
            }
            media.add(item);
        }
        b.field("media", media.toString());
        if (replyTo != null) {
            b.field("reply_parameters", reply(replyTo).toString());
        }
        for (int i = 0; i < photos.size(); i++) {
            Media m = v.media().get(i);
            b.file("photo" + i, fileName("photo" + i, m), m.mediaType(), photos.get(i));
        }
        return b.build();
    }

    private static void chat(JsonObject p, BotAccount bot) {
        if (bot.chatId().startsWith("@")) {
            p.addProperty("chat_id", bot.chatId());
        } else {
            p.addProperty("chat_id", Long.parseLong(bot.chatId()));
        }
    }

    private static JsonObject reply(long messageId) {
        JsonObject r = new JsonObject();
        r.addProperty("message_id", messageId);
        return r;
    }

    private static String fileName(String base, Media m) {
        return base + (m.mediaType().equals("image/png") ? ".png" : ".jpg");
    }

    /** The Message, or the Messages of an album, Telegram answered; an answer without them leaves the outcome unknown. */
    private static List<JsonObject> messages(JsonElement result, Call call) throws OutcomeUnknownException {
        List<JsonObject> list = new ArrayList<>();
        if (result.isJsonArray()) {
            result.getAsJsonArray().forEach(e -> {
                if (e.isJsonObject()) {
                    list.add(e.getAsJsonObject());
                }
            });
        } else if (result.isJsonObject()) {
            list.add(result.getAsJsonObject());
        }
        for (JsonObject m : list) {
            if (!m.has("message_id") || !m.has("chat") || !m.get("chat").isJsonObject()
                    || !m.getAsJsonObject("chat").has("id")) {
                list.clear();
                break;
            }
        }
        if (list.isEmpty()) {
            throw new OutcomeUnknownException("Telegram: " + call.what() + " was answered without the message it"
                    + " made; it may have been posted: look at the chat before sending it again");
        }
        return list;
    }

    /**
     * A link to the first message: {@code t.me/<username>/<id>} in a public chat,
     * {@code t.me/c/<id>/<id>} (members only) in a private supergroup or channel,
     * none in a basic group.
     */
    static String url(JsonObject chat, long messageId) {
        if (chat.has("username") && chat.get("username").isJsonPrimitive()) {
            return "https://t.me/" + chat.get("username").getAsString() + "/" + messageId;
        }
        String id = chat.get("id").getAsString();
        if (id.startsWith("-100")) {
            return "https://t.me/c/" + id.substring(4) + "/" + messageId;
        }
        return null;
    }
}
