package io.atelier.platform.telegram.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;

/**
 * Checks an account before it is used: the token names a bot ({@code getMe}),
 * the chat exists and the bot sees it ({@code getChat}), and the bot is an
 * administrator there, in a channel with the right to post messages
 * ({@code getChatMember} of the bot itself). Each refusal says what to change.
 */
final class Membership {

    private final BotApi api;

    Membership(BotApi api) {
        this.api = api;
    }

    void check(BotAccount bot) throws PlatformException {
        JsonObject me = object(api.call(bot, "getMe", new JsonObject(), Call.read("checking the bot token (getMe)")));
        long botId = me.get("id").getAsLong();
        String botName = me.has("username") ? "@" + me.get("username").getAsString() : "bot " + botId;
        JsonObject params = new JsonObject();
        params.addProperty("chat_id", bot.chatId());
        JsonObject chat;
        try {
            chat = object(api.call(bot, "getChat", params, Call.read("looking up chat " + bot.chatId() + " (getChat)")));
        } catch (RejectedException e) {
            throw new AuthExpiredException(e.getMessage() + "; check the account's chat id and that " + botName
                    + " was added to the channel or group", e);
        }
        String type = string(chat, "type");
        String title = chat.has("title") ? "'" + string(chat, "title") + "'" : bot.chatId();
        if (!type.equals("channel") && !type.equals("group") && !type.equals("supergroup")) {
            throw new AuthExpiredException("Telegram: chat " + bot.chatId() + " is a " + type + " chat; this plugin"
                    + " publishes to channels and groups only");
        }
        String kind = type.equals("channel") ? "channel" : "group";
        params.addProperty("user_id", botId);
        JsonObject member;
        try {
            member = object(api.call(bot, "getChatMember", params,
                    Call.read("looking up " + botName + " in chat " + bot.chatId() + " (getChatMember)")));
        } catch (RejectedException e) {
            throw new AuthExpiredException(e.getMessage() + "; add " + botName + " to the " + kind + " as an"
                    + " administrator allowed to post messages", e);
        }
        String status = string(member, "status");
        if (status.equals("creator")) {
            return;
        }
        if (!status.equals("administrator")) {
            throw new AuthExpiredException("Telegram: " + botName + " is not an administrator of " + kind + " "
                    + title + " (its status there is '" + status + "'); add it as an administrator allowed to post"
                    + " messages, then connect the account again");
        }
        if (type.equals("channel") && !(member.has("can_post_messages") && member.get("can_post_messages").getAsBoolean())) {
            throw new AuthExpiredException("Telegram: " + botName + " is an administrator of channel " + title
                    + " without the right to post messages; turn on 'Post messages' in its administrator rights, then"
                    + " connect the account again");
        }
    }

    private static JsonObject object(JsonElement e) throws RejectedException {
        if (!e.isJsonObject()) {
            throw new RejectedException("Telegram answered something that is not an object: " + e);
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String name) {
        JsonElement v = o.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : "unknown";
    }
}
