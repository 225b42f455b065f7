package io.atelier.api.reporting;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a workspace shows itself on its reports, as it does on the client sign-off
 * page: a logo and an accent colour (the name is {@link Report#workspaceName()}).
 * Renderers that cannot show a part leave it out.
 *
 * @param logoType the logo's media type, {@code image/png} or {@code image/jpeg}, or {@code null} for none
 * @param logo     the logo's bytes (at most {@link #MAX_LOGO_BYTES}), or {@code null} for none
 * @param accent   a colour {@code #rrggbb}, or {@code null} for the renderer's own
 */
public record ReportBranding(String logoType, byte[] logo, String accent) {

    /** No logo, no accent. */
    public static final ReportBranding NONE = new ReportBranding(null, null, null);
    /** The logo types every renderer can draw. */
    public static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg");
    /** The largest logo a report carries. */
    public static final int MAX_LOGO_BYTES = 1024 * 1024;

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public ReportBranding {
        if ((logo == null) != (logoType == null)) {
            throw new IllegalArgumentException("logo and logoType come together");
        }
        if (logoType != null && !LOGO_TYPES.contains(logoType)) {
            throw new IllegalArgumentException("logoType must be one of " + LOGO_TYPES + ", not " + logoType);
        }
        if (logo != null && (logo.length == 0 || logo.length > MAX_LOGO_BYTES)) {
            throw new IllegalArgumentException("logo must be 1 to " + MAX_LOGO_BYTES + " bytes, not " + logo.length);
        }
        if (accent != null && !COLOUR.matcher(accent).matches()) {
            throw new IllegalArgumentException("accent must be a colour #rrggbb, not " + accent);
        }
        logo = logo == null ? null : logo.clone();
    }

    /** The logo's bytes (a copy), or {@code null}. */
    @Override
    public byte[] logo() {
        return logo == null ? null : logo.clone();
    }

    /** Whether there is a logo to draw. */
    public boolean hasLogo() {
        return logo != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportBranding b && Objects.equals(logoType, b.logoType)
                && Arrays.equals(logo, b.logo) && Objects.equals(accent, b.accent);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(logoType, accent) + Arrays.hashCode(logo);
    }

    @Override
    public String toString() {
        return "ReportBranding[" + (logo == null ? "no logo" : logoType + ", " + logo.length + " bytes") + ", accent "
                + accent + "]";
    }
}
