package io.atelier.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduling tests set up through REST, written once: a workspace, and
 * accounts on the test network once its plugin is running.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** A new workspace in Europe/Paris; its id. */
    static String workspace(Rest rest, String name) throws Exception {
        Rest.Answer created = rest.post("api/v1/workspaces", "{\"name\":\"" + name + "\",\"zone\":\"Europe/Paris\"}");
        if (created.status() != 201) {
            throw new AssertionError("creating a workspace answered " + created.status() + ": " + created.body());
        }
        return created.object().get("id").getAsString();
    }

    /** {@code count} accounts of the testnet platform on {@code network}, once the plugin is up; their ids. */
    static List<String> testnetAccounts(Rest rest, String ws, TestNetwork network, int count) throws Exception {
        Poll.until("the testnet platform is installed", Duration.ofSeconds(30),
                () -> rest.get("api/v1/platforms/testnet").status() == 200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Rest.Answer account = rest.post("api/v1/workspaces/" + ws + "/accounts", "{\"platform\":\"testnet\","
                    + "\"handle\":\"account" + i + "\",\"endpoint\":\"" + network.endpoint() + "\",\"credentials\":{}}");
            if (account.status() != 201) {
                throw new AssertionError("adding an account answered " + account.status() + ": " + account.body());
            }
            ids.add(account.object().get("id").getAsString());
        }
        return ids;
    }

    /** How many posts of the workspace are in {@code state}. */
    static int count(Rest rest, String ws, String state) throws Exception {
        Rest.Answer list = rest.get("api/v1/workspaces/" + ws + "/posts?state=" + state + "&limit=5000");
        if (list.status() != 200) {
            throw new AssertionError("listing posts answered " + list.status() + ": " + list.body());
        }
        return list.array().size();
    }
}
