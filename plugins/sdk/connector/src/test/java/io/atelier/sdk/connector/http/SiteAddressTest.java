package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.sdk.connector.testing.TestAccount;

class SiteAddressTest {

    @Test
    void anEndpointIsTheSiteWithoutTrailingSlashesAndABadOneIsAnAccountToFix() throws Exception {
        assertEquals(URI.create("https://example.com/blog"),
                SiteAddress.of(new TestAccount("ann", " https://example.com/blog// ", Map.of(), false).account(), "Blog"));
        AuthExpiredException none = assertThrows(AuthExpiredException.class,
                () -> SiteAddress.of(new TestAccount("bob", " ", Map.of(), false).account(), "Blog"));
        assertTrue(none.getMessage().startsWith("the Blog account bob (acc_bob) has no site address"), none.getMessage());
        AuthExpiredException ftp = assertThrows(AuthExpiredException.class,
                () -> SiteAddress.of(new TestAccount("cy", "ftp://example.com", Map.of(), false).account(), "Blog"));
        assertTrue(ftp.getMessage().contains("is not a site address: it is not an http(s) address"), ftp.getMessage());

        assertNull(SiteAddress.problem("http://127.0.0.1:8080/"));
        assertEquals("it needs a host and no query, fragment or user name", SiteAddress.problem("https://u@example.com"));
        assertEquals("it needs a host and no query, fragment or user name", SiteAddress.problem("https://example.com?a=1"));
        assertTrue(SiteAddress.problem("https://exa mple.com").startsWith("it is not a URL"));
    }

    @Test
    void aRedirectNamesTheSiteAddressItPointsTo() {
        HttpAnswer moved = answer(301, "https://www.example.com/blog/wp-json/wp/v2/posts?per_page=1");
        AuthExpiredException e = SiteAddress.redirected("Blog", moved, Call.read("reading posts"), "/wp-json");
        assertEquals("Blog: reading posts: example.com redirects (HTTP 301) to https://www.example.com/blog; set the"
                + " account's site address to the site's own address, https://www.example.com/blog", e.getMessage());

        HttpAnswer relative = answer(302, "/elsewhere");
        assertEquals("Blog: reading posts: example.com redirects (HTTP 302) to http://example.com; set the account's"
                + " site address to the site's own address, http://example.com",
                SiteAddress.redirected("Blog", relative, Call.read("reading posts"), "/wp-json").getMessage(),
                "a redirect away from the API names the host only");
        HttpAnswer nowhere = new HttpAnswer(307, HttpHeaders.of(Map.of(), (a, b) -> true), new byte[0],
                URI.create("http://example.com/wp-json/x"));
        assertEquals("Blog: reading posts: example.com redirects (HTTP 307); set the account's site address to the"
                + " site's own address", SiteAddress.redirected("Blog", nowhere, Call.read("reading posts"), "/wp-json")
                        .getMessage());
    }

    private static HttpAnswer answer(int status, String location) {
        return new HttpAnswer(status, HttpHeaders.of(Map.of("Location", List.of(location)), (a, b) -> true),
                new byte[0], URI.create("http://example.com/wp-json/wp/v2/posts"));
    }
}
