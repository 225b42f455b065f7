package io.atelier.reporting.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The metrics of one workspace over a long history, as the collector would have
 * saved them, written straight into {@code post}, {@code post_target},
 * {@code metric_subject} and {@code metric_sample} with batched inserts (the
 * rollups are left to {@code rebuildRollups}).
 *
 * <p>The workspace's accounts are each read once an hour, at their own minute
 * (account {@code a} of {@code n} at {@code a * 60 / n} minutes past the hour),
 * over {@link #days} days that end at {@link #end}. Each reading saves the
 * account's followers and the four counters (likes, replies, shares, quotes) of its
 * posts that are being measured: every hour for their first 72 hours, then once a
 * day until they are 90 days old. Posts are published every day of the history,
 * spread over the accounts in turn, at a random time between 07:00 and 22:00 in the
 * workspace's zone; the number of posts is what makes the samples reach the
 * requested count. The samples are written in the order the collector writes
 * them, by time, so the tables are laid out as in a real installation.
 *
 * <p>Counters grow like real ones: each post has a final number of likes drawn
 * from a log-normal distribution (median 25, a long tail of posts that travel), the
 * other counters a random fraction of it, and reaches it along a curve that does
 * most of its work in the first hours and a little over the following weeks; one
 * reading in 25 is a like or share taken back. Followers drift up by about 0.05 %
 * a day with hourly noise and an occasional surge. Everything comes from one seed,
 * so the H2 and PostgreSQL databases of a run hold the same figures.
 */
final class MetricsFixture {

    static final List<String> POST_METRICS = List.of("likes", "replies", "shares", "quotes");
    static final String FOLLOWERS = "followers";
    /** A post is read every hour while it is younger than this, then once a day. */
    static final int HOURLY_READINGS = 72;
    /** Daily readings after the hourly ones: the last at about 90 days. */
    static final int DAILY_READINGS = 87;
    /** The hour, counted from a post's first reading, of its last reading. */
    static final int LAST_READING = HOURLY_READINGS - 1 + 24 * DAILY_READINGS;
    private static final int BATCH = 5_000;
    private static final int COMMIT_EVERY = 50_000;
    private static final long[] FOLLOWERS_AT_START = {8_200, 23_500, 61_000, 142_000};
    private static final String[] WORDS = ("nouvelle collection atelier printemps livraison offerte boutique"
            + " commande merci retours photo coulisses équipe lancement édition limitée conseils entretien"
            + " découvrez aujourd'hui semaine prochaine question avis partage concours gagnant bravo").split(" ");

    /** One post of the fixture, with what decides its counters. */
    record Post(int index, int account, Instant publishedAt, long firstTick, long finalLikes, double[] shares,
            double fastHours, double slowPart) {
    }

    /** What was written, and in how long. */
    record Loaded(int posts, long postSamples, long followerSamples, Duration elapsed) {

        long samples() {
            return postSamples + followerSamples;
        }
    }

    private final ZoneId zone;
    private final LocalDate end;
    private final int days;
    private final int accounts;
    private final long seed;
    private final Instant start;
    private final Instant stop;
    private final List<Post> posts;

    /**
     * A fixture of about {@code samples} samples (never more) over {@code days} days
     * ending at the start of {@code end} in {@code zone}.
     */
    MetricsFixture(ZoneId zone, LocalDate end, int days, int accounts, long samples, long seed) {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts: at least 1, not " + accounts);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days: at least 1, not " + days);
        }
        this.zone = zone;
        this.end = end;
        this.days = days;
        this.accounts = accounts;
        this.seed = seed;
        this.start = end.minusDays(days).atStartOfDay(zone).toInstant();
        this.stop = end.atStartOfDay(zone).toInstant();
        long followers = followerSamples();
        if (samples < followers) {
            throw new IllegalArgumentException("samples: at least " + followers + " (the accounts' hourly followers over "
                    + days + " days), not " + samples);
        }
        // The most posts whose samples, with the followers', stay within the count asked for.
        int low = 0;
        int high = (int) Math.min(Integer.MAX_VALUE - 1L, (samples - followers) / POST_METRICS.size() + 1);
        while (low < high) {
            int middle = (int) ((low + (long) high + 1) / 2);
            if (followers + postSamples(posts(middle)) <= samples) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        this.posts = posts(low);
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate end() {
        return end;
    }

    List<Post> posts() {
        return posts;
    }

    long samples() {
        return followerSamples() + postSamples(posts);
    }

    /** The account's handle, the same in every database of a run. */
    static String handle(int account) {
        return "brand" + account + ".example";
    }

    /**
     * Writes the fixture for the workspace and its accounts ({@code accountIds[a]} is
     * account {@code a}), on {@code connection}, committing every 50,000 rows.
     */
    Loaded load(Connection connection, String workspaceId, List<String> accountIds) throws SQLException {
        if (accountIds.size() != accounts) {
            throw new IllegalArgumentException("accountIds: " + accounts + " expected, not " + accountIds.size());
        }
        long began = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            writePosts(connection, workspaceId, accountIds);
            writeSubjects(connection, workspaceId, accountIds);
            // A bulk load: the samples' two indexes are built once they are all in, as the schema defines them.
            // Filled row by row in time order, the primary key (subject first) would take each batch's rows
            // all over its tree: on H2 that is some 6,000 rows a second.
            String primaryKey = primaryKeyName(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE metric_sample DROP CONSTRAINT " + primaryKey);
                statement.execute("DROP INDEX metric_sample_measured");
            }
            connection.commit();
            long[] counts = writeSamples(connection);
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE metric_sample ADD CONSTRAINT " + primaryKey
                        + " PRIMARY KEY (subject_id, metric, measured_at)");
                statement.execute("CREATE INDEX metric_sample_measured ON metric_sample (measured_at)");
                // The ids above were given explicitly: the next subject the collector creates takes the next one.
                statement.execute("ALTER TABLE metric_subject ALTER COLUMN id RESTART WITH " + (subjectId(posts.size())));
            }
            connection.commit();
            return new Loaded(posts.size(), counts[0], counts[1], Duration.ofNanos(System.nanoTime() - began));
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The name the database gave the primary key of {@code metric_sample} (H2 and PostgreSQL name it differently). */
    private static String primaryKeyName(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT constraint_name FROM"
                + " information_schema.table_constraints WHERE LOWER(table_name) = 'metric_sample'"
                + " AND constraint_type = 'PRIMARY KEY'");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("metric_sample has no primary key");
            }
            return row.getString(1);
        }
    }

    // Shape of the history

    private long followerSamples() {
        long total = 0;
        for (int a = 0; a < accounts; a++) {
            total += lastTick(a) + 1;
        }
        return total;
    }

    /** When account {@code a} is read for the {@code tick}th time. */
    private Instant tick(int account, long tick) {
        return start.plus(Duration.ofHours(tick)).plus(Duration.ofSeconds(account * 3600L / accounts));
    }

    /** The last reading of the account before the end. */
    private long lastTick(int account) {
        long offset = account * 3600L / accounts;
        long seconds = Duration.between(start, stop).toSeconds() - offset;
        return (seconds - 1) / 3600;
    }

    /** Whether a post is read at the {@code hour}th hour after its first reading. */
    static boolean readAt(long hour) {
        return hour >= 0 && (hour < HOURLY_READINGS
                || (hour <= LAST_READING && (hour - (HOURLY_READINGS - 1)) % 24 == 0));
    }

    /** How many times a post whose first reading is {@code firstTick} is read by {@code lastTick}. */
    static long readings(long firstTick, long lastTick) {
        long hours = lastTick - firstTick;
        if (hours < 0) {
            return 0;
        }
        if (hours < HOURLY_READINGS) {
            return hours + 1;
        }
        return HOURLY_READINGS + Math.min(DAILY_READINGS, (hours - (HOURLY_READINGS - 1)) / 24);
    }

    private long postSamples(List<Post> list) {
        long total = 0;
        for (Post post : list) {
            total += POST_METRICS.size() * readings(post.firstTick(), lastTick(post.account()));
        }
        return total;
    }

    /** {@code count} posts spread evenly over the days and in turn over the accounts, by publication time. */
    private List<Post> posts(int count) {
        List<Post> list = new ArrayList<>(count);
        LocalDate first = end.minusDays(days);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            int account = i % accounts;
            LocalDate day = first.plusDays((long) i * days / count);
            LocalTime time = LocalTime.of(7, 0).plusSeconds(random.nextInt(15 * 3600));
            Instant publishedAt = day.atTime(time).atZone(zone).toInstant();
            long offset = account * 3600L / accounts;
            long firstTick = Math.floorDiv(Duration.between(start, publishedAt).toSeconds() - offset, 3600) + 1;
            long finalLikes = Math.min(250_000, Math.round(Math.exp(Math.log(25) + 1.2 * gaussian(random))));
            double[] shares = {1.0, 0.03 + 0.07 * random.nextDouble(), 0.05 + 0.10 * random.nextDouble(),
                    0.005 + 0.025 * random.nextDouble()};
            list.add(new Post(i, account, publishedAt, firstTick, finalLikes, shares, 2 + 6 * random.nextDouble(),
                    0.05 + 0.20 * random.nextDouble()));
        }
        list.sort(Comparator.comparing(Post::publishedAt).thenComparing(Post::index));
        return list;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The counter {@code metric} of {@code post} at its reading {@code hour} hours after its first. */
    static long value(Post post, int metric, long hour, Instant at) {
        double age = Duration.between(post.publishedAt(), at).toSeconds() / 3600.0;
        double done = (1 - post.slowPart()) * (1 - Math.exp(-age / post.fastHours()))
                + post.slowPart() * (1 - Math.exp(-age / (15 * 24)));
        long value = (long) Math.floor(post.finalLikes() * post.shares()[metric] * done);
        // One reading in 25 shows a like or share taken back, given again by the next one.
        long mix = (post.index() * 0x9E3779B97F4A7C15L) ^ (hour * 0xC2B2AE3D27D4EB4FL) ^ metric;
        mix ^= mix >>> 29;
        return value > 0 && Math.floorMod(mix * 0x94D049BB133111EBL >>> 33, 25) == 0 ? value - 1 : value;
    }

    // Writing

    /** Subject ids: 1 to n for the accounts, then the posts by publication time, as the collector creates them. */
    private long subjectId(int postPosition) {
        return accounts + 1L + postPosition;
    }

    private static String postId(Post post) {
        return String.format("post-%08d", post.index());
    }

    private static String remoteId(Post post) {
        return "at://did:plc:" + handle(post.account()).replace('.', '-') + "/app.bsky.feed.post/"
                + Long.toString(1_000_000_000L + post.index() * 7919L, 36);
    }

    private void writePosts(Connection connection, String workspaceId, List<String> accountIds) throws SQLException {
        try (PreparedStatement post = connection.prepareStatement("INSERT INTO post (id, workspace_id, state, due_at,"
                + " time_zone, series_id, version, created_at, updated_at, created_by)"
                + " VALUES (?, ?, 'PUBLISHED', ?, ?, NULL, 3, ?, ?, 'bench')");
                PreparedStatement target = connection.prepareStatement("INSERT INTO post_target (post_id, workspace_id,"
                        + " account_id, ordinal, body, media, thread, state, due_at, next_at, attempts, lease_owner,"
                        + " remote_id, url, error, published_at)"
                        + " VALUES (?, ?, ?, 0, ?, '[]', '[]', 'PUBLISHED', ?, NULL, 1, NULL, ?, ?, NULL, ?)")) {
            int pending = 0;
            for (Post p : posts) {
                OffsetDateTime at = utc(p.publishedAt());
                OffsetDateTime created = utc(p.publishedAt().minus(Duration.ofDays(2)));
                post.setString(1, postId(p));
                post.setString(2, workspaceId);
                post.setObject(3, at);
                post.setString(4, zone.getId());
                post.setObject(5, created);
                post.setObject(6, at);
                post.addBatch();
                String remote = remoteId(p);
                target.setString(1, postId(p));
                target.setString(2, workspaceId);
                target.setString(3, accountIds.get(p.account()));
                target.setString(4, body(p));
                target.setObject(5, at);
                target.setString(6, remote);
                target.setString(7, "https://bsky.app/profile/" + handle(p.account()) + "/post/"
                        + remote.substring(remote.lastIndexOf('/') + 1));
                target.setObject(8, at);
                target.addBatch();
                if (++pending == BATCH) {
                    post.executeBatch();
                    target.executeBatch();
                    connection.commit();
                    pending = 0;
                }
            }
            post.executeBatch();
            target.executeBatch();
            connection.commit();
        }
    }

    private String body(Post post) {
        SplittableRandom random = new SplittableRandom(seed ^ (post.index() * 31L + 7));
        StringBuilder text = new StringBuilder();
        int length = 80 + random.nextInt(200);
        while (text.length() < length) {
            text.append(text.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append(" #atelier").toString();
    }

    private void writeSubjects(Connection connection, String workspaceId, List<String> accountIds)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_subject (id, workspace_id,"
                + " account_id, kind, remote_id, post_id, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int a = 0; a < accounts; a++) {
                insert.setLong(1, a + 1L);
                insert.setString(2, workspaceId);
                insert.setString(3, accountIds.get(a));
                insert.setString(4, "ACCOUNT");
                insert.setString(5, "");
                insert.setString(6, null);
                insert.setObject(7, null);
                insert.addBatch();
            }
            int pending = 0;
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                if (readings(p.firstTick(), lastTick(p.account())) == 0) {
                    continue; // published after its account's last reading: the collector has not seen it yet
                }
                insert.setLong(1, subjectId(i));
                insert.setString(2, workspaceId);
                insert.setString(3, accountIds.get(p.account()));
                insert.setString(4, "POST");
                insert.setString(5, remoteId(p));
                insert.setString(6, postId(p));
                insert.setObject(7, utc(p.publishedAt()));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** The samples in time order, as the hourly collections save them. @return post samples, follower samples */
    private long[] writeSamples(Connection connection) throws SQLException {
        long postSamples = 0;
        long followerSamples = 0;
        // Each account's posts by first reading, and the window of them being measured.
        List<List<Integer>> byAccount = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            byAccount.add(new ArrayList<>());
        }
        for (int i = 0; i < posts.size(); i++) {
            byAccount.get(posts.get(i).account()).add(i);
        }
        int[] low = new int[accounts];
        int[] high = new int[accounts];
        long[] followers = new long[accounts];
        SplittableRandom[] drift = new SplittableRandom[accounts];
        for (int a = 0; a < accounts; a++) {
            followers[a] = FOLLOWERS_AT_START[a % FOLLOWERS_AT_START.length] * (1 + a / FOLLOWERS_AT_START.length);
            drift[a] = new SplittableRandom(seed * 31 + a);
        }
        long maxTick = 0;
        for (int a = 0; a < accounts; a++) {
            maxTick = Math.max(maxTick, lastTick(a));
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_sample (subject_id, metric,"
                + " measured_at, metric_value) VALUES (?, ?, ?, ?)")) {
            long pending = 0;
            long uncommitted = 0;
            for (long tick = 0; tick <= maxTick; tick++) {
                for (int a = 0; a < accounts; a++) {
                    if (tick > lastTick(a)) {
                        continue;
                    }
                    Instant at = tick(a, tick);
                    OffsetDateTime stamp = utc(at);
                    followers[a] = nextFollowers(followers[a], drift[a]);
                    add(insert, a + 1L, FOLLOWERS, stamp, followers[a]);
                    followerSamples++;
                    pending++;
                    List<Integer> own = byAccount.get(a);
                    while (high[a] < own.size() && posts.get(own.get(high[a])).firstTick() <= tick) {
                        high[a]++;
                    }
                    while (low[a] < high[a] && posts.get(own.get(low[a])).firstTick() + LAST_READING < tick) {
                        low[a]++;
                    }
                    for (int w = low[a]; w < high[a]; w++) {
                        int position = own.get(w);
                        Post p = posts.get(position);
                        long hour = tick - p.firstTick();
                        if (!readAt(hour)) {
                            continue;
                        }
                        for (int m = 0; m < POST_METRICS.size(); m++) {
                            add(insert, subjectId(position), POST_METRICS.get(m), stamp, value(p, m, hour, at));
                        }
                        postSamples += POST_METRICS.size();
                        pending += POST_METRICS.size();
                    }
                    if (pending >= BATCH) {
                        insert.executeBatch();
                        uncommitted += pending;
                        pending = 0;
                        if (uncommitted >= COMMIT_EVERY) {
                            connection.commit();
                            uncommitted = 0;
                        }
                    }
                }
            }
            insert.executeBatch();
        }
        return new long[] {postSamples, followerSamples};
    }

    private static long nextFollowers(long current, SplittableRandom random) {
        double mean = current * 0.0005 / 24;
        long change = Math.round(mean + (1.5 + mean) * gaussian(random));
        if (random.nextInt(500) == 0) {
            change += 50 + random.nextInt(450);
        }
        return Math.max(0, current + change);
    }

    private static void add(PreparedStatement insert, long subject, String metric, OffsetDateTime at, long value)
            throws SQLException {
        insert.setLong(1, subject);
        insert.setString(2, metric);
        insert.setObject(3, at);
        insert.setLong(4, value);
        insert.addBatch();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
